/**
 * `plan embed <file> --out view.html`: the standalone viewer file (one HTML file holding the viewer,
 * its workers and the scenario; opens from disk with no server and no network). The viewer itself is
 * the template `npm run build` writes (dist/viewer-standalone.html, vite.lib.config.ts); this command
 * builds it first when it is missing or older than the sources, then fills in the scenario.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillStandaloneTemplate, type StandaloneOptions } from '../../core/standalone';
import { type CommandModule, FILE_POSITIONAL, HELP_OPTION, numberOption, stringOption, timeOption } from '../command';
import { UsageError } from '../common';

declare const __PLAN_REPO_ROOT__: string | undefined;

function repoRoot(): URL {
  return new URL(typeof __PLAN_REPO_ROOT__ === 'string' ? __PLAN_REPO_ROOT__ : '../../../', import.meta.url);
}

function newestMtimeMs(path: string): number {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(`${path}/${name}`));
  return newest;
}

/** The standalone template, (re)built with Vite when missing or older than the viewer's sources. */
function standaloneTemplate(stderr: (s: string) => unknown): string {
  const root = fileURLToPath(repoRoot());
  const template = `${root}dist/viewer-standalone.html`;
  const sources = ['src', 'workers', 'vite.lib.config.ts', 'package-lock.json'].map((p) => `${root}${p}`);
  const built = existsSync(template) ? statSync(template).mtimeMs : -1;
  const vite = `${root}node_modules/vite/bin/vite.js`;
  if (built < 0 || (existsSync(vite) && sources.some((p) => newestMtimeMs(p) > built))) {
    if (!existsSync(vite))
      throw new UsageError(`embed: ${template} is missing and Vite is not installed to build it (run npm install, then npm run build)`);
    stderr('building the standalone viewer (vite build --config vite.lib.config.ts) ...\n');
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'error'], {
      cwd: root,
      // A caller's NODE_ENV (vitest sets "test") would switch React's JSX to the development runtime.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0 || !existsSync(template))
      throw new UsageError(`embed: building the standalone viewer failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  }
  return readFileSync(template, 'utf8');
}

export const command: CommandModule = {
  usage: '<file> [--out view.html] [--paused] [--time <ISO>] [--speed N] [--no-ui]',
  description:
    'Writes the standalone viewer: one HTML file with the 3D viewer, its workers and the scenario inside, that opens\n' +
    'from disk (file://) with no server and no network, for offline talks. Imported element shells ride along\n' +
    '(their element text is in the scenario; a scenario over 64 KiB of JSON is stored compressed).',
  positionals: [{ ...FILE_POSITIONAL, help: 'scenario JSON or preset:<key>' }],
  options: {
    out: { type: 'string', short: 'o', value: '<file>', help: 'write the file here (default: stdout)' },
    paused: { type: 'boolean', help: 'open paused' },
    time: { type: 'string', value: '<ISO time>', help: 'start time (UTC when no zone is given; default: the scenario epoch)' },
    speed: { type: 'string', value: '<N>', help: 'sim seconds per wall second, 1 to 10000 (default 60)' },
    'no-ui': { type: 'boolean', help: 'picture only: no time controls, legend or capture menu' },
    ...HELP_OPTION,
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const timeMs = timeOption(ctx.values, 'time');
    const speed = numberOption(ctx.values, 'speed', 1, 10_000);
    const options: StandaloneOptions = {
      paused: ctx.values.paused === true,
      ...(timeMs !== undefined ? { time: new Date(timeMs).toISOString() } : {}),
      ...(speed !== undefined ? { speed } : {}),
      ui: ctx.values['no-ui'] !== true,
    };
    const input = await ctx.load(file);
    if (input.kind !== 'scenario')
      throw new UsageError('embed: element files are not carried by the standalone viewer; give a scenario JSON or preset:<key>');
    for (const sh of input.scenario.shells)
      if (sh.kind === 'imported' && sh.enabled && sh.text === '')
        ctx.io.stderr(`embed: imported shell "${sh.name}" has no element text in the scenario; it draws nothing\n`);
    const out = ctx.output(stringOption(ctx.values, 'out'));
    const html = fillStandaloneTemplate(standaloneTemplate(ctx.io.stderr), input.scenario, options);
    await out.put(html);
    await out.finish();
    if (out.toFile)
      ctx.io.stderr(
        `wrote the standalone viewer of "${input.scenario.name}" (${input.fleet.count} satellites) to ${out.name} ` +
          `(${(out.bytes / 1e6).toFixed(2)} MB)\n`,
      );
    return 0;
  },
};
