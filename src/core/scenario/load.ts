/**
 * Parse, migrate and validate a scenario document. Errors are values naming the field.
 */
import { describeIssues, formatPath, type IssueLike } from './issues';
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

export { formatPath };

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
  return { ok: false, errors: describeIssues(r.error.issues as unknown as IssueLike[], d) };
}

/** JSON.parse's message with the line and column of its character position, when it gives only the position. */
function jsonErrorWhere(msg: string, text: string): string {
  const m = /position (\d+)/.exec(msg);
  if (!m || /line \d+/.test(msg)) return msg;
  const pos = Math.min(Number(m[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < pos; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `${msg} (line ${line}, column ${pos - lineStart + 1})`;
}

/** Parse scenario JSON text. */
export function parseScenario(text: string): ScenarioResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${jsonErrorWhere((e as Error).message, text)}`] };
  }
  return validateScenario(doc);
}

export function serializeScenario(s: Scenario): string {
  return JSON.stringify(s, null, 2);
}
