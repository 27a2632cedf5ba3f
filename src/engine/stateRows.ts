/**
 * The rows of `plan states`: TEME state of each satellite as CSV
 * (id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error). Shared by the in-thread path
 * (src/cli/states.ts) and the parallel parts (statesShard.ts, run by workers/states.node.ts).
 */
import { type ByteCsvWriter, csvField } from '../core/csv';

export const STATES_HEADER = 'id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error';

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
