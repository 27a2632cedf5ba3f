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
import { ByteCsvWriter, csvField } from './csv';
import type { LoadedInput } from './input';

export const STATES_HEADER = 'id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error';

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

/**
 * CSV rows for satellites [0, count) of a shard whose first row has fleet id `idOffset` (the
 * in-thread path and the parallel workers of statesParallel.ts write through this one function).
 * Returns how many rows carry an SGP4 error.
 */
export function writeStateRows(
  w: ByteCsvWriter,
  count: number,
  idOffset: number,
  nameOf: (k: number) => string,
  noradId: Int32Array,
  p: Float64Array,
  v: Float64Array,
  error: Uint8Array,
): number {
  let failed = 0;
  for (let i = 0; i < count; i++) {
    w.uint(idOffset + i)
      .comma()
      .text(csvField(nameOf(i)))
      .comma();
    if (noradId[i] >= 0) w.uint(noradId[i]);
    w.comma();
    const err = error[i];
    if (err !== 0) {
      failed++;
      w.text(',,,,,,').uint(err).newline();
    } else {
      const k = 3 * i;
      w.fixed(p[k], 6)
        .comma()
        .fixed(p[k + 1], 6)
        .comma()
        .fixed(p[k + 2], 6)
        .comma();
      w.fixed(v[k], 9)
        .comma()
        .fixed(v[k + 1], 9)
        .comma()
        .fixed(v[k + 2], 9)
        .comma()
        .byte(48)
        .newline();
    }
  }
  return failed;
}
