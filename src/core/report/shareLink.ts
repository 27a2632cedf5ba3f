/**
 * Share links, the one encoder and decoder (the page, the embed, the library's `mount` and the
 * report's reproducibility block all use this file): the whole scenario as JSON compressed with
 * fflate (raw DEFLATE) and written in base64url, carried in the URL fragment
 * (`#s=1.<base64url(raw DEFLATE of the scenario JSON)>`), so it never reaches a server. Decoding
 * validates everything (src/core/scenario/intake.ts) and returns a message instead of throwing.
 * Pure: no DOM (no btoa/atob, no URLSearchParams), so the command line prints the same links.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { intakeScenario } from '../scenario/intake';
import type { Scenario } from '../scenario/schema';
import { base64Url, base64UrlToBytes } from './base64';

/** Version of the link format itself (not the scenario version, which the scenario carries). */
export const SHARE_FORMAT_VERSION = 1;
export const SHARE_PARAM = 's';
/**
 * Browsers accept URLs of several MB, but mail and chat tools cut far shorter ones: Outlook and
 * some webmail clients break links around 2,000 characters (the old Internet Explorer limit of
 * 2,083), and chat tools commonly shorten or truncate beyond a few thousand. The dialog warns above
 * SHARE_WARN_CHARS.
 */
export const SHARE_WARN_CHARS = 2_000;
export const SHARE_MAX_CHARS = 2_000_000;
/**
 * Inflate at most this many bytes (a crafted 2 MB link can expand to about 1.4 GB). Inflation runs
 * as a stream with a running total, so a link over the budget stops after about this much work.
 */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Compressed bytes handed to the inflater per step (each step can expand to at most ~1,032x). */
const INFLATE_STEP_BYTES = 4096;

export type ShareDecode = { ok: true; scenario: Scenario; notes?: string[] } | { ok: false; error: string };

/** Base64url without padding, as the link carries it. */
export const bytesToBase64Url = base64Url;
export { base64UrlToBytes };

class BudgetExceeded extends Error {}

/**
 * Raw-DEFLATE `bytes` with fflate's streaming Inflate, feeding small steps and keeping a running total
 * of the output: stops as soon as the total passes `budgetBytes` (no full inflation of a bomb).
 */
export function inflateWithBudget(
  bytes: Uint8Array,
  budgetBytes: number,
  stats?: { inputBytes: number; outputBytes: number },
): Uint8Array | 'too-large' | 'damaged' {
  const parts: Uint8Array[] = [];
  let total = 0;
  if (stats) stats.inputBytes = stats.outputBytes = 0;
  let ended = false;
  const inf = new Inflate();
  inf.ondata = (chunk, final) => {
    total += chunk.length;
    if (stats) stats.outputBytes = total;
    if (total > budgetBytes) throw new BudgetExceeded();
    parts.push(chunk);
    if (final) ended = true;
  };
  try {
    for (let i = 0; i < bytes.length; i += INFLATE_STEP_BYTES) {
      const end = Math.min(bytes.length, i + INFLATE_STEP_BYTES);
      if (stats) stats.inputBytes = end;
      inf.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch (e) {
    return e instanceof BudgetExceeded ? 'too-large' : 'damaged';
  }
  if (!ended) return 'damaged';
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The fragment payload (without '#'): `s=1.<base64url(deflate(json))>`. */
export function encodeShareFragment(scenario: Scenario): string {
  const json = JSON.stringify(scenario);
  const packed = deflateSync(strToU8(json), { level: 9 });
  return `${SHARE_PARAM}=${SHARE_FORMAT_VERSION}.${base64Url(packed)}`;
}

/** Full link for `baseUrl` (its own fragment is replaced). */
export function shareUrl(baseUrl: string, scenario: Scenario): string {
  const i = baseUrl.indexOf('#');
  return `${i >= 0 ? baseUrl.slice(0, i) : baseUrl}#${encodeShareFragment(scenario)}`;
}

/** True when the fragment carries a share payload at all (so a plain URL is not an error). */
export function hasSharePayload(hash: string): boolean {
  const h = hash.replace(/^#/, '');
  // the keys of the fragment read as application/x-www-form-urlencoded (as URLSearchParams reads them)
  const key = (part: string): string => {
    const k = part.split('=', 1)[0].replace(/\+/g, ' ');
    try {
      return decodeURIComponent(k);
    } catch {
      return k;
    }
  };
  return h.split('&').some((p) => key(p) === SHARE_PARAM) || h.startsWith(`${SHARE_PARAM}=`);
}

/** Decode and validate a fragment (with or without the leading '#'). */
export function decodeShareFragment(hash: string): ShareDecode {
  const h = hash.replace(/^#/, '');
  if (h.length > SHARE_MAX_CHARS) return { ok: false, error: `share link: longer than ${SHARE_MAX_CHARS} characters` };
  const m = /(?:^|&)s=([^&]*)/.exec(h);
  if (!m) return { ok: false, error: 'share link: no scenario in the link (expected #s=...)' };
  const payload = m[1];
  const dot = payload.indexOf('.');
  if (dot < 0) return { ok: false, error: 'share link: broken (missing format version); the link was probably cut short' };
  const fmt = Number(payload.slice(0, dot));
  if (!Number.isInteger(fmt) || fmt < 1)
    return { ok: false, error: `share link: broken (format "${payload.slice(0, dot).slice(0, 20)}" is not a version number)` };
  if (fmt > SHARE_FORMAT_VERSION)
    return {
      ok: false,
      error: `share link: made by a newer planner (link format ${fmt}, this planner reads ${SHARE_FORMAT_VERSION}); update the planner`,
    };
  const bytes = base64UrlToBytes(payload.slice(dot + 1));
  if (!bytes || bytes.length === 0)
    return { ok: false, error: 'share link: broken (not base64url data); the link was probably cut short or edited' };
  const inflated = inflateWithBudget(bytes, MAX_INFLATED_BYTES);
  if (inflated === 'too-large')
    return {
      ok: false,
      error:
        `share link: the scenario inside is larger than ${MAX_INFLATED_BYTES / 1024 / 1024} MB once unpacked; refused (save a ` +
        `file instead)`,
    };
  if (inflated === 'damaged')
    return { ok: false, error: 'share link: broken (compressed data is damaged); the link was probably cut short' };
  let json: string;
  try {
    json = strFromU8(inflated);
  } catch {
    return { ok: false, error: 'share link: broken (the scenario inside is not UTF-8 text)' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ok: false, error: 'share link: broken (the scenario inside is not JSON)' };
  }
  const r = intakeScenario(doc, 'share link');
  if (!r.ok) return r;
  return { ok: true, scenario: r.scenario, notes: r.notes };
}

// ---- the report's share entry ----

/** Longest share link the report prints; a longer one (large imported element sets) is replaced by a note. */
export const REPORT_SHARE_MAX_CHARS = 6_000;

/** The report's share entry: a link for `baseUrl` (its own fragment replaced), or why there is none. */
export function reportShare(scenario: Scenario, baseUrl: string | undefined): { url?: string; note?: string } {
  const fragment = encodeShareFragment(scenario);
  const base = baseUrl === undefined ? '' : baseUrl.replace(/#.*$/, '');
  const url = `${base}#${fragment}`;
  if (url.length > REPORT_SHARE_MAX_CHARS)
    return {
      note:
        `no link: it would be ${url.length.toLocaleString('en-US')} characters ` +
        `(over ${REPORT_SHARE_MAX_CHARS.toLocaleString('en-US')}); share the scenario file`,
    };
  const fileBacked = scenario.shells.some((s) => s.enabled && s.kind === 'imported' && s.text === '');
  return fileBacked ? { url, note: 'carries the scenario without its element file: open the file with it' } : { url };
}
