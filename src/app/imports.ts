/**
 * Parsed element sets of the scenario's imported shells. The scenario keeps each imported
 * file's text; the columns are derived here (parsed once per text, cached by shell id) and
 * handed to buildFleet. The import dialog seeds the cache with the result it already has.
 */
import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { allocElementColumns, type ElementColumns, type ImportResult } from '../core/elements';
import type { Scenario } from '../core/scenario/schema';
import { parseElementText } from '../engine/elementsClient';

interface Entry {
  text: string;
  accept: boolean;
  result: ImportResult | null;
  error: string | null;
  promise: Promise<void> | null;
}

const cache = new Map<string, Entry>();
const emptyColumns = allocElementColumns(0, true);
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

/** Record a parse the import dialog already did, so applying the import does not parse twice. */
export function seedImport(shellId: string, text: string, accept: boolean, result: ImportResult): void {
  cache.set(shellId, { text, accept, result, error: null, promise: null });
  notify();
}

function ensure(shellId: string, text: string, accept: boolean): void {
  const e = cache.get(shellId);
  if (e && e.text === text && e.accept === accept) return;
  const entry: Entry = { text, accept, result: null, error: null, promise: null };
  cache.set(shellId, entry);
  entry.promise = parseElementText(text, { acceptBadChecksums: accept })
    .then((r) => {
      entry.result = r;
    })
    .catch((err: Error) => {
      entry.error = err.message;
    })
    .finally(() => {
      entry.promise = null;
      notify();
    });
}

export interface ImportsState {
  /** Accepted satellites per imported shell (absent while parsing). */
  counts: ReadonlyMap<string, number>;
  /** The same, readable without re-rendering (autosave). */
  countsRef: MutableRefObject<ReadonlyMap<string, number>>;
  columns: ReadonlyMap<string, ElementColumns>;
  results: ReadonlyMap<string, ImportResult>;
  pending: number;
  /** Increases whenever a parse finishes. */
  version: number;
}

export function useImports(scenario: Scenario): ImportsState {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const l = () => setVersion((v) => v + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  const imported = scenario.shells.filter((s) => s.kind === 'imported');
  useEffect(() => {
    for (const sh of imported) if (sh.kind === 'imported') ensure(sh.id, sh.text, sh.acceptBadChecksums);
  });
  const countsRef = useRef<ReadonlyMap<string, number>>(new Map());
  const state = useMemo(() => {
    const counts = new Map<string, number>();
    const columns = new Map<string, ElementColumns>();
    const results = new Map<string, ImportResult>();
    let pending = 0;
    for (const sh of imported) {
      if (sh.kind !== 'imported') continue;
      const e = cache.get(sh.id);
      if (e && e.text === sh.text && e.accept === sh.acceptBadChecksums && e.result) {
        counts.set(sh.id, e.result.accepted);
        columns.set(sh.id, e.result.columns);
        results.set(sh.id, e.result);
      } else if (e?.error) {
        counts.set(sh.id, 0);
        results.set(sh.id, {
          format: 'unknown',
          columns: emptyColumns,
          accepted: 0,
          rejected: [{ line: 0, record: 0, reason: e.error }],
          warnings: [],
        });
      } else pending++;
    }
    return { counts, columns, results, pending };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scenario.shells, version]);
  countsRef.current = state.counts;
  return { ...state, countsRef, version };
}
