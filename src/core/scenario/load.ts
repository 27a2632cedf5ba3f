/**
 * Parse, migrate and validate a scenario document. Errors are values naming the field.
 */
import { ScenarioSchema, SCENARIO_VERSION, type Scenario } from './schema';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * Migrations from older versions, keyed by the version they upgrade *from*. Each takes the raw
 * document of version k and returns version k+1. Version 1 is the first, so none exist yet.
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

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
