/**
 * Share links: the whole scenario, as JSON compressed with fflate (raw DEFLATE) and written in
 * base64url, carried in the URL fragment (`#s=1.<data>`), so it never reaches a server.
 * Decoding validates everything and returns a message instead of throwing.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { validateScenario } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';

/** Version of the link format itself (not the scenario version, which the scenario carries). */
export const SHARE_FORMAT_VERSION = 1;
export const SHARE_PARAM = 's';
/** Browsers accept URLs of several MB, but chat tools and mail clients cut far shorter ones. */
export const SHARE_WARN_CHARS = 8_000;
export const SHARE_MAX_CHARS = 2_000_000;
/** Refuse to inflate more than this (a crafted link could expand to gigabytes). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export type ShareDecode = { ok: true; scenario: Scenario } | { ok: false; error: string };

export function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlToBytes(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment payload (without '#'): `s=1.<base64url(deflate(json))>`. */
export function encodeShareFragment(scenario: Scenario): string {
  const json = JSON.stringify(scenario);
  const packed = deflateSync(strToU8(json), { level: 9 });
  return `${SHARE_PARAM}=${SHARE_FORMAT_VERSION}.${bytesToBase64Url(packed)}`;
}

/** Full link for `baseUrl` (its own fragment is replaced). */
export function shareUrl(baseUrl: string, scenario: Scenario): string {
  const i = baseUrl.indexOf('#');
  return `${i >= 0 ? baseUrl.slice(0, i) : baseUrl}#${encodeShareFragment(scenario)}`;
}

/** True when the fragment carries a share payload at all (so a plain URL is not an error). */
export function hasSharePayload(hash: string): boolean {
  const h = hash.replace(/^#/, '');
  return new URLSearchParams(h).has(SHARE_PARAM) || h.startsWith(`${SHARE_PARAM}=`);
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
  let json: string;
  try {
    const out = inflateSync(bytes);
    if (out.length > MAX_INFLATED_BYTES) return { ok: false, error: 'share link: scenario too large' };
    json = strFromU8(out);
  } catch {
    return { ok: false, error: 'share link: broken (compressed data is damaged); the link was probably cut short' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ok: false, error: 'share link: broken (the scenario inside is not JSON)' };
  }
  const r = validateScenario(doc);
  if (!r.ok) {
    const first = r.errors.slice(0, 3).join('; ');
    const more = r.errors.length > 3 ? ` (and ${r.errors.length - 3} more)` : '';
    return { ok: false, error: `share link: the scenario is not valid: ${first}${more}` };
  }
  return { ok: true, scenario: r.scenario };
}
