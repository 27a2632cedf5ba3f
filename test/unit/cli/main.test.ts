/**
 * The command line's conventions (src/cli/main.ts, command.ts, output.ts, progress.ts): help on
 * stdout with exit 0, per-command help from the option tables, --version, unknown options named,
 * `-` for stdin, every output error one line with exit 2, a failed run leaving an existing output
 * file untouched, backpressure on stdout, progress lines.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/command';
import { createProgress } from '../../../src/cli/progress';
import { COMMANDS } from '../../../src/cli/registry';
import { runAnalyze } from '../../../src/cli/analyze';
import { loadInput } from '../../../src/cli/input';
import { openOutput } from '../../../src/cli/output';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'plan-main-'));
const ISS = [
  'ISS (ZARYA)',
  '1 25544U 98067A   22220.51041667  .00006811  00000+0  12616-3 0  9992',
  '2 25544  51.6423 123.4611 0005040 187.7227 292.2757 15.50003388353013',
].join('\n');

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), ...extra };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function run(argv: string[], extra: Partial<CliIo> = {}) {
  const c = capture(extra);
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

describe('plan: conventions', () => {
  it('help on stdout, exit 0 (--help, -h, <command> --help, help <command>), the version, usage on stderr without a command', async () => {
    for (const argv of [['--help'], ['-h']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
    }
    for (const c of COMMANDS) {
      for (const argv of [
        [c.name, '--help'],
        [c.name, '-h'],
        ['help', c.name],
        [c.name, 'x', '--help'],
      ]) {
        const r = await run(argv);
        expect(r.code).toBe(0);
        expect(r.stdout.startsWith(`usage: plan ${c.name} `)).toBe(true);
        const { command } = await c.load();
        for (const opt of Object.keys(command.options)) expect(r.stdout).toContain(`--${opt}`);
      }
    }
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toBe(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^usage: plan <command>/);
  });

  it('names unknown options and commands, missing values and arguments, in one line with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['states', 'preset:suncatcher', '--at', '2026-01-01', '--frob'],
        /^plan: unknown option --frob for states \(see plan states --help\)\n$/,
      ],
      [['states', 'preset:suncatcher', '-x'], /^plan: unknown option -x for states/],
      [['states', 'preset:suncatcher', '--at'], /^plan: --at needs a value\n$/],
      [['states', 'preset:suncatcher'], /^plan: states needs --at <ISO time>\n$/],
      [['states', '--at', '2026-01-01'], /^plan: states needs <file>/],
      [['states', 'a', 'b', '--at', '2026-01-01'], /^plan: states: unexpected argument "b"\n$/],
      [['frobnicate', 'x'], /^plan: unknown command "frobnicate" \(commands: states, analyze/],
      [['-x'], /^plan: unknown option -x \(the command comes first/],
      [['analyze', 'preset:suncatcher', '--out', 'x'], /^plan: --out belongs to states and report/],
      [['states', 'preset:suncatcher', '--at', '2026-01-01T25:00'], /^plan: --at: "2026-01-01T25:00" is not an ISO 8601 time/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(re);
    }
  });

  it('reads the input file - from stdin, with the same result as the file', async () => {
    const path = join(tmp, 'iss.tle');
    writeFileSync(path, ISS);
    const a = await run(['states', path, '--at', '2022-08-08T12:00']);
    const b = await run(['states', '-', '--at', '2022-08-08T12:00:00Z'], { readStdin: () => new TextEncoder().encode(ISS) });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe('stdin: tle: 1 accepted, 0 rejected\n');
    const empty = await run(['states', '-', '--at', '2022-08-08'], { readStdin: () => new Uint8Array(0) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('plan: stdin: the file is empty\n');
  });
});

describe('plan: output errors are one line and exit 2, and a failed run leaves the old file', () => {
  it('unwritable paths (missing directory, a directory, disk full) for every output option', async () => {
    const missing = join(tmp, 'no-such-dir', 'x');
    const cases: string[][] = [
      ['states', 'preset:suncatcher', '--at', '2026-01-01', '--out', missing],
      ['analyze', 'preset:suncatcher', '--json', missing],
      ['analyze', 'preset:suncatcher', '--csv', missing],
      ['report', 'preset:suncatcher', '--out', missing],
      ['export', 'preset:suncatcher', '--format', 'omm-json', '--out', missing],
      ['analyze', 'preset:suncatcher', '--json', tmp],
      ['states', 'preset:suncatcher', '--at', '2026-01-01', '--out', '/dev/full'],
      ['analyze', 'preset:suncatcher', '--csv', '/dev/full'],
      ['report', 'preset:suncatcher', '--out', '/dev/full'],
    ];
    for (const argv of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^plan: cannot write \S+: (ENOENT|EISDIR|ENOSPC) \([a-z ]+\)\n$/);
    }
  });

  it('bad input after the output was opened: the existing file is kept and no temporary file is left', async () => {
    const dir = mkdtempSync(join(tmp, 'keep-'));
    const out = join(dir, 'states.csv');
    writeFileSync(out, 'precious\n');
    const bad = join(dir, 'bad.tle');
    writeFileSync(bad, 'not an element file\n');
    const r = await run(['states', bad, '--at', '2026-01-01', '--out', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.tle', 'states.csv']);
    const ok = await run(['states', 'preset:suncatcher', '--at', '2026-01-01', '--out', out]);
    expect(ok.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error');
    expect(readdirSync(dir).sort()).toEqual(['bad.tle', 'states.csv']);
  });

  it('a closed pipe (EPIPE) on stdout: exit 2, one line, no stack trace', async () => {
    const child = spawn(
      join(root, 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'export', 'preset:starlink-72x22', '--format', 'omm-json'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(stderr).toBe('plan: cannot write stdout: EPIPE (the reading end of the pipe was closed)\n');
    expect(code).toBe(2);
  }, 60_000);
});

describe('plan: streams and progress', () => {
  it('analyze --csv - waits for a slow reader: what is buffered stays a small part of the output', async () => {
    let received = 0;
    let maxBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        setTimeout(cb, 1);
      },
    });
    const probe = slow.write.bind(slow);
    slow.write = ((chunk: never, ...rest: never[]) => {
      const ok = probe(chunk, ...rest);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    // The CSV writer of plan analyze --csv - (blocks of 100 rows here, 8192 in the command).
    const input = loadInput('preset:starlink-72x22');
    const result = await runAnalyze(input, 'analytic');
    const out = openOutput('-', { stdout: () => 0, stderr: () => 0, stdoutStream: slow });
    await result.writeCsv(out, { rowsPerBlock: 100 });
    await out.finish();
    await new Promise<void>((res) => slow.end(res));
    // 1,584 rows, ~250 kB; without waiting for the reader all of it would be buffered at once
    expect(received).toBeGreaterThan(200_000);
    expect(maxBuffered).toBeLessThan(received / 4);
  }, 120_000);

  it('progress: sparse lines and the final one when not a terminal, one rewritten line on a terminal', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress('work', { stdout: () => 0, stderr: (s) => lines.push(s) }, { now: () => t });
    for (t = 0; t <= 12_000; t += 100) p.update(`${t / 100} steps`);
    t = 12_000;
    p.done('done');
    expect(lines).toEqual(['work: 50 steps, 5.0 s\n', 'work: 100 steps, 10.0 s\n', 'work: done, 12.0 s\n']);
    const tty: string[] = [];
    t = 0;
    const q = createProgress('work', { stdout: () => 0, stderr: (s) => tty.push(s), stderrIsTTY: true }, { now: () => t });
    for (t = 0; t <= 1000; t += 50) q.update(`${t}`);
    t = 1000;
    q.done('done');
    expect(tty.length).toBe(11);
    expect(tty.slice(0, -1).every((s) => s.startsWith('\rwork: ') && s.endsWith('\x1b[K') && !s.includes('\n'))).toBe(true);
    expect(tty.at(-1)).toBe('\rwork: done, 1.0 s\x1b[K\n');
  });
});
