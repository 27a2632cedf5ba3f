/**
 * Deep links into the planner page: `?preset=<key>` opens a preset as a new scenario
 * (orbital-compute-1m, suncatcher, starlink-72x22, colossus-300mw) and `#sat=<ref>` selects a
 * satellite and turns the camera to it: its id (`#sat=12`), catalogue number (`#sat=norad:25544`),
 * exact name or international designator (`#sat=ISS%20(ZARYA)`, `#sat=1998-067A`; see
 * resolveSatelliteRef in src/core/fleet/search.ts). Both may be combined with each other and a
 * share link is `#s=...` (its own parameter). A link that names nothing gives a message saying why
 * and the default scenario (or, for `#sat=`, the scenario without a selection).
 */
import { PRESETS, presetScenario } from '../core/presets';
import type { Scenario } from '../core/scenario/schema';

export const PRESET_PARAM = 'preset';
export const SAT_PARAM = 'sat';

/** The preset a `?preset=` link asks for: its scenario, or why it cannot be opened; null without the parameter. */
export function presetFromLink(search: string): { ok: true; key: string; scenario: Scenario } | { ok: false; error: string } | null {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  if (!params.has(PRESET_PARAM)) return null;
  const key = (params.get(PRESET_PARAM) ?? '').trim();
  const scenario = key ? presetScenario(key) : undefined;
  if (scenario) return { ok: true, key, scenario };
  return {
    ok: false,
    error:
      `The link asks for the preset "${key.slice(0, 60)}", which this planner does not have ` +
      `(known: ${PRESETS.map((p) => p.key).join(', ')}). Opened the default scenario instead.`,
  };
}

/** The satellite reference of a `#sat=` fragment (decoded), or null. */
export function satFromHash(hash: string): string | null {
  const h = hash.replace(/^#/, '');
  if (!h) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(h);
  } catch {
    return null;
  }
  const v = params.get(SAT_PARAM);
  return v === null ? null : v;
}

/** `location.search` without the parameters a page load has used up (keeps any others). */
export function searchWithout(search: string, names: readonly string[]): string {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  for (const n of names) params.delete(n);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The `#sat=` reference waiting for its fleet (set at start-up and on hashchange, taken by the 3D view). */
let pendingSat: string | null = null;
const listeners = new Set<() => void>();

export function setPendingSatellite(ref: string | null): void {
  pendingSat = ref;
  for (const l of listeners) l();
}
export function takePendingSatellite(): string | null {
  const r = pendingSat;
  pendingSat = null;
  return r;
}
export function peekPendingSatellite(): string | null {
  return pendingSat;
}
export function onPendingSatellite(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
