#!/usr/bin/env node
// `npm run typecheck`: tsc on every TypeScript project of the repository, one after the other.
//   tsconfig.core.json     src/core with ES2023 only (no DOM, WebWorker or Node types): core stays pure
//   tsconfig.app.json      the page (src/app, src/ui, src/render, the browser side of src/engine): DOM, no Node
//   tsconfig.workers.json  the Web Worker entries and their APIs: WebWorker, no DOM, no Node
//   tsconfig.node.json     the CLI, the Node side of src/engine and the worker_threads entries: Node, no DOM
//   tsconfig.json          everything, with tests, benchmarks and scripts (what editors use)
// Incremental build info goes to node_modules/.cache/tsc, so a second run is quick.
import { spawnSync } from 'node:child_process';

const PROJECTS = ['tsconfig.core.json', 'tsconfig.app.json', 'tsconfig.workers.json', 'tsconfig.node.json', 'tsconfig.json'];
const only = process.argv.slice(2);
let failed = 0;
for (const project of only.length ? only : PROJECTS) {
  const name = project.replace(/^tsconfig\.?|\.json$/g, '') || 'all';
  const cache = `node_modules/.cache/tsc/${name}.tsbuildinfo`;
  const r = spawnSync('npx', ['tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', cache, '-p', project], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`typecheck: ${project} has errors`);
  }
}
process.exit(failed === 0 ? 0 : 1);
