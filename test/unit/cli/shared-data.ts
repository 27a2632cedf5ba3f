import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** ../shared/data beside the repository; tests that need it fail with this message if it is missing. */
export const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data');
export const CATALOG = resolve(SHARED_DATA, 'catalog-2022-08-09.tle');

export function requireSharedData(path: string): string {
  if (!existsSync(path))
    throw new Error(`missing ${path}: these tests need ../shared/data beside the repository (the real TLE catalogue and SGP4 vectors)`);
  return path;
}
