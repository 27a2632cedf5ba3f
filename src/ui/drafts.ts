/**
 * Drafts: text typed into a field that is not valid yet never reaches the scenario, but it is
 * kept (per saved scenario, in localStorage) so a reload or crash does not lose it. The field
 * shows it again, still marked, until it is corrected or replaced.
 */
let scope = '';
let cache: Record<string, string> | null = null;
/** Field labels of the drafts (in memory: a draft restored after a reload shows its name until its field mounts). */
const labels = new Map<string, string>();
const listeners = new Set<() => void>();
let version = 0;
const changed = () => {
  version++;
  for (const l of listeners) l();
};

/** Listen for drafts appearing or going (the capacity panel marks its figures out of date meanwhile). */
export function subscribeDrafts(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
/** Changes with every draft added or cleared (a snapshot key for useSyncExternalStore). */
export function draftsVersion(): number {
  return version;
}
/** The fields holding text that was not applied: name and label. */
export function draftFields(): Array<{ name: string; label: string }> {
  return Object.keys(load()).map((name) => ({ name, label: labels.get(name) ?? name.split('.').slice(-1)[0] }));
}
const KEY = (s: string) => `odc-drafts:${s}`;

function storage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

function load(): Record<string, string> {
  if (cache) return cache;
  cache = {};
  const st = storage();
  if (st && scope) {
    try {
      const v = JSON.parse(st.getItem(KEY(scope)) ?? '{}');
      if (v && typeof v === 'object') for (const [k, t] of Object.entries(v)) if (typeof t === 'string') cache[k] = t;
    } catch {
      /* damaged entry: start empty */
    }
  }
  return cache;
}

function save(): void {
  const st = storage();
  if (!st || !scope || !cache) return;
  try {
    if (Object.keys(cache).length === 0) st.removeItem(KEY(scope));
    else st.setItem(KEY(scope), JSON.stringify(cache));
  } catch {
    /* quota or private mode: drafts stay in memory only */
  }
}

/** Drafts belong to one saved scenario (its id). */
export function setDraftScope(docId: string): void {
  if (docId === scope) return;
  scope = docId;
  cache = null;
  // called while App renders: tell listeners after the render
  queueMicrotask(changed);
}

export function getDraft(name: string): string | undefined {
  return load()[name];
}

export function setDraft(name: string, text: string, label?: string): void {
  const c = load();
  if (label) labels.set(name, label);
  if (c[name] === text) return;
  const isNew = !(name in c);
  c[name] = text;
  save();
  if (isNew) changed();
}

export function clearDraft(name: string): void {
  const c = load();
  if (!(name in c)) return;
  delete c[name];
  save();
  changed();
}
