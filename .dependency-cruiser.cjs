/**
 * The layer table of docs/ARCHITECTURE.md ("Layers, and who may import whom"), checked by
 * `npm run lint` (dependency-cruiser). Each rule names the layer it protects; a violation prints
 * the rule name, the importing file and the imported one.
 */
// Pure packages src/core may use: SGP4 reference, schema validation, hashing, the coastline data
// and its TopoJSON decoder (and that format's types), deflate for share links.
const CORE_PACKAGES =
  '(^|/)node_modules/(satellite\\.js|zod|@noble/hashes|world-atlas|topojson-client|@types/topojson-specification|fflate)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core imports only src/core, satellite.js and zod: no engine, render, ui, app, cli or workers code.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(engine|render|ui|app|cli)|workers)/' },
    },
    {
      name: 'core-no-platform-packages',
      comment: 'src/core runs unchanged in Node, a worker and the page: no React, three, comlink or other package outside CORE_PACKAGES.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: CORE_PACKAGES },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core has no Node API (node:fs, node:worker_threads, ...): the CLI and engine hosts provide those.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-below-render-ui-app-cli',
      comment: 'src/engine imports src/core (and the worker contracts, type-only); never render, ui, app or cli.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(render|ui|app|cli)/' },
    },
    {
      name: 'engine-worker-contracts-type-only',
      comment:
        'src/engine spawns worker entries by URL and imports their API types only; the pure shard logic (workers/*.api.ts) it may run in-thread as the fallback.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^workers/', pathNot: '^workers/[^/]+\\.api\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'render-below-ui-app',
      comment: 'src/render imports src/core and src/engine only.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^(src/(ui|app|cli)|workers)/' },
    },
    {
      name: 'ui-not-app',
      comment: 'src/ui gets the store and services through src/ui/services (interfaces); src/app injects the implementations.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^(src/(app|cli)|workers)/' },
    },
    {
      name: 'app-not-cli',
      comment: 'src/app is the page: it does not import the Node command line.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-no-browser-layers',
      comment: 'src/cli uses src/core and src/engine (its Node host); never render, ui, app or worker entries.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(render|ui|app)|workers)/' },
    },
    {
      name: 'workers-thin',
      comment: 'workers/ entries expose src/core (and src/engine helpers) through comlink; never cli, ui, render or app.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/(cli|ui|render|app)/' },
    },
    {
      name: 'no-browser-packages-below-render',
      comment: 'React and three belong to src/render, src/ui and src/app.',
      severity: 'error',
      from: { path: '^(src/(core|engine|cli)|workers)/' },
      to: { path: '(^|/)node_modules/(react|react-dom|three|@react-three)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo or a missing package fails the lint, not the build).',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-cli)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
