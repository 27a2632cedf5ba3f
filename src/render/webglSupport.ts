/**
 * Can this page draw the 3D view? three.js (r163 on) needs WebGL 2. Probed once on a throwaway
 * canvas, so a page without it shows a message in the view instead of failing inside the canvas;
 * the rest of the planner (panels, charts, reports) does not need WebGL at all.
 */

let cached: string | null | undefined;

/** Why WebGL 2 is unavailable here (a sentence for the user), or null when it works. */
export function webglUnavailableReason(): string | null {
  if (cached !== undefined) return cached;
  cached = probe();
  return cached;
}

function probe(): string | null {
  if (typeof document === 'undefined') return 'no document to draw in';
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2');
    if (!gl) {
      const gl1 = c.getContext('webgl');
      return gl1
        ? 'this browser offers WebGL 1 only; the 3D view needs WebGL 2'
        : 'this browser gave no WebGL context (WebGL is disabled, blocked for this page, or not supported)';
    }
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe's context at once
    return null;
  } catch (e) {
    return `creating a WebGL context failed (${(e as Error)?.message ?? e})`;
  }
}

/** The message shown in place of the 3D view. */
export function noWebglMessage(reason: string): string {
  return (
    `3D view unavailable: ${reason.charAt(0).toUpperCase()}${reason.slice(1)}. The panels, charts and reports work without it; ` +
    `turn on WebGL or hardware acceleration in the browser and reload to see the globe.`
  );
}
