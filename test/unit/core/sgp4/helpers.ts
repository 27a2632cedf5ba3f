/**
 * Test helpers: the real catalogue and Spacetrack Report #3 from ../shared/data, and element
 * columns built from satellite.js `twoline2satrec` (independent of our own TLE parser), so that
 * our batch and the satellite.js reference use exactly the same epoch and elements.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { twoline2satrec, type SatRec } from 'satellite.js';
import { allocElementColumns, type ElementColumns } from '../../../../src/core/elements/columns';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data relative to the repository root. */
export const SHARED_DATA_DIR = resolve(here, '../../../../../shared/data');

/** Read a file of the shared data folder, or fail with one clear message. */
export function readSharedData(name: string): string {
  const path = resolve(SHARED_DATA_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `shared test data missing: ${path} not found (the tests need ../shared/data next to the repository; it is not copied into the repo)`,
    );
  }
  return readFileSync(path, 'utf8');
}

export interface TlePair {
  line1: string;
  line2: string;
}

/** Split a two-line (or three-line) TLE file into line pairs. */
export function splitTle(text: string): TlePair[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const out: TlePair[] = [];
  for (let k = 0; k < lines.length - 1; k++) {
    if (lines[k].startsWith('1 ') && lines[k + 1].startsWith('2 ')) {
      out.push({ line1: lines[k], line2: lines[k + 1] });
      k++;
    }
  }
  return out;
}

const RAD2DEG = 180 / Math.PI;
const XPDOTP = 1440.0 / (2.0 * Math.PI);

/**
 * Element columns from satellite.js SatRecs. epochMs is derived from satrec.jdsatepoch (the
 * one Julian date satellite.js propagates from): jd - 2440587.5 is exact in binary floating
 * point for these magnitudes, so our epoch equals theirs to ~1e-7 ms.
 */
export function columnsFromSatrecs(recs: SatRec[]): ElementColumns {
  const cols = allocElementColumns(recs.length);
  recs.forEach((r, i) => {
    cols.epochMs[i] = (r.jdsatepoch - 2440587.5) * 86_400_000;
    cols.meanMotionRevPerDay[i] = r.nokozai * XPDOTP;
    cols.eccentricity[i] = r.ecco;
    cols.inclinationDeg[i] = r.inclo * RAD2DEG;
    cols.raanDeg[i] = r.nodeo * RAD2DEG;
    cols.argPerigeeDeg[i] = r.argpo * RAD2DEG;
    cols.meanAnomalyDeg[i] = r.mo * RAD2DEG;
    cols.bstar[i] = r.bstar;
    cols.meanMotionDotRevPerDay2[i] = r.ndot * XPDOTP * 1440;
    cols.meanMotionDdotRevPerDay3[i] = r.nddot * XPDOTP * 1440 * 1440;
    cols.noradId[i] = Number.parseInt(r.satnum, 10) || -1;
  });
  return cols;
}

/** SatRecs and columns for TLE pairs. */
export function satrecsAndColumns(pairs: TlePair[]): { recs: SatRec[]; cols: ElementColumns } {
  const recs = pairs.map((p) => twoline2satrec(p.line1, p.line2));
  return { recs, cols: columnsFromSatrecs(recs) };
}
