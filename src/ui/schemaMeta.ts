/**
 * Field metadata for editors, read from the scenario schema itself so the editor cannot drift
 * from it: ranges and defaults from the zod schemas, and the hover text ("source of each
 * default") from the doc comment above each field in the schema's source file.
 */
import { DesignSchema } from '../core/scenario/design';
import designSource from '../core/scenario/design.ts?raw';
import schemaSource from '../core/scenario/schema.ts?raw';
import {
  DESIGN_GROUPS,
  GROUP_SCHEMA_NAME,
  labelFromKey,
  parseFieldComments,
  unitFromName,
  type DesignGroup,
} from '../core/scenario/fieldMeta';

export {
  DESIGN_GROUP_LABELS,
  DESIGN_GROUPS,
  labelFromKey,
  parseFieldComments,
  unitFromName,
  type DesignGroup,
} from '../core/scenario/fieldMeta';

export const DESIGN_COMMENTS = parseFieldComments(designSource);
export const SCENARIO_COMMENTS = parseFieldComments(schemaSource);

/** Hover text for a scenario field, e.g. ('WalkerShellSchema', 'altitudeKm'). */
export function scenarioHint(schema: string, field: string): string | undefined {
  return SCENARIO_COMMENTS.get(`${schema}.${field}`);
}

/** Hover text for a parameter whose schema line has no doc comment. */
export const NO_SOURCE = 'No source recorded in the design schema: treat the default as an assumption.';

export type FieldKind =
  | { type: 'number'; min?: number; max?: number; gt: boolean; integer: boolean }
  | { type: 'enum'; options: Array<string | number> }
  | { type: 'boolean' }
  | { type: 'string'; maxLength?: number };

export interface DesignFieldMeta {
  group: DesignGroup;
  key: string;
  label: string;
  unit: string;
  kind: FieldKind;
  defaultValue: unknown;
  /** Source of the default (the schema's doc comment). */
  source: string;
}

// zod 4 internals used read-only for introspection.
interface ZodLike {
  _zod: {
    def: {
      type: string;
      innerType?: ZodLike;
      defaultValue?: unknown;
      entries?: Record<string, string>;
      options?: ZodLike[];
      values?: unknown[];
      shape?: Record<string, ZodLike>;
      checks?: unknown[];
    };
    bag?: Record<string, unknown>;
  };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  shape?: Record<string, ZodLike>;
  options?: Array<string | number>;
  maxLength?: number | null;
}

function unwrap(t: ZodLike): { base: ZodLike; defaultValue: unknown } {
  let cur = t;
  let defaultValue: unknown;
  while (['default', 'prefault', 'optional', 'nullable'].includes(cur._zod.def.type) && cur._zod.def.innerType) {
    if (defaultValue === undefined && 'defaultValue' in cur._zod.def) {
      const d = cur._zod.def.defaultValue;
      defaultValue = typeof d === 'function' ? (d as () => unknown)() : d;
    }
    cur = cur._zod.def.innerType;
  }
  return { base: cur, defaultValue };
}

export function fieldKind(t: ZodLike): FieldKind {
  const { base } = unwrap(t);
  const type = base._zod.def.type;
  if (type === 'number') {
    // exclusive lower bound (.gt / .positive): a greater_than check that is not inclusive
    const checks = (base._zod.def.checks ?? []) as Array<{ _zod?: { def?: { check?: string; inclusive?: boolean } } }>;
    const gt = checks.some((c) => c._zod?.def?.check === 'greater_than' && c._zod.def.inclusive === false);
    const min = base.minValue ?? undefined;
    const max = base.maxValue ?? undefined;
    return {
      type: 'number',
      min: min === null || !Number.isFinite(min as number) ? undefined : (min as number),
      max: max === null || !Number.isFinite(max as number) ? undefined : (max as number),
      gt,
      integer: Boolean(base.isInt),
    };
  }
  if (type === 'enum') return { type: 'enum', options: base.options ?? Object.values(base._zod.def.entries ?? {}) };
  if (type === 'union') {
    const opts = (base._zod.def.options ?? []).flatMap((o) => (o._zod.def.values ?? []) as Array<string | number>);
    return { type: 'enum', options: opts };
  }
  if (type === 'boolean') return { type: 'boolean' };
  return { type: 'string', maxLength: base.maxLength ?? undefined };
}

/** Every parameter of a satellite design, in schema order. */
export function designFields(): DesignFieldMeta[] {
  const out: DesignFieldMeta[] = [];
  const shape = DesignSchema.shape as unknown as Record<string, ZodLike>;
  for (const group of DESIGN_GROUPS) {
    const obj = unwrap(shape[group]).base;
    const fields = (obj.shape ?? obj._zod.def.shape ?? {}) as Record<string, ZodLike>;
    for (const [key, t] of Object.entries(fields)) {
      const { defaultValue } = unwrap(t);
      out.push({
        group,
        key,
        label: labelFromKey(key),
        unit: unitFromName(key),
        kind: fieldKind(t),
        defaultValue,
        source: DESIGN_COMMENTS.get(`${GROUP_SCHEMA_NAME[group]}.${key}`) ?? NO_SOURCE,
      });
    }
  }
  return out;
}
