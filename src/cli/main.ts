#!/usr/bin/env node
/**
 * The command-line planner: the same core as the browser, without a browser.
 *
 *   plan <command> <file> [options]      commands: src/cli/registry.ts, one module each in src/cli/commands/
 *   plan <command> --help | plan --help | plan --version
 *
 * This file only dispatches: it finds the command in the registry, parses its options with
 * `node:util` parseArgs from the command's option table, prints help, and runs it with the shared
 * load-input step (input.ts), open-output step (output.ts) and progress (progress.ts).
 * Exit codes: 0 success, 2 unusable input or output (one clear line on stderr), 1 internal error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs as parseNodeArgs } from 'node:util';
import { type CliIo, type CommandContext, type CommandModule, formatCommandHelp, type OptionValues } from './command';
import { reportImports, UsageError } from './common';
import type { LoadOptions } from './input';
import { plannerVersion } from './meta';
import { openOutput, type Output } from './output';
import { createProgress } from './progress';
import { COMMANDS } from './registry';

export type { CliIo } from './command';

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: plan <command> <file> [options]',
    '       plan <command> --help      options of one command',
    '       plan --version',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '<file> is a scenario JSON file, an element file (TLE, OMM JSON / CSV / XML), - for stdin, or a preset:',
    '  preset:orbital-compute-1m, preset:suncatcher, preset:starlink-72x22, preset:colossus-300mw',
    'Times without a zone are UTC. Exit codes: 0 success, 2 unusable input or output (one line on stderr), 1 internal error.',
    '',
  ].join('\n');
}

/** Options of `mod` from `argv` (everything after the command name), errors as one UsageError line. */
export function parseCommandArgs(name: string, mod: CommandModule, argv: string[]): { values: OptionValues; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [k, spec] of Object.entries(mod.options))
    options[k] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg = (e as Error).message;
    const opt = /'(-[^' ]+)/.exec(msg)?.[1];
    const hint = opt?.startsWith('--') ? mod.misplaced?.[opt.slice(2).split('=')[0]] : undefined;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && hint) throw new UsageError(`${opt} ${hint}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`unknown option ${opt ?? msg} for ${name} (see plan ${name} --help)`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/argument missing/.test(msg)) throw new UsageError(`${opt} needs a value`);
      if (/does not take an argument/.test(msg)) throw new UsageError(`${opt} takes no value`);
      if (/ambiguous/.test(msg)) throw new UsageError(`${opt} needs a value (write ${opt}=<value> for a value starting with "-")`);
    }
    throw new UsageError(msg.split('. ')[0]);
  }
  return parsed;
}

const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutStream: process.stdout,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: () => readFileSync(0),
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const outputs: Output[] = [];
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr(globalHelp());
      return 2;
    }
    if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
      io.stdout(globalHelp());
      return 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`${plannerVersion() ?? 'unknown'}\n`);
      return 0;
    }
    const helpFor = first === 'help' ? rest[0] : undefined;
    const name = helpFor ?? first;
    if (name.startsWith('-'))
      throw new UsageError(`unknown option ${name} (the command comes first: plan <command> [options]; see plan --help)`);
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see plan --help)`);
    const { command } = await entry.load();
    const { values, positionals } = helpFor ? { values: { help: true }, positionals: [] } : parseCommandArgs(name, command, rest);
    if (values.help) {
      io.stdout(formatCommandHelp(name, command));
      return 0;
    }
    const want = command.positionals;
    if (positionals.length < want.length)
      throw new UsageError(`${name} needs <${want[positionals.length].name}> (usage: plan ${name} ${command.usage})`);
    const most = command.maxPositionals ?? want.length;
    if (positionals.length > most) throw new UsageError(`${name}: unexpected argument "${positionals[most]}"`);
    for (const [opt, spec] of Object.entries(command.options))
      if (spec.required && values[opt] === undefined) throw new UsageError(`${name} needs --${opt}${spec.value ? ` ${spec.value}` : ''}`);
    const ctx: CommandContext = {
      io,
      positionals,
      values,
      async load(file: string, opts: LoadOptions = {}) {
        const { loadInput } = await import('./input');
        const input = loadInput(file, { readStdin: io.readStdin, ...opts });
        reportImports(input.imports, io.stderr);
        return input;
      },
      output(target) {
        const out = openOutput(target, io);
        outputs.push(out);
        return out;
      },
      progress: (label) => createProgress(label, io),
    };
    const code = (await command.run(ctx)) ?? 0;
    for (const out of outputs) await out.finish();
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`plan: ${e.message}\n`);
      return 2;
    }
    io.stderr(`plan: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 1;
  } finally {
    for (const out of outputs) out.dispose();
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
 * process.exit() right away would cut off the end of a large CSV piped to another program. A
 * stream that was closed under us (EPIPE) is not waited for.
 */
export function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const s of [process.stdout, process.stderr]) {
    if (s.destroyed || s.errored) done();
    else s.write('', done);
  }
}

/** The real process: a closed stdout must not end in an unhandled 'error' event and a stack trace. */
export function runAsProcess(argv: string[]): void {
  process.stdout.on('error', () => undefined); // the Output of each command reports it (exit 2)
  process.stderr.on('error', () => undefined);
  main(argv).then(exitAfterFlush);
}

if (isEntry) runAsProcess(process.argv.slice(2));
