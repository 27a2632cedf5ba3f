#!/usr/bin/env node
/**
 * The command-line planner: the same core as the browser, without a browser.
 *
 *   npm run plan -- states  <elements-file|scenario.json> --at <ISO time> [--out file.csv] [--workers N]
 *   npm run plan -- analyze <scenario.json|elements-file> [--mode analytic|sampled] [--start <ISO>]
 *                   [--duration-min N] [--step-s N] [--json out.json|-] [--csv per-satellite.csv] [--workers N]
 *   npm run plan -- report  <scenario.json|elements-file> [--mode analytic|sampled] [--start <ISO>]
 *                   [--duration-min N] [--step-s N] [--out report.html] [--workers N]
 *
 * <file> may also be `preset:<key>` (orbital-compute-1m, suncatcher, starlink-72x22, colossus-300mw).
 * Exit codes: 0 success, 2 unusable input (one clear line on stderr), 1 internal error.
 */
import { closeSync, createWriteStream, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { parseFieldComments } from '../core/scenario/fieldMeta';
import { availableParallelism } from 'node:os';
import { reportImports, UsageError } from './common';
import type { LoadOptions } from './input';
import { runStatesParallel } from './statesParallel';

const USAGE = `usage (<file> may be preset:orbital-compute-1m, preset:suncatcher, preset:starlink-72x22, preset:colossus-300mw):
  plan states  <elements-file|scenario.json> --at <ISO time> [--out file.csv] [--workers N] [--accept-bad-checksums]
  plan analyze <scenario.json|elements-file> [--mode analytic|sampled] [--start <ISO>] [--duration-min N] [--step-s N]
               [--json out.json|-] [--csv per-satellite.csv] [--workers N] [--accept-bad-checksums]
  plan report  <scenario.json|elements-file> [--mode analytic|sampled] [--start <ISO>] [--duration-min N] [--step-s N]
               [--out report.html] [--workers N] [--accept-bad-checksums]     (feasibility report, one HTML file)
  plan export  <scenario.json|elements-file> --format tle|omm-json|omm-csv|omm-xml [--out file] [--first-id N]
               (the fleet's mean elements; TLE numbers satellites without a catalogue number from --first-id, default 1)`;

function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

interface Args {
  command: string;
  file: string;
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['at', 'out', 'workers', 'mode', 'start', 'duration-min', 'step-s', 'json', 'csv', 'format', 'first-id']);
const BOOL_FLAGS = new Set(['accept-bad-checksums', 'help']);

export function parseArgs(argv: string[]): Args {
  const pos: string[] = [];
  const flags = new Map<string, string | true>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (BOOL_FLAGS.has(name)) flags.set(name, true);
      else if (VALUE_FLAGS.has(name)) {
        const v = inline ?? argv[++k];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else throw new UsageError(`unknown option --${name}`);
    } else pos.push(a);
  }
  if (flags.has('help')) throw new UsageError(USAGE);
  if (pos.length < 2) throw new UsageError(pos.length === 0 ? USAGE : `missing input file\n${USAGE}`);
  if (pos.length > 2) throw new UsageError(`unexpected argument "${pos[2]}"`);
  return { command: pos[0], file: pos[1], flags };
}

function isoFlag(flags: Args['flags'], name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const ms = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`) : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`--${name}: "${String(v)}" is not an ISO 8601 time (e.g. 2026-03-20T12:00:00Z)`);
  return ms;
}

function numFlag(flags: Args['flags'], name: string, min: number, max: number): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name}: "${String(v)}" must be a number from ${min} to ${max}`);
  return n;
}

declare const __PLAN_REPO_ROOT__: string | undefined;

/** The repository root: two levels above src/cli/main.ts, one above the bundle in dist-cli/. */
function repoRoot(): URL {
  return new URL(typeof __PLAN_REPO_ROOT__ === 'string' ? __PLAN_REPO_ROOT__ : '../../', import.meta.url);
}

/** Doc comments of the design schema (the source of each default), read from the source file when it is there. */
function designSources(): Map<string, string> | undefined {
  try {
    return parseFieldComments(readFileSync(new URL('src/core/scenario/design.ts', repoRoot()), 'utf8'));
  } catch {
    return undefined;
  }
}

function plannerVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(new URL('package.json', repoRoot()), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export interface CliIo {
  stdout: (s: string) => unknown;
  stderr: (s: string) => unknown;
}

const processIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    const workersFlag = numFlag(args.flags, 'workers', 0, 64);
    const accept = args.flags.has('accept-bad-checksums');
    if (args.command === 'states') {
      const at = isoFlag(args.flags, 'at');
      if (at === undefined) throw new UsageError('states needs --at <ISO time>');
      const out = args.flags.get('out');
      const toFile = typeof out === 'string' && out !== '-';
      // The output file is opened on the first bytes, so bad input never truncates it. Synchronous
      // writes of the writer's reused buffer: no copy and no queue of chunks in memory.
      let fd = -1;
      const decoder = new TextDecoder();
      const sink = (c: Uint8Array): void => {
        if (!toFile) {
          io.stdout(decoder.decode(c, { stream: true }));
          return;
        }
        if (fd < 0) {
          try {
            fd = openSync(out, 'w');
          } catch (e) {
            throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
        }
        writeAll(fd, c);
      };
      try {
        // Large TLE files: one worker per core reads, propagates and formats its own part
        // (statesParallel.ts); everything else, or --workers 0/1, goes through loadInput.
        const parallel = args.file.startsWith('preset:')
          ? null
          : await runStatesParallel(
              args.file,
              at,
              { workers: workersFlag ?? availableParallelism(), acceptBadChecksums: accept },
              (imports) => reportImports(imports, io.stderr),
              sink,
            );
        let r: { rows: number; failed: number };
        if (parallel) r = parallel;
        else {
          const [{ loadInput }, { runStates }] = await Promise.all([import('./input'), import('./states')]);
          const input = loadInput(args.file, { acceptBadChecksums: accept });
          reportImports(input.imports, io.stderr);
          r = await runStates(input, at, sink, workersFlag ?? 0);
        }
        if (toFile) io.stderr(`wrote ${r.rows} states to ${out}${r.failed ? ` (${r.failed} with SGP4 errors)` : ''}\n`);
      } finally {
        if (fd >= 0) closeSync(fd);
      }
      return 0;
    }
    if (args.command === 'export') {
      const { EXPORT_FORMATS, exportFleet } = await import('../core/fleet/export');
      const format = args.flags.get('format');
      if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}${typeof format === 'string' ? ` (not "${format}")` : ''}`);
      const firstId = numFlag(args.flags, 'first-id', 0, 339_999);
      if (firstId !== undefined && !Number.isInteger(firstId))
        throw new UsageError(`--first-id: "${String(args.flags.get('first-id'))}" must be a whole number`);
      const { loadInput } = await import('./input');
      const input = loadInput(args.file, { acceptBadChecksums: accept });
      reportImports(input.imports, io.stderr);
      const out = args.flags.get('out');
      const toFile = typeof out === 'string' && out !== '-';
      let fd = -1;
      if (toFile) {
        try {
          fd = openSync(out, 'w');
        } catch (e) {
          throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      }
      const enc = new TextEncoder();
      let r;
      try {
        r = exportFleet(
          input.fleet,
          format as (typeof EXPORT_FORMATS)[number],
          (t) => (toFile ? writeAll(fd, enc.encode(t)) : io.stdout(t)),
          { firstId },
        );
      } finally {
        if (fd >= 0) closeSync(fd);
      }
      const first = r.skipped[0];
      io.stderr(
        `export: ${r.written} of ${input.fleet.count} satellites written as ${format}${toFile ? ` to ${out}` : ''}` +
          (r.skipped.length ? `; ${r.skipped.length} skipped (first: satellite ${first.record - 1}: ${first.reason})` : '') +
          (r.warnings.length ? `; ${r.warnings.length} with warnings` : '') +
          '\n',
      );
      if (r.written === 0 && input.fleet.count > 0) throw new UsageError(`nothing could be written as ${format}`);
      return 0;
    }
    if (args.command === 'analyze' || args.command === 'report') {
      const mode = args.flags.get('mode') ?? 'analytic';
      if (mode !== 'analytic' && mode !== 'sampled') throw new UsageError(`--mode must be analytic or sampled, not "${String(mode)}"`);
      const startMs = isoFlag(args.flags, 'start');
      const loadOpts: LoadOptions = {
        start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
        durationMin: numFlag(args.flags, 'duration-min', 0.01, 60 * 24 * 366),
        stepS: numFlag(args.flags, 'step-s', 0.01, 86400),
        acceptBadChecksums: accept,
      };
      const { loadInput } = await import('./input');
      const input = loadInput(args.file, loadOpts);
      reportImports(input.imports, io.stderr);
      const { runAnalyze } = await import('./analyze');
      // Sampled passes run on one worker thread per core unless --workers says otherwise (0 = this thread).
      const workers = workersFlag ?? (mode === 'sampled' && input.fleet.count >= 20_000 ? availableParallelism() : 0);
      const result = await runAnalyze(input, mode, { workers, progress: (s) => io.stderr(s) });
      if (args.command === 'report') {
        for (const f of ['json', 'csv'])
          if (args.flags.has(f)) throw new UsageError(`--${f} belongs to analyze; report writes one HTML file (--out)`);
        const { buildReportHtml } = await import('../core/report/html');
        const html = buildReportHtml({
          scenario: input.scenario,
          fleet: input.fleet,
          run: result.run,
          generatedAtMs: Date.now(),
          source: args.file.startsWith('preset:')
            ? args.file
            : `${input.kind === 'scenario' ? 'scenario file' : 'element file'} ${basename(args.file)}`,
          rejectedRecords: result.summary.rejected,
          designSources: designSources(),
          version: plannerVersion(),
        });
        const out = args.flags.get('out');
        if (typeof out === 'string' && out !== '-') {
          writeFileSync(out, html);
          io.stderr(`wrote the ${mode} feasibility report to ${out} (${(html.length / 1024).toFixed(0)} KiB)\n`);
        } else io.stdout(html);
        return 0;
      }
      if (args.flags.has('out')) throw new UsageError('--out belongs to states and report; analyze writes --json and --csv');
      const json = args.flags.get('json');
      if (typeof json === 'string') {
        const text = JSON.stringify(result.summary, null, 2) + '\n';
        if (json === '-') io.stdout(text);
        else writeFileSync(json, text);
      } else {
        io.stdout(result.text);
      }
      const csv = args.flags.get('csv');
      if (typeof csv === 'string') {
        const stream = createWriteStream(csv);
        result.writeCsv((c) => stream.write(c));
        await new Promise<void>((res, rej) => stream.end((e?: Error | null) => (e ? rej(e) : res())));
      }
      return 0;
    }
    throw new UsageError(`unknown command "${args.command}"\n${USAGE}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`plan: ${e.message}\n`);
      return 2;
    }
    io.stderr(`plan: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 1;
  }
}

const isEntry = (() => {
  try {
    return process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
  } catch {
    return false;
  }
})();
/**
 * Exit once stdout and stderr have been flushed: writes to a pipe are asynchronous in Node, and
 * process.exit() right away would cut off the end of a large CSV piped to another program.
 */
export function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (isEntry) {
  main(process.argv.slice(2)).then(exitAfterFlush);
}
