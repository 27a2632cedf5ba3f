/**
 * States of chosen satellites over a time span, one satellite at a time (ephemeris, CZML and
 * GeoJSON export): satellites are propagated in blocks with the column SGP4 kernel (the numbers of
 * `plan states`), and `each` is awaited per satellite, so a writer can wait for its output and
 * memory stays flat for any fleet.
 */
import type { EphemerisSegment } from '../core/ephemeris';
import { ommObjectId } from '../core/elements/omm';
import { type Fleet, satelliteName } from '../core/fleet/fleet';
import { type StateFrame, temeToItrfAt } from '../core/frames';
import { gmstRadAtMs } from '../core/physics/time';
import { initSgp4Batch, propagateBatch } from '../core/sgp4';

/** Points held at once (block of satellites x steps): ~12 MB of states. */
const POINTS_PER_BLOCK = 1 << 18;

export interface SpanOptions {
  startMs: number;
  stepS: number;
  steps: number;
  /** teme, or itrf (geodetic callers convert from itrf themselves). */
  frame: Exclude<StateFrame, 'geodetic'>;
}

/** Calls `each` for the satellites `ids` (ascending) in order; `done` after each block. */
export async function forEachSegment(
  fleet: Fleet,
  ids: readonly number[],
  span: SpanOptions,
  each: (seg: EphemerisSegment) => Promise<void> | void,
  done?: (satellites: number) => void,
): Promise<void> {
  const { startMs, stepS, steps, frame } = span;
  const block = Math.max(1, Math.min(4096, Math.floor(POINTS_PER_BLOCK / steps)));
  const cols = fleet.elements;
  // Contiguous runs of chosen ids, cut into blocks (initSgp4Batch takes a range).
  const runs: Array<[number, number]> = [];
  for (let k = 0; k < ids.length; ) {
    let e = k + 1;
    while (e < ids.length && ids[e] === ids[e - 1] + 1 && e - k < block) e++;
    runs.push([ids[k], ids[e - 1] + 1]);
    k = e;
  }
  let handled = 0;
  for (const [s, e] of runs) {
    const n = e - s;
    const batch = initSgp4Batch(cols, s, e);
    const bp = new Float64Array(3 * n);
    const bv = new Float64Array(3 * n);
    const be = new Uint8Array(n);
    const P = new Float64Array(3 * n * steps);
    const V = new Float64Array(3 * n * steps);
    const E = new Uint8Array(n * steps);
    for (let k = 0; k < steps; k++) {
      const t = startMs + k * stepS * 1000;
      propagateBatch(batch, t, bp, bv, be, 0);
      const g = frame === 'itrf' ? gmstRadAtMs(t) : 0;
      for (let j = 0; j < n; j++) {
        if (frame === 'itrf') temeToItrfAt(g, bp, bv, j, bp, bv);
        const at = j * steps + k;
        for (let c = 0; c < 3; c++) {
          P[3 * at + c] = bp[3 * j + c];
          V[3 * at + c] = bv[3 * j + c];
        }
        E[at] = be[j];
      }
    }
    for (let j = 0; j < n; j++) {
      const id = s + j;
      await each({
        name: satelliteName(fleet, id),
        objectId: ommObjectId(cols.objectIds?.[id] ?? ''),
        noradId: cols.noradId[id],
        id,
        frame,
        startMs,
        stepS,
        count: steps,
        p: P.subarray(3 * j * steps, 3 * (j + 1) * steps),
        v: V.subarray(3 * j * steps, 3 * (j + 1) * steps),
        error: E.subarray(j * steps, (j + 1) * steps),
      });
    }
    handled += n;
    done?.(handled);
  }
}
