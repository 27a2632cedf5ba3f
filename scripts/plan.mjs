#!/usr/bin/env node
// The command-line planner's launcher (`npm run plan -- ...`).
//
// Runs a bundled build of src/cli/main.ts (dist-cli/plan.mjs, with its worker entry
// dist-cli/propagation.node.mjs and dist-cli/states.node.mjs) instead of transpiling TypeScript on every start: Node starts
// the bundle in ~0.1 s, tsx needs ~0.4-0.6 s to load and transpile the CLI's modules (and again in
// each worker thread). The bundle is rebuilt with esbuild (a pinned dev dependency) whenever a file
// under src/ or workers/, package-lock.json or this script is newer than it, so it is never stale.
//
//   node scripts/plan.mjs <command> ...   same arguments as src/cli/main.ts
//   node scripts/plan.mjs --build         (re)build the bundle and exit
//   PLAN_NO_MINIFY=1 node scripts/plan.mjs --build   readable function names (for node --cpu-prof)
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-cli');
const bundle = join(outDir, 'plan.mjs');
const workerBundles = [join(outDir, 'propagation.node.mjs'), join(outDir, 'states.node.mjs')];

function newestMtimeMs(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

function bundleMtimeMs() {
  try {
    return Math.min(statSync(bundle).mtimeMs, ...workerBundles.map((p) => statSync(p).mtimeMs));
  } catch {
    return -1;
  }
}

function isStale() {
  const built = bundleMtimeMs();
  if (built < 0) return true;
  const sources = [join(root, 'src'), join(root, 'workers'), join(root, 'package-lock.json'), fileURLToPath(import.meta.url)];
  return sources.some((p) => newestMtimeMs(p) > built);
}

export async function buildCli() {
  const esbuild = await import('esbuild');
  const tag = `${process.pid}-${Date.now()}`;
  const tmpDir = `${outDir}.${tag}.tmp`;
  // One build with code splitting: the entries share chunks, and code a command does not use
  // (zod and the scenario schema for a plain TLE file's `states`) is loaded only when needed.
  await esbuild.build({
    entryPoints: {
      plan: join(root, 'src/cli/main.ts'),
      'propagation.node': join(root, 'workers/propagation.node.ts'),
      'states.node': join(root, 'workers/states.node.ts'),
    },
    outdir: tmpDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]', // beside the entries: relative worker URLs work from any chunk
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: process.env.PLAN_NO_MINIFY !== '1',
    sourcemap: 'linked',
    logLevel: 'error',
    define: {
      __PLAN_NODE_WORKER_ENTRY__: JSON.stringify('./propagation.node.mjs'),
      __PLAN_STATES_WORKER_ENTRY__: JSON.stringify('./states.node.mjs'),
      __PLAN_REPO_ROOT__: JSON.stringify('../'),
    },
    // Some bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __planCreateRequire } from 'node:module'; const require = __planCreateRequire(import.meta.url);",
    },
  });
  // Swap the directories: a concurrent run sees either the old bundle, the new one, or none
  // (and then builds its own).
  const old = `${outDir}.${tag}.old`;
  try {
    renameSync(outDir, old);
  } catch {
    /* no earlier build */
  }
  renameSync(tmpDir, outDir);
  rmSync(old, { recursive: true, force: true });
}

const args = process.argv.slice(2);
if (args[0] === '--build') {
  await buildCli();
  process.exit(0);
}
if (isStale()) {
  try {
    await buildCli();
  } catch (e) {
    process.stderr.write(`plan: could not build the CLI bundle (${e?.message ?? e}); run 'npm install' first\n`);
    process.exit(1);
  }
}
const { runAsProcess } = await import(pathToFileURL(bundle).href);
runAsProcess(args);
