/**
 * Input loading for the CLI: a scenario JSON file or an element file (TLE / OMM JSON / CSV / XML).
 * An element file becomes a one-shell scenario with the default design and ground stations, its
 * window starting at the newest epoch in the file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseElements } from '../core/elements';
import { buildFleet } from '../core/fleet/generators';
import { fleetFromScenario, type ShellImportReport } from '../core/fleet/fromScenario';
import type { Fleet } from '../core/fleet/fleet';
import { defaultGroundStations, PRESETS, presetScenario } from '../core/presets';
import { defaultDesign } from '../core/scenario/design';
import { validateScenario } from '../core/scenario/load';
import { ScenarioSchema, SCENARIO_VERSION, type Scenario } from '../core/scenario/schema';

export class UsageError extends Error {}

export interface LoadedInput {
  kind: 'scenario' | 'elements';
  scenario: Scenario;
  fleet: Fleet;
  imports: ShellImportReport[];
}

function looksLikeScenario(text: string): unknown | null {
  const t = text.trimStart();
  if (!t.startsWith('{')) return null;
  try {
    const doc = JSON.parse(t) as Record<string, unknown>;
    return doc && typeof doc === 'object' && !Array.isArray(doc) && ('shells' in doc || 'version' in doc) ? doc : null;
  } catch {
    return null;
  }
}

export interface LoadOptions {
  /** Window start override (ISO). */
  start?: string;
  durationMin?: number;
  stepS?: number;
  acceptBadChecksums?: boolean;
}

export function loadInput(path: string, opts: LoadOptions = {}): LoadedInput {
  if (path.startsWith('preset:')) {
    const key = path.slice('preset:'.length);
    const preset = presetScenario(key);
    if (!preset) throw new UsageError(`unknown preset "${key}" (known: ${PRESETS.map((p) => p.key).join(', ')})`);
    const scenario = applyWindow(preset, opts);
    const { fleet, imports } = fleetFromScenario(scenario);
    return { kind: 'scenario', scenario, fleet, imports };
  }
  let text: string;
  try {
    text = readFileSync(path).toString('utf8'); // same text as readFileSync(path, 'utf8'), decoded faster
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const doc = looksLikeScenario(text);
  if (doc) {
    const r = validateScenario(doc);
    if (!r.ok) throw new UsageError(`${path}: invalid scenario: ${r.errors.slice(0, 3).join('; ')}${r.errors.length > 3 ? ` (+${r.errors.length - 3} more)` : ''}`);
    const scenario = applyWindow(r.scenario, opts);
    const { fleet, imports } = fleetFromScenario(scenario);
    return { kind: 'scenario', scenario, fleet, imports };
  }
  const parsed = parseElements(text, { acceptBadChecksums: opts.acceptBadChecksums });
  if (parsed.format === 'unknown' || (parsed.accepted === 0 && parsed.rejected.length === 0)) {
    throw new UsageError(`${path}: not a scenario or an element file (TLE, OMM JSON, OMM CSV or OMM XML)`);
  }
  if (parsed.accepted === 0) {
    const first = parsed.rejected[0];
    throw new UsageError(`${path}: no usable records: ${parsed.rejected.length} rejected (first: line ${first.line}: ${first.reason})`);
  }
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < parsed.columns.count; i++) newest = Math.max(newest, parsed.columns.epochMs[i]);
  const startIso = opts.start ?? (Number.isFinite(newest) ? new Date(Math.floor(newest)).toISOString() : new Date(0).toISOString());
  const design = defaultDesign();
  const shellId = 'imported';
  const scenario = ScenarioSchema.parse({
    version: SCENARIO_VERSION,
    name: basename(path),
    epoch: startIso,
    shells: [{ id: shellId, name: basename(path), designId: design.id, kind: 'imported', source: basename(path), text: '' }],
    designs: [design],
    groundStations: defaultGroundStations(),
    window: { start: startIso, durationMin: opts.durationMin ?? 96, stepS: opts.stepS ?? 30 },
  });
  const fleet = buildFleet(scenario, { imported: new Map([[shellId, parsed.columns]]) });
  const imports: ShellImportReport[] = [
    { shellId, shellName: basename(path), format: parsed.format, accepted: parsed.accepted, rejected: parsed.rejected, warnings: parsed.warnings },
  ];
  return { kind: 'elements', scenario, fleet, imports };
}

function applyWindow(s: Scenario, opts: LoadOptions): Scenario {
  if (opts.start === undefined && opts.durationMin === undefined && opts.stepS === undefined) return s;
  return {
    ...s,
    window: {
      start: opts.start ?? s.window.start,
      durationMin: opts.durationMin ?? s.window.durationMin,
      stepS: opts.stepS ?? s.window.stepS,
    },
  };
}

/** Report rejected and warned records on stderr, one line each, with their line numbers. */
export function reportImports(imports: ShellImportReport[], write: (s: string) => unknown): void {
  for (const imp of imports) {
    for (const r of imp.rejected) write(`${imp.shellName}: line ${r.line}: rejected: ${r.reason}\n`);
    for (const w of imp.warnings) write(`${imp.shellName}: line ${w.line}: warning: ${w.reason}\n`);
    write(`${imp.shellName}: ${imp.format}: ${imp.accepted} accepted, ${imp.rejected.length} rejected\n`);
  }
}
