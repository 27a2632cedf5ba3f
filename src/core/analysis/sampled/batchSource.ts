/**
 * The column SGP4 kernel as a StateSource: the whole batch, or rows [from, to) of it through
 * windows of the batch (sgp4BatchWindow, made on first use of each range and kept), so a
 * consumer can work through small Float64 blocks (the interpolation knots, ./interpolation.ts).
 */
import { sgp4BatchWindow, type Sgp4Batch } from '../../sgp4/batch';
import { propagateBatch } from '../../sgp4/propagate';
import type { StateSource } from './types';

export function batchStateSource(batch: Sgp4Batch): StateSource {
  const windows = new Map<number, Sgp4Batch>();
  return {
    propagate: (t, pos, vel, err) => {
      propagateBatch(batch, t, pos, vel, err, 0);
    },
    propagateRows(t, from, to, pos, vel, err) {
      let w = windows.get(from);
      if (!w || w.count !== to - from) {
        w = sgp4BatchWindow(batch, from, to);
        windows.set(from, w);
      }
      propagateBatch(w, t, pos, vel, err, 0);
    },
  };
}
