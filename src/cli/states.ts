/**
 * `plan states <file> --at <ISO> [--frame teme|itrf|geodetic] [--out file.csv] [--workers N]`: the
 * state of every satellite at one time, as CSV in input order (columns: src/engine/stateRows.ts).
 * `error` is 0 or the SGP4 error code (satellite.js numbering); a failed satellite has empty
 * position and velocity fields.
 */
import { satelliteName } from '../core/fleet/fleet';
import type { PropagationPool } from '../engine/propagationPool';
import { createNodePropagationEngine } from '../engine/nodeHost';
import { ByteCsvWriter } from '../core/csv';
import { statesHeader, writeStateRows } from '../engine/stateRows';
import type { StateFrame } from '../core/frames';
import type { LoadedInput } from './input';
import type { Output } from './output';

/** Rows per block between waits for the output (backpressure on a pipe). */
const ROWS_PER_BLOCK = 16_384;

export { STATES_HEADER } from '../engine/stateRows';

export async function runStates(
  input: LoadedInput,
  atMs: number,
  out: Output,
  workers = 0,
  frameName: StateFrame = 'teme',
): Promise<{ rows: number; failed: number }> {
  const pool: PropagationPool = createNodePropagationEngine({ workers });
  try {
    await pool.setFleet(input.fleet);
    const frame = await pool.propagate(atMs);
    if (!frame) throw new Error('propagation was superseded');
    const { positionKm, velocityKmS } = frame;
    if (!positionKm || !velocityKmS) throw new Error('the pool returned no km states');
    const { fleet } = input;
    const w = new ByteCsvWriter((c) => out.write(c));
    w.text(statesHeader(frameName)).newline();
    let failed = 0;
    let s = 0;
    // one name function for every block (one call target for the optimised writeStateRows)
    const nameOf = (k: number) => satelliteName(fleet, s + k);
    for (; s < fleet.count; s += ROWS_PER_BLOCK) {
      const e = Math.min(fleet.count, s + ROWS_PER_BLOCK);
      failed += writeStateRows(
        w,
        e - s,
        s,
        nameOf,
        fleet.elements.noradId.subarray(s, e),
        positionKm.subarray(3 * s, 3 * e),
        velocityKmS.subarray(3 * s, 3 * e),
        frame.error.subarray(s, e),
        { atMs, frame: frameName },
      );
      w.flush();
      await out.drain();
    }
    w.flush();
    return { rows: fleet.count, failed };
  } finally {
    pool.dispose();
  }
}
