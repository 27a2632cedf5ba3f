/**
 * Where the embed's scenario comes from: the share-link fragment, `?scenario=<URL>`, a preset or
 * `sats=N`. Every outside document goes through intakeScenario (the shared loader and its migrations).
 */
import { defaultScenario, presetScenario } from '../../core/presets';
import { decodeShareFragment, hasSharePayload } from '../../core/report/shareLink';
import { MAX_SCENARIO_JSON_CHARS } from '../../core/scenario/intake';
import type { EmbedConfig } from './config';
import { walkerScenario } from './config';
import type { InitialScenario } from './viewerApp';

/** The scenario to start with (sync sources), or `pending` when `scenario=<URL>` must be fetched first. */
export function initialScenario(cfg: EmbedConfig, hash: string): InitialScenario {
  if (hasSharePayload(hash)) {
    const r = decodeShareFragment(hash);
    return r.ok ? { scenario: r.scenario, notes: r.notes ?? [] } : { error: r.error };
  }
  if (cfg.scenarioUrl) return { pending: `Loading the scenario from ${cfg.scenarioUrl.slice(0, 200)} ...` };
  const base = defaultScenario();
  if (cfg.sats !== null) {
    try {
      return { scenario: walkerScenario(cfg.sats, base), notes: [] };
    } catch (e) {
      return { scenario: base, notes: [`sats=${cfg.sats}: ${(e as Error).message}; showing the default`] };
    }
  }
  if (cfg.preset) {
    const s = presetScenario(cfg.preset);
    if (s) return { scenario: s, notes: [] };
    return { scenario: base, notes: [`preset=${cfg.preset}: unknown preset; showing the default`] };
  }
  return { scenario: base, notes: [] };
}

/**
 * Fetch scenario JSON text from `url` (relative to `base`), reading at most MAX_SCENARIO_JSON_CHARS
 * bytes. Rejects with a message that starts with "scenario URL".
 */
export async function fetchScenarioText(url: string, base: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    throw new Error(`scenario URL: "${url.slice(0, 200)}" is not a URL`);
  }
  if (!/^https?:$|^blob:$|^data:$/.test(u.protocol) && !(u.protocol === 'file:' && base.startsWith('file:')))
    throw new Error(`scenario URL: ${u.protocol} URLs are not fetched (use http or https)`);
  let res: Response;
  try {
    res = await fetchImpl(u.href, { credentials: 'omit', mode: 'cors' });
  } catch (e) {
    throw new Error(
      `scenario URL: could not fetch ${u.href.slice(0, 200)} (${(e as Error).message}; another site must allow it with CORS)`,
    );
  }
  if (!res.ok) throw new Error(`scenario URL: ${u.href.slice(0, 200)} answered ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length') ?? '0');
  if (len > MAX_SCENARIO_JSON_CHARS) throw new Error(`scenario URL: the file is ${len} bytes; at most ${MAX_SCENARIO_JSON_CHARS} are read`);
  if (!res.body) return await res.text();
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_SCENARIO_JSON_CHARS) {
      await reader.cancel();
      throw new Error(`scenario URL: the file is larger than ${MAX_SCENARIO_JSON_CHARS} bytes; refused`);
    }
    text += dec.decode(value, { stream: true });
  }
  return text + dec.decode();
}
