/**
 * Named scenarios in IndexedDB. Each record holds the scenario as JSON text (validated again on
 * load, so a damaged or older record gives a message, not a crash) and the id of the scenario
 * last open is kept under meta/current so a reload or crash reopens it.
 */
import { parseScenario, serializeScenario } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';
import type { LoadResult, SavedScenarioInfo } from '../ui/services';

const DB_NAME = 'orbital-dc-planner';
const DB_VERSION = 1;
const STORE = 'scenarios';
const META = 'meta';

export type { LoadResult, SavedScenarioInfo };

interface ScenarioRecord extends SavedScenarioInfo {
  json: string;
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available in this browser: scenarios will not be kept after reload'));
      return;
    }
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    open.onsuccess = () => {
      const db = open.result;
      // A newer planner in another tab wants to upgrade the database: let it (close ours); the
      // next save opens it again, and says so if this planner is now too old for it.
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      db.onclose = () => {
        dbPromise = null;
      };
      resolve(db);
    };
    open.onerror = () => reject(open.error ?? new Error('could not open IndexedDB'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of the planner'));
  });
  dbPromise.catch(() => {
    dbPromise = null;
  });
  return dbPromise;
}

/** Why saving failed, in words, and whether autosave is off altogether (no usable IndexedDB) rather than failing once. */
export function describeStorageError(e: unknown): { off: boolean; why: string } {
  const err = e as { name?: string; message?: string } | null;
  const name = err?.name ?? '';
  const msg = err?.message ?? String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(msg))
    return { off: false, why: "the browser's storage for this site is full (quota exceeded)" };
  if (name === 'VersionError')
    return { off: true, why: 'a newer version of the planner has upgraded its storage in another tab; reload this tab' };
  if (/not available/i.test(msg)) return { off: true, why: 'this browser offers no IndexedDB storage here' };
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnknownError' || /denied|disabled|private/i.test(msg))
    return { off: true, why: `the browser refuses storage for this page (${name || 'blocked'}: private mode or site data turned off?)` };
  if (/blocked by another tab/i.test(msg)) return { off: false, why: msg };
  return { off: false, why: msg };
}

export function newScenarioId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  return `sc-${rnd}`;
}

export async function saveScenario(id: string, scenario: Scenario, satellites: number): Promise<void> {
  const db = await openDb();
  const json = serializeScenario(scenario);
  const rec: ScenarioRecord = { id, name: scenario.name, updatedMs: Date.now(), satellites, bytes: json.length, json };
  const tx = db.transaction([STORE, META], 'readwrite');
  tx.objectStore(STORE).put(rec);
  tx.objectStore(META).put(id, 'current');
  await txDone(tx);
}

export async function listScenarios(): Promise<SavedScenarioInfo[]> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readonly');
  const all = (await req(tx.objectStore(STORE).getAll())) as ScenarioRecord[];
  return all
    .map(({ id, name, updatedMs, satellites, bytes }) => ({ id, name, updatedMs, satellites, bytes }))
    .sort((a, b) => b.updatedMs - a.updatedMs);
}

export async function loadScenario(id: string): Promise<LoadResult> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readonly');
  const rec = (await req(tx.objectStore(STORE).get(id))) as ScenarioRecord | undefined;
  if (!rec) return { ok: false, error: `saved scenario ${id} not found` };
  const r = parseScenario(rec.json);
  if (!r.ok) return { ok: false, error: `saved scenario "${rec.name}" could not be read: ${r.errors.slice(0, 3).join('; ')}` };
  return { ok: true, id, scenario: r.scenario };
}

export async function currentScenarioId(): Promise<string | null> {
  const db = await openDb();
  const tx = db.transaction(META, 'readonly');
  const v = await req(tx.objectStore(META).get('current'));
  return typeof v === 'string' ? v : null;
}

export async function setCurrentScenarioId(id: string): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(META, 'readwrite');
  tx.objectStore(META).put(id, 'current');
  await txDone(tx);
}

export async function deleteScenario(id: string): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).delete(id);
  await txDone(tx);
}
