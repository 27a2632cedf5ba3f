import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { servedCsp } from './csp.config';

// COOP/COEP make the page cross-origin isolated so SharedArrayBuffer works; the engine
// detects `crossOriginIsolated` and falls back to transferred buffers when it is not.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The Content-Security-Policy header (csp.config.ts) on every response of the dev and preview servers. */
function cspHeaders(): Plugin {
  return {
    name: 'ocv-csp-headers',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('Content-Security-Policy', servedCsp(req.url ?? '/', true));
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('Content-Security-Policy', servedCsp(req.url ?? '/'));
        next();
      });
    },
  };
}

/** After the app: the library module and the standalone template (vite.lib.config.ts). OCV_APP_ONLY=1 skips it. */
function libraryBuild(): Plugin {
  return {
    name: 'ocv-library-build',
    apply: 'build',
    async closeBundle() {
      if (process.env.OCV_APP_ONLY === '1') return;
      await build({ configFile: resolve(import.meta.dirname, 'vite.lib.config.ts') });
    },
  };
}

export default defineConfig({
  plugins: [react(), cspHeaders(), libraryBuild()],
  base: './',
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['satellite.js'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
});
