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

export async function runStates(input: LoadedInput, atMs: number, sink: (chunk: Uint8Array) => unknown, workers = 0): Promise<{ rows: number; failed: number }> {
  const pool: PropagationPool = createNodePropagationEngine({ workers });
  try {
    await pool.setFleet(input.fleet);
    const frame = await pool.propagate(atMs);
    if (!frame) throw new Error('propagation was superseded');
    const { fleet } = input;
    const e = fleet.elements;
    const w = new ByteCsvWriter(sink);
    w.text(STATES_HEADER).newline();
    const p = frame.positionKm;
    const v = frame.velocityKmS;
    let failed = 0;
    for (let i = 0; i < fleet.count; i++) {
      w.uint(i).comma().text(csvField(satelliteName(fleet, i))).comma();
      if (e.noradId[i] >= 0) w.uint(e.noradId[i]);
      w.comma();
      const err = frame.error[i];
      if (err !== 0) {
        failed++;
        w.text(',,,,,,').uint(err).newline();
      } else {
        const k = 3 * i;
        w.fixed(p[k], 6).comma().fixed(p[k + 1], 6).comma().fixed(p[k + 2], 6).comma();
        w.fixed(v[k], 9).comma().fixed(v[k + 1], 9).comma().fixed(v[k + 2], 9).comma().byte(48).newline();
      }
    }
    w.flush();
    return { rows: fleet.count, failed };
  } finally {
    pool.dispose();
  }
}
