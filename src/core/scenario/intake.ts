/**
 * Scenarios from outside the planner's own files (share links, `?scenario=` URLs, postMessage,
 * the library's `mount`): one gate that validates through the shared loader (so version 1 files
 * and later versions go through the same migrations as Open), refuses fleets the viewer cannot
 * draw, and names unknown fields instead of dropping them silently. Never throws.
 */
import { generatedShellCount, MAX_FLEET_SATELLITES } from '../fleet/generators';
import { validateScenario } from './load';
import { ScenarioSchema, type Scenario } from './schema';

export type IntakeResult = { ok: true; scenario: Scenario; notes: string[] } | { ok: false; error: string };

/** Longest JSON text accepted from a URL or a message (the largest valid scenarios are a few MB). */
export const MAX_SCENARIO_JSON_CHARS = 32 * 1024 * 1024;

const KNOWN_TOP_LEVEL = new Set(Object.keys(ScenarioSchema.shape));

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Validate a parsed document (or JSON text) as a scenario. `source` starts every message
 * ("share link", "scenario URL", "ocv:loadScenario").
 */
export function intakeScenario(input: unknown, source: string): IntakeResult {
  let doc = input;
  if (typeof input === 'string') {
    if (input.length > MAX_SCENARIO_JSON_CHARS)
      return { ok: false, error: `${source}: the scenario text is longer than ${fmt(MAX_SCENARIO_JSON_CHARS)} characters; refused` };
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `${source}: not JSON (${(e as Error).message})` };
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, error: `${source}: the scenario must be a JSON object` };
  const r = validateScenario(doc);
  if (!r.ok) {
    const first = r.errors.slice(0, 3).join('; ');
    const more = r.errors.length > 3 ? ` (and ${r.errors.length - 3} more)` : '';
    return { ok: false, error: `${source}: the scenario is not valid: ${first}${more}` };
  }
  let total = 0;
  for (const sh of r.scenario.shells) if (sh.enabled) total += generatedShellCount(sh);
  if (total > MAX_FLEET_SATELLITES)
    return {
      ok: false,
      error: `${source}: shells: ${fmt(total)} satellites in total; the viewer draws at most ${fmt(MAX_FLEET_SATELLITES)}`,
    };
  const unknown = Object.keys(doc as Record<string, unknown>).filter((k) => !KNOWN_TOP_LEVEL.has(k));
  const notes =
    unknown.length > 0
      ? [
          `${source}: ignored unknown field${unknown.length > 1 ? 's' : ''} ${unknown
            .slice(0, 5)
            .map((k) => JSON.stringify(k.slice(0, 40)))
            .join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`,
        ]
      : [];
  return { ok: true, scenario: r.scenario, notes };
}
