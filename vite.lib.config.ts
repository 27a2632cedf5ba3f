/**
 * Second build of `npm run build` (started by vite.config.ts after the app): the library entry
 * dist/lib/constellation-view.js (one ES module, workers inline as blob: URLs, no other files) and
 * the standalone template dist/viewer-standalone.html (that module inline, with a hash-pinned CSP
 * meta tag, and an empty JSON slot for the scenario that the page's "Download standalone HTML" and
 * `plan embed` fill in). Run alone with `npx vite build --config vite.lib.config.ts`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The standalone file's meta tag (opened from disk: no server, no network): only its own hashed script runs. */
function standaloneCsp(scriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash}`,
    'worker-src blob: data:',
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'connect-src data: blob:',
    'media-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What the standalone template's JSON slot holds until a scenario is put in. */
const STANDALONE_SLOT = 'null';

const OUT = resolve(import.meta.dirname, 'dist/lib');
const FILE = 'constellation-view.js';

/** `new Worker(new URL('x.worker.ts', import.meta.url), opts)` -> Vite's inline worker (`?worker&inline`, blob: URL). */
function inlineWorkers(): Plugin {
  const re = /new Worker\(\s*new URL\(\s*(['"])([^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)\s*,/g;
  return {
    name: 'ocv-inline-workers',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.(ts|tsx)$/.test(id) || !code.includes('new Worker(')) return null;
      const imports: string[] = [];
      const out = code.replace(re, (_m, _q, path: string) => {
        const name = `__ocvInlineWorker${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
        return `new ${name}(`;
      });
      return imports.length ? { code: `${imports.join('\n')}\n${out}`, map: null } : null;
    },
  };
}

/**
 * satellite.js's optional WebAssembly builds (dynamic `#wasm-*` imports, unused here: the planner
 * propagates with its own batch SGP4) would be pulled into the single file, and their pthread
 * worker uses top-level await, which classic workers cannot. They are replaced by a stub that throws.
 */
function noSatelliteWasm(): Plugin {
  const STUB = '\0ocv-no-wasm';
  return {
    name: 'ocv-no-satellite-wasm',
    enforce: 'pre',
    resolveId(id) {
      return id === '#wasm-single-thread' || id === '#wasm-multi-thread' ? STUB : null;
    },
    load(id) {
      return id === STUB ? "export default async function () { throw new Error('satellite.js WebAssembly is not bundled'); }" : null;
    },
  };
}

/** Write the standalone template from the built module. */
function standaloneTemplate(): Plugin {
  return {
    name: 'ocv-standalone-template',
    apply: 'build',
    generateBundle(_opts, bundle) {
      const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.fileName === FILE);
      if (chunk?.type !== 'chunk') throw new Error(`standalone: ${FILE} missing from the bundle`);
      // Inside <script>, "</script" would end the element early and "<!--" would switch the HTML parser into
      // its escaped state; both occur only in string and regex literals (the OMM XML reader's comment
      // pattern), where "<\/script" and "\x3C!--" are the same text.
      const js = chunk.code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
      const hash = createHash('sha256').update(js, 'utf8').digest('base64');
      const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${standaloneCsp(`'sha256-${hash}'`)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="orbital-dc-planner standalone viewer">
<title>Constellation viewer</title>
<style>html, body, #root { margin: 0; height: 100%; background: #04060b; }</style>
</head>
<body>
<div id="root"><noscript>The viewer needs JavaScript and WebGL2.</noscript></div>
<script type="application/json" id="ocv-standalone">${STANDALONE_SLOT}</script>
<script type="module">${js}</script>
</body>
</html>
`;
      writeFileSync(resolve(import.meta.dirname, 'dist/viewer-standalone.html'), html);
    },
  };
}

export default defineConfig({
  plugins: [noSatelliteWasm(), inlineWorkers(), react(), standaloneTemplate()],
  base: './',
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // Classic (IIFE) workers: Chromium refuses module workers from blob: URLs of a file:// page (opaque origin).
  worker: { format: 'iife', plugins: () => [noSatelliteWasm(), inlineWorkers()] },
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
    minify: true,
    copyPublicDir: false,
    lib: { entry: resolve(import.meta.dirname, 'src/app/embed/lib.ts'), formats: ['es'], fileName: () => FILE },
    rollupOptions: { output: { codeSplitting: false, minify: true } },
  },
});
