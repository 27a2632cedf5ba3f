/**
 * Input loading for the CLI: a scenario JSON file or an element file (TLE / OMM JSON / CSV / XML).
 * An element file becomes a one-shell scenario with the default design and ground stations, its
 * window starting at the newest epoch in the file.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readTextChunks } from '../engine/textChunks';
import { basename } from 'node:path';
import { createElementStreamParser, detectElementFormat, parseElements, type ImportResult, tleRecordsAtMost } from '../core/elements';
import { buildFleet } from '../core/fleet/generators';
import { fleetFromScenario, type ShellImportReport } from '../core/fleet/fromScenario';
import type { Fleet } from '../core/fleet/fleet';
import { defaultGroundStations, PRESETS, presetScenario } from '../core/presets';
import { defaultDesign } from '../core/scenario/design';
import { validateScenario } from '../core/scenario/load';
import { ScenarioSchema, SCENARIO_VERSION, type Scenario } from '../core/scenario/schema';

import { UsageError } from './common';

export { reportImports, UsageError } from './common';

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
  /** The bytes of standard input, for the path `-` (default: file descriptor 0). */
  readStdin?: () => Uint8Array;
}

/** The name an input goes by in messages and as the imported shell's name. */
export function inputName(path: string): string {
  return path === '-' ? 'stdin' : basename(path);
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
  const label = path === '-' ? 'stdin' : path;
  const read = readInputFile(path, opts);
  if (read.kind === 'text') {
    const doc = looksLikeScenario(read.text);
    if (doc) {
      const r = validateScenario(doc);
      if (!r.ok)
        throw new UsageError(
          `${label}: invalid scenario: ${r.errors.slice(0, 3).join('; ')}${r.errors.length > 3 ? ` (+${r.errors.length - 3} more)` : ''}`,
        );
      const scenario = applyWindow(r.scenario, opts);
      const { fleet, imports } = fleetFromScenario(scenario);
      return { kind: 'scenario', scenario, fleet, imports };
    }
  }
  const parsed = read.kind === 'text' ? parseElements(read.text, { acceptBadChecksums: opts.acceptBadChecksums }) : read.parsed;
  if (read.kind === 'text' ? !/\S/.test(read.text) : read.blank) {
    throw new UsageError(`${label}: the file is empty${read.kind === 'text' && read.text.length === 0 ? '' : ' (only blank lines)'}`);
  }
  if (parsed.format === 'unknown' || (parsed.accepted === 0 && parsed.rejected.length === 0)) {
    throw new UsageError(`${label}: not a scenario or an element file (TLE, OMM JSON, OMM CSV, OMM XML or OMM KVN)`);
  }
  if (parsed.accepted === 0) {
    const first = parsed.rejected[0];
    throw new UsageError(`${label}: no usable records: ${parsed.rejected.length} rejected (first: line ${first.line}: ${first.reason})`);
  }
  const name = inputName(path);
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < parsed.columns.count; i++) newest = Math.max(newest, parsed.columns.epochMs[i]);
  const startIso = opts.start ?? (Number.isFinite(newest) ? new Date(Math.floor(newest)).toISOString() : new Date(0).toISOString());
  const design = defaultDesign();
  const shellId = 'imported';
  const scenario = ScenarioSchema.parse({
    version: SCENARIO_VERSION,
    name,
    epoch: startIso,
    shells: [{ id: shellId, name, designId: design.id, kind: 'imported', source: name, text: '' }],
    designs: [design],
    groundStations: defaultGroundStations(),
    window: { start: startIso, durationMin: opts.durationMin ?? 96, stepS: opts.stepS ?? 30 },
  });
  const fleet = buildFleet(scenario, { imported: new Map([[shellId, parsed.columns]]), adoptImported: true });
  const imports: ShellImportReport[] = [
    {
      shellId,
      shellName: name,
      format: parsed.format,
      accepted: parsed.accepted,
      rejected: parsed.rejected,
      warnings: parsed.warnings,
    },
  ];
  return { kind: 'elements', scenario, fleet, imports };
}

/**
 * Reads the input. A file whose first non-blank character is `{` (a scenario, or an OMM JSON
 * object) is read whole; anything else goes through the streaming element parser in 64 KiB
 * chunks (src/engine/textChunks.ts), so a large element file is never held as one buffer and one string (on
 * these machines touching fresh memory costs about as much as parsing it). The result is the same
 * as `parseElements` on the whole text: `parseElements` is the same parser fed one chunk.
 */
function readInputFile(
  path: string,
  opts: LoadOptions,
): { kind: 'text'; text: string } | { kind: 'parsed'; parsed: ImportResult; blank: boolean } {
  if (path === '-') {
    try {
      const bytes = opts.readStdin ? opts.readStdin() : readFileSync(0);
      return { kind: 'text', text: new TextDecoder().decode(bytes) };
    } catch (e) {
      throw new UsageError(`cannot read stdin: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.allocUnsafe(Math.min(size, 4096));
    // (trimStart also drops a byte order mark)
    const headText = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    if (size === 0 || headText.trimStart().startsWith('{')) return { kind: 'text', text: readFileSync(fd).toString('utf8') };
    // A TLE file's size bounds its records: the parser's columns then come in one block (no copy).
    const parser = createElementStreamParser({
      acceptBadChecksums: opts.acceptBadChecksums,
      capacityHint: detectElementFormat(headText) === 'tle' ? tleRecordsAtMost(size) : undefined,
    });
    let blank = true;
    readTextChunks(fd, 0, size, (text) => {
      if (blank && /\S/.test(text)) blank = false;
      parser.push(text);
    });
    return { kind: 'parsed', parsed: parser.finish(), blank };
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
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
