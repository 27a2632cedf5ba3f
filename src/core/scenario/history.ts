/**
 * Undo/redo over immutable snapshots. Every edit pushes the previous value; edits that carry the
 * same coalescing key within `coalesceMs` (typing digits into one field) merge into one step.
 * Pure: no DOM, no React; the workspace store (src/app/store.ts) wraps it.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Key and time of the last edit, for coalescing. */
  lastKey: string | null;
  lastAtMs: number;
}

export const HISTORY_LIMIT = 200;
/** Edits of one field closer together than this merge into one undo step (typing a number digit by digit). */
export const COALESCE_MS = 1200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAtMs: 0 };
}

/**
 * Record `next` as the new present. With a `key` equal to the previous edit's key and within
 * `coalesceMs`, the edit replaces the present without adding an undo step.
 */
export function pushHistory<T>(h: History<T>, next: T, key: string | null = null, nowMs = 0, coalesceMs = COALESCE_MS): History<T> {
  if (Object.is(next, h.present)) return h;
  const coalesce = key !== null && key === h.lastKey && nowMs - h.lastAtMs <= coalesceMs && h.past.length > 0;
  const past = coalesce ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAtMs: nowMs };
}

export function undoHistory<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const prev = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null, lastAtMs: 0 };
}

export function redoHistory<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [next, ...rest] = h.future;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null, lastAtMs: 0 };
}

/** Replace everything (opening another scenario): no undo across documents. */
export function resetHistory<T>(present: T): History<T> {
  return createHistory(present);
}
