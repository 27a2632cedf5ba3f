/**
 * What a command of the command-line planner is, and the pieces every command shares: its option
 * table (read by `node:util` parseArgs and printed by `--help`), option value checks, and the
 * context it runs in (the shared load-input and open-output steps, progress on stderr).
 *
 * Adding a command: write `src/cli/commands/<name>.ts` exporting `command: CommandModule`, and add
 * one line for it in `src/cli/registry.ts`. Nothing else changes (main.ts dispatches, parses and
 * prints help from the option table).
 */
import { parseUtcTime } from '../core/time';
import { UsageError } from './common';
import type { LoadedInput, LoadOptions } from './input';
import type { Output } from './output';
import type { Progress } from './progress';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias (`-o`). */
  short?: string;
  /** Placeholder shown in help for a string option (`<ISO time>`). */
  value?: string;
  help: string;
  /** Shown in the usage line without brackets. */
  required?: boolean;
}

export type OptionTable = Record<string, OptionSpec>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command's process sees: stdout and stderr, as functions (tests) or the real streams. */
export interface CliIo {
  stdout: (s: string) => unknown;
  stderr: (s: string) => unknown;
  /** The real stdout stream when there is one (backpressure, EPIPE, binary chunks). */
  stdoutStream?: NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean };
  /** stderr is a terminal: progress is one rewritten line. */
  stderrIsTTY?: boolean;
  /** The bytes of standard input, for the input file `-` (default: read file descriptor 0). */
  readStdin?: () => Uint8Array;
}

export interface CommandContext {
  io: CliIo;
  /** Positional arguments after the command name. */
  positionals: string[];
  values: OptionValues;
  /** The shared load-input step: reads `file` (`-` is stdin, `preset:<key>` a preset), reports imports on stderr. */
  load(file: string, opts?: LoadOptions): Promise<LoadedInput>;
  /**
   * The shared open-output step: `target` a path, `-` or undefined for stdout. A file is written
   * through a temporary file renamed into place at `finish()`, so a failed run never truncates
   * what was there; every write error (unwritable path, disk full, closed pipe) is an exit-2 line.
   */
  output(target: string | undefined): Output;
  /** Progress on stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
  progress(label: string): Progress;
}

export interface CommandModule {
  /** Arguments after `plan <name>`, e.g. `<file> --at <ISO time> [options]`. */
  usage: string;
  /** One paragraph for `plan <name> --help`. */
  description: string;
  options: OptionTable;
  /** Options of other commands that users reach for here, with the line that says where they belong. */
  misplaced?: Record<string, string>;
  /** Positional arguments the command takes (at least these, in order). */
  positionals: ReadonlyArray<{ name: string; help: string }>;
  /** Further positionals accepted up to this many in all (default: exactly `positionals`). */
  maxPositionals?: number;
  /** Returns the exit code (0 unless the command decides otherwise). */
  run(ctx: CommandContext): Promise<number | undefined>;
}

// ---- option tables shared by several commands ----

export const HELP_OPTION: OptionTable = { help: { type: 'boolean', short: 'h', help: 'print this help and exit' } };

export const FILE_POSITIONAL = {
  name: 'file',
  help: 'scenario JSON, element file (TLE, OMM JSON / CSV / XML; detected from content), preset:<key>, or - for stdin',
} as const;

export const INPUT_OPTIONS: OptionTable = {
  'accept-bad-checksums': { type: 'boolean', help: 'accept TLE lines whose checksum digit is wrong (warned, not rejected)' },
};

export const WINDOW_OPTIONS: OptionTable = {
  start: { type: 'string', value: '<ISO time>', help: 'analysis window start (UTC when no zone is given)' },
  'duration-min': { type: 'string', value: '<N>', help: 'window length in minutes (element files: 96)' },
  'step-s': { type: 'string', value: '<N>', help: 'sampling step in seconds (element files: 30)' },
};

export const WORKERS_OPTION: OptionTable = {
  workers: { type: 'string', value: '<N>', help: 'worker threads (0 = this thread only; default depends on the command)' },
};

// ---- option value checks (each failure is one UsageError line naming the option) ----

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** An ISO 8601 time; a time without a zone is UTC (src/core/time.ts). */
export function timeOption(values: OptionValues, name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const ms = parseUtcTime(v);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name}: "${v}" is not an ISO 8601 time (e.g. 2026-03-20T12:00:00Z; no zone = UTC)`);
  return ms;
}

export function numberOption(values: OptionValues, name: string, min: number, max: number, integer = false): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name}: "${v}" must be a number from ${min} to ${max}`);
  if (integer && !Number.isInteger(n)) throw new UsageError(`--${name}: "${v}" must be a whole number`);
  return n;
}

export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be ${choices.join(', ')} (not "${v}")`);
  return v as T;
}

/** Refuse options that belong to another command (a clearer line than "unknown option"). */
export function refuse(values: OptionValues, names: string[], why: string): void {
  for (const n of names) if (values[n] !== undefined) throw new UsageError(`--${n} ${why}`);
}

// ---- help text ----

export function formatCommandHelp(name: string, mod: CommandModule): string {
  const rows: Array<[string, string]> = [];
  for (const p of mod.positionals) rows.push([`<${p.name}>`, p.help]);
  for (const [opt, spec] of Object.entries(mod.options)) {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${opt}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
    rows.push([flag, `${spec.help}${spec.required ? ' (required)' : ''}`]);
  }
  const width = Math.min(32, Math.max(...rows.map(([a]) => a.length)));
  const lines = rows.map(([a, b]) => (a.length > width ? `  ${a}\n  ${' '.repeat(width)}  ${b}` : `  ${a.padEnd(width)}  ${b}`));
  return `usage: plan ${name} ${mod.usage}\n\n${mod.description}\n\n${lines.join('\n')}\n`;
}
