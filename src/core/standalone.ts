/**
 * The standalone viewer file: the template `npm run build` writes (dist/viewer-standalone.html: the
 * viewer module inline, its workers inline as blob: URLs, a hash-pinned CSP meta tag) with a scenario
 * and viewer options put into its JSON slot. Pure text in, text out; used by the page's "Download
 * standalone HTML" and by `plan embed`.
 */
import type { Scenario } from '../core/scenario/schema';

const SLOT_RE = /(<script type="application\/json" id="ocv-standalone">)([\s\S]*?)(<\/script>)/;

export interface StandaloneOptions {
  paused?: boolean;
  time?: string | number;
  speed?: number;
  colour?: string;
  ui?: boolean;
  analysis?: boolean;
}

/** JSON that is safe inside a <script> element: no "</script", no "<!--". */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escape text for HTML element content. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** True when `html` is the standalone template (or a file made from it). */
export function isStandaloneTemplate(html: string): boolean {
  return SLOT_RE.test(html) && html.includes('orbital-dc-planner standalone viewer');
}

/** The template with `scenario` (and options) in its slot and the scenario's name as the title. */
export function fillStandaloneTemplate(template: string, scenario: Scenario, options: StandaloneOptions = {}): string {
  if (!isStandaloneTemplate(template)) throw new Error('standalone template: not the viewer template (rebuild with npm run build)');
  const payload = scriptSafeJson({ scenario, options });
  return template
    .replace(SLOT_RE, (_m, open: string, _old: string, close: string) => `${open}${payload}${close}`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(scenario.name)} - constellation viewer</title>`);
}
