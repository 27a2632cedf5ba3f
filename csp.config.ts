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
export function servedCsp(path: string, dev = false): string {
  const parts = [...common, /\/embed\.html(\?|$)/.test(path) ? 'frame-ancestors *' : "frame-ancestors 'self'"];
  if (dev) {
    // The dev server's React refresh preamble is an inline script and HMR talks over a WebSocket;
    // `npm run build` + preview (and the browser tests) use the strict policy above.
    parts[1] = "script-src 'self' 'unsafe-inline'";
    parts[6] = "connect-src 'self' https: blob: data: ws: wss:";
  }
  return parts.join('; ');
}

/** The standalone file's meta tag (opened from disk: no server, no network): only its own hashed script runs. */
export function standaloneCsp(scriptHash: string): string {
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
export const STANDALONE_SLOT = 'null';
