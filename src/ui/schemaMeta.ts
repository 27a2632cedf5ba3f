/**
 * Field metadata for editors, read from the scenario schema itself so the editor cannot drift
 * from it: ranges and defaults from the zod schemas, and the hover text ("source of each
 * default") from the doc comment above each field in the schema's source file.
 */
import { DesignSchema } from '../core/scenario/design';
import designSource from '../core/scenario/design.ts?raw';
import schemaSource from '../core/scenario/schema.ts?raw';

/**
 * Doc comments of object fields in a TypeScript source: key "<SchemaName>.<field>" ->
 * comment text. Handles single- and multi-line `/** ... *\/` comments directly above a
 * `field: z....` line inside `export const <Name> = z.object({`.
 */
export function parseFieldComments(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = src.split(/\r?\n/);
  let group = '';
  let pending: string[] | null = null;
  let inComment = false;
  let lastComment = '';
  for (const raw of lines) {
    const line = raw.trim();
    const g = /^(?:export\s+)?const\s+(\w+)\s*=/.exec(line);
    if (g) group = g[1];
    if (inComment) {
      const end = line.indexOf('*/');
      pending!.push(line.slice(0, end >= 0 ? end : undefined).replace(/^\*\s?/, ''));
      if (end >= 0) {
        inComment = false;
        lastComment = pending!.join(' ').replace(/\s+/g, ' ').trim();
        pending = null;
      }
      continue;
    }
    if (line.startsWith('/**')) {
      const body = line.slice(3);
      const end = body.indexOf('*/');
      if (end >= 0) lastComment = body.slice(0, end).trim();
      else {
        pending = [body];
        inComment = true;
      }
      continue;
    }
    const f = /^(\w+)\s*:/.exec(line);
    if (f && lastComment && group) out.set(`${group}.${f[1]}`, lastComment);
    if (line !== '') lastComment = f ? '' : lastComment && line.startsWith('//') ? lastComment : '';
  }
  return out;
}

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

export const DESIGN_GROUPS = ['solarArray', 'power', 'compute', 'radiator', 'mass'] as const;
export type DesignGroup = (typeof DESIGN_GROUPS)[number];
export const DESIGN_GROUP_LABELS: Record<DesignGroup, string> = {
  solarArray: 'Solar array',
  power: 'Power system',
  compute: 'Compute payload',
  radiator: 'Radiator',
  mass: 'Mass and cost',
};
const GROUP_SCHEMA_NAME: Record<DesignGroup, string> = {
  solarArray: 'SolarArraySchema',
  power: 'PowerSystemSchema',
  compute: 'ComputeSchema',
  radiator: 'RadiatorSchema',
  mass: 'MassCostSchema',
};

/** Unit from the field name's suffix (the project names carry units). */
export function unitFromName(key: string): string {
  const rules: Array<[RegExp, string]> = [
    [/UsdPerKg$/, 'USD/kg'],
    [/KgPerM2$/, 'kg/m²'],
    [/KgPerAccelerator$/, 'kg'],
    [/WhPerKg$/, 'Wh/kg'],
    [/UsdPer\w+$/, 'USD'],
    [/PerC$/, '1/°C'],
    [/PerYear$/, '1/yr'],
    [/Years$/, 'yr'],
    [/M2$/, 'm²'],
    [/Wh$/, 'Wh'],
    [/W$/, 'W'],
    [/Kg$/, 'kg'],
    [/TempC$/, '°C'],
    [/Km$/, 'km'],
    [/Deg$/, 'deg'],
    [/Hours$/, 'h'],
    [/Ms$/, 'ms'],
    [/Gbps$/, 'Gbps'],
  ];
  for (const [re, u] of rules) if (re.test(key)) return u;
  if (/(Efficiency|Factor|Degradation|Dod|ivity)$/.test(key)) return 'fraction';
  return '';
}

const LABEL_OVERRIDES: Record<string, string> = {
  batteryDod: 'Battery depth of discharge',
  tempCoeffPerC: 'Temperature coefficient',
  cellTempC: 'Cell temperature',
  operatingTempC: 'Operating temperature',
  hardwareUsdPerSatellite: 'Hardware cost per satellite',
  launchUsdPerKg: 'Launch cost',
  computeKgPerAccelerator: 'Compute mass per accelerator',
  arrayKgPerM2: 'Array areal mass',
  radiatorKgPerM2: 'Radiator areal mass',
  batteryWhPerKg: 'Battery specific energy',
  degradationPerYear: 'Degradation per year',
  overheadPerAcceleratorW: 'Overhead per accelerator',
  powerPerAcceleratorW: 'Power per accelerator',
  sunOnRadiator: 'Sun falls on radiator',
  busKg: 'Bus dry mass',
  areaM2: 'Area',
};

/** "inherentDegradation" -> "Inherent degradation" (unit suffix dropped). */
export function labelFromKey(key: string): string {
  if (LABEL_OVERRIDES[key]) return LABEL_OVERRIDES[key];
  const stem = key.replace(/(M2|Wh|W|Kg|C|Years|Km|Deg|Hours|Ms)$/, '');
  const words = stem.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// zod 4 internals used read-only for introspection.
interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; defaultValue?: unknown; entries?: Record<string, string>; options?: ZodLike[]; values?: unknown[]; shape?: Record<string, ZodLike>; checks?: unknown[] }; bag?: Record<string, unknown> };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  shape?: Record<string, ZodLike>;
  options?: Array<string | number>;
  maxLength?: number | null;
}

function unwrap(t: ZodLike): { base: ZodLike; defaultValue: unknown } {
  let cur = t;
  let defaultValue: unknown = undefined;
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
