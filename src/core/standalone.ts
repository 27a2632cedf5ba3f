/**
 * The standalone viewer file: the template `npm run build` writes (dist/viewer-standalone.html: the
 * viewer module inline, its workers inline as blob: URLs, a hash-pinned CSP meta tag) with a scenario
 * and viewer options put into its JSON slot (imported element shells included: their texts ride in the
 * scenario, compressed when large). Pure text in, text out; used by the page's "Download standalone
 * HTML" and by `plan embed`.
 */
import { deflateSync, strToU8 } from 'fflate';
import type { Scenario } from '../core/scenario/schema';
import { base64Url } from './report/base64';

/**
 * Scenario JSON longer than this goes into the slot compressed (raw DEFLATE, base64url, as share
 * links carry it): imported element texts (the 2022 catalogue is 3.6 MB of TLE) shrink ~3x; a
 * generated scenario (a few kB) stays plain, readable JSON.
 */
export const STANDALONE_PLAIN_MAX_CHARS = 64 * 1024;

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

/**
 * What the slot holds: `{ scenario, options }`, or `{ scenarioDeflated, options }` (base64url of the
 * raw-DEFLATE scenario JSON) when the JSON is longer than STANDALONE_PLAIN_MAX_CHARS.
 */
export function standalonePayload(scenario: Scenario, options: StandaloneOptions = {}): string {
  const json = JSON.stringify(scenario);
  if (json.length <= STANDALONE_PLAIN_MAX_CHARS) return scriptSafeJson({ scenario, options });
  return scriptSafeJson({ scenarioDeflated: base64Url(deflateSync(strToU8(json), { level: 9 })), options });
}

/** The template with `scenario` (and options) in its slot and the scenario's name as the title. */
export function fillStandaloneTemplate(template: string, scenario: Scenario, options: StandaloneOptions = {}): string {
  if (!isStandaloneTemplate(template)) throw new Error('standalone template: not the viewer template (rebuild with npm run build)');
  const payload = standalonePayload(scenario, options);
  return template
    .replace(SLOT_RE, (_m, open: string, _old: string, close: string) => `${open}${payload}${close}`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(scenario.name)} - constellation viewer</title>`);
}
