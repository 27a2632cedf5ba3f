/**
 * The column SGP4 kernel as a StateSource: the whole batch, or block by block through windows of
 * the batch (sgp4BatchWindow, STATE_BLOCK_ROWS rows each, made once) into one small Float64
 * scratch, so a consumer never needs whole-fleet Float64 arrays: the interpolation knots
 * (./interpolation.ts) and the viewer's Float32 draw states (workers/propagation.api.ts).
 */
import { sgp4BatchWindow, type Sgp4Batch } from '../../sgp4/batch';
import { propagateBatch } from '../../sgp4/propagate';
import type { StateSource } from './types';

/** Rows per block of StateSource.propagateBlocks (about 100 kB of Float64 scratch per array). */
export const STATE_BLOCK_ROWS = 4096;

export function batchStateSource(batch: Sgp4Batch): StateSource {
  const windows: Sgp4Batch[] = [];
  for (let a = 0; a < batch.count; a += STATE_BLOCK_ROWS)
    windows.push(sgp4BatchWindow(batch, a, Math.min(batch.count, a + STATE_BLOCK_ROWS)));
  const rows = Math.min(STATE_BLOCK_ROWS, batch.count);
  const pos = new Float64Array(3 * rows);
  const vel = new Float64Array(3 * rows);
  const err = new Uint8Array(rows);
  return {
    propagate: (t, p, v, e) => {
      propagateBatch(batch, t, p, v, e, 0);
    },
    propagateBlocks(t, visit) {
      for (let k = 0; k < windows.length; k++) {
        const w = windows[k];
        propagateBatch(w, t, pos, vel, err, 0);
        visit(k, w.start - batch.start, w.start - batch.start + w.count, pos, vel, err);
      }
    },
  };
}
