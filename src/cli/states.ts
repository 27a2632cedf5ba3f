/**
 * `plan states <file> --at <ISO> [--out file.csv] [--workers N]`: TEME state of every satellite
 * at one time, as CSV in input order:
 * id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error
 * `error` is 0 or the SGP4 error code (satellite.js numbering); a failed satellite has empty
 * position and velocity fields.
 */
import { satelliteName } from '../core/fleet/fleet';
import type { PropagationPool } from '../engine/propagationPool';
import { createNodePropagationEngine } from '../engine/nodeHost';
import { ByteCsvWriter } from '../core/csv';
import { STATES_HEADER, writeStateRows } from '../engine/stateRows';
import type { LoadedInput } from './input';

export { STATES_HEADER } from '../engine/stateRows';

export async function runStates(
  input: LoadedInput,
  atMs: number,
  sink: (chunk: Uint8Array) => unknown,
  workers = 0,
): Promise<{ rows: number; failed: number }> {
  const pool: PropagationPool = createNodePropagationEngine({ workers });
  try {
    await pool.setFleet(input.fleet);
    const frame = await pool.propagate(atMs);
    if (!frame) throw new Error('propagation was superseded');
    const { fleet } = input;
    const w = new ByteCsvWriter(sink);
    w.text(STATES_HEADER).newline();
    const failed = writeStateRows(
      w,
      fleet.count,
      0,
      (i) => satelliteName(fleet, i),
      fleet.elements.noradId,
      frame.positionKm,
      frame.velocityKmS,
      frame.error,
    );
    w.flush();
    return { rows: fleet.count, failed };
  } finally {
    pool.dispose();
  }
}
