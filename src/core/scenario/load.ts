/**
 * Parse, migrate and validate a scenario document. Errors are values naming the field.
 */
import { PropulsionSchema, RadiationSchema } from './design';
import { EnvironmentSchema, LaunchVehicleSchema, ScenarioSchema, SCENARIO_VERSION, type Scenario } from './schema';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * Migrations from older versions, keyed by the version they upgrade *from*. Each takes the raw
 * document of version k and returns version k+1.
 * - 1 -> 2: feasibility beyond power and heat. Adds `environment` and `launch` and each design's
 *   `radiation` and `propulsion` groups with their sourced defaults (src/core/scenario/schema.ts,
 *   design.ts); nothing else changes. A bad design entry is left for validation to name.
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: (doc) => {
    const designs = Array.isArray(doc.designs)
      ? doc.designs.map((d) =>
          typeof d === 'object' && d !== null && !Array.isArray(d)
            ? { ...d, radiation: RadiationSchema.parse({}), propulsion: PropulsionSchema.parse({}) }
            : d,
        )
      : doc.designs;
    return { ...doc, version: 2, designs, environment: EnvironmentSchema.parse({}), launch: LaunchVehicleSchema.parse({}) };
  },
};

function formatPath(path: PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}

/** Validate a parsed JSON value as a scenario, migrating older versions first. */
export function validateScenario(doc: unknown): ScenarioResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, errors: ['scenario must be a JSON object'] };
  let d = doc as Record<string, unknown>;
  const v = d.version;
  if (typeof v !== 'number' || !Number.isInteger(v)) return { ok: false, errors: ['version: missing or not an integer'] };
  if (v > SCENARIO_VERSION)
    return { ok: false, errors: [`version: ${v} is newer than this planner understands (${SCENARIO_VERSION}); update the planner`] };
  for (let k = v; k < SCENARIO_VERSION; k++) {
    const m = MIGRATIONS[k];
    if (!m) return { ok: false, errors: [`version: no migration from version ${k}`] };
    d = m(d);
  }
  const r = ScenarioSchema.safeParse(d);
  if (r.success) return { ok: true, scenario: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
}

/** Parse scenario JSON text. */
export function parseScenario(text: string): ScenarioResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  return validateScenario(doc);
}

export function serializeScenario(s: Scenario): string {
  return JSON.stringify(s, null, 2);
}
