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
import { ChunkedWriter, csvField } from './csv';
import type { LoadedInput } from './input';

export const STATES_HEADER = 'id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error';

export async function runStates(input: LoadedInput, atMs: number, sink: (chunk: string) => unknown, workers = 0): Promise<{ rows: number; failed: number }> {
  const pool: PropagationPool = createNodePropagationEngine({ workers });
  try {
    await pool.setFleet(input.fleet);
    const frame = await pool.propagate(atMs);
    if (!frame) throw new Error('propagation was superseded');
    const { fleet } = input;
    const e = fleet.elements;
    const w = new ChunkedWriter(sink);
    w.line(STATES_HEADER);
    const p = frame.positionKm;
    const v = frame.velocityKmS;
    let failed = 0;
    for (let i = 0; i < fleet.count; i++) {
      const norad = e.noradId[i] >= 0 ? String(e.noradId[i]) : '';
      const err = frame.error[i];
      const name = csvField(satelliteName(fleet, i));
      if (err !== 0) {
        failed++;
        w.line(`${i},${name},${norad},,,,,,,${err}`);
      } else {
        const k = 3 * i;
        w.line(
          `${i},${name},${norad},${p[k].toFixed(6)},${p[k + 1].toFixed(6)},${p[k + 2].toFixed(6)},${v[k].toFixed(9)},${v[k + 1].toFixed(9)},${v[k + 2].toFixed(9)},0`,
        );
      }
    }
    w.flush();
    return { rows: fleet.count, failed };
  } finally {
    pool.dispose();
  }
}
