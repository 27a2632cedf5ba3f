/** Test helpers for element import/export: shared data location, fixtures, column comparison. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../../../../src/core/elements/columns';

const here = fileURLToPath(new URL('.', import.meta.url));
/** ../shared/data beside the repository root (never copied into the repo). */
export const SHARED_DATA_DIR = resolve(here, '../../../../../shared/data');
export const FIXTURES_DIR = resolve(here, '../../../fixtures/elements');

export function readSharedData(name: string): string {
  const path = resolve(SHARED_DATA_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `shared test data missing: ${path} not found (these tests need ../shared/data beside the repository; it is not copied into the repo)`,
    );
  }
  return readFileSync(path, 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(resolve(FIXTURES_DIR, name), 'utf8');
}

/** First difference between two column sets (exact equality, NaN-safe), or null when equal. */
export function diffColumns(
  a: ElementColumns,
  b: ElementColumns,
  opts: { strings?: boolean; objectIdsAsOmm?: boolean } = {},
): string | null {
  if (a.count !== b.count) return `count ${a.count} vs ${b.count}`;
  for (const f of [...ELEMENT_FLOAT_FIELDS, ...ELEMENT_INT_FIELDS]) {
    for (let k = 0; k < a.count; k++) {
      if (!Object.is(a[f][k], b[f][k])) return `${f}[${k}]: ${a[f][k]} vs ${b[f][k]}`;
    }
  }
  if (opts.strings !== false) {
    const fields: Array<'names' | 'classification' | 'objectIds'> = opts.objectIdsAsOmm
      ? ['names', 'classification']
      : ['names', 'classification', 'objectIds'];
    for (const f of fields) {
      for (let k = 0; k < a.count; k++) {
        const x = a[f]?.[k] ?? '';
        const y = b[f]?.[k] ?? '';
        if (x !== y) return `${f}[${k}]: '${x}' vs '${y}'`;
      }
    }
  }
  return null;
}

/** Split a text into pieces at the given cut points (sorted, deduplicated). */
export function cutAt(text: string, cuts: number[]): string[] {
  const pts = [...new Set(cuts.map((c) => Math.max(0, Math.min(text.length, c))))].sort((x, y) => x - y);
  const out: string[] = [];
  let at = 0;
  for (const p of pts) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}
