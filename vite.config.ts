import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Content-Security-Policy of the planner, the embed page and the standalone file (issue 16).
 * No inline script and no eval anywhere; workers from the site itself or blob: (the library and the
 * standalone file inline theirs); styles may be inline (React style attributes and the viewer's
 * injected <style>); scenario URLs may be fetched from any https origin (CORS still applies).
 * The planner may only be framed by itself; the embed page by anyone (that is what it is for: its
 * postMessage API trusts only the origins it is given).
 */
const common = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https: blob: data:",
  "media-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** Header for one response path: the embed may be framed by any page, everything else only by the planner's origin. */
function servedCsp(path: string, dev = false): string {
  const parts = [...common, /\/embed\.html(\?|$)/.test(path) ? 'frame-ancestors *' : "frame-ancestors 'self'"];
  if (dev) {
    // The dev server's React refresh preamble is an inline script and HMR talks over a WebSocket;
    // `npm run build` + preview (and the browser tests) use the strict policy above.
    parts[1] = "script-src 'self' 'unsafe-inline'";
    parts[6] = "connect-src 'self' https: blob: data: ws: wss:";
  }
  return parts.join('; ');
}

// COOP/COEP make the page cross-origin isolated so SharedArrayBuffer works; the engine
// detects `crossOriginIsolated` and falls back to transferred buffers when it is not.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The Content-Security-Policy header (above) on every response of the dev and preview servers. */
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
