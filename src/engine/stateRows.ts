/**
 * The rows of `plan states`: the state of each satellite at one time as CSV, in the frame asked for
 * (src/core/frames.ts), with the epoch and frame on every row so that a file says what it is:
 *   teme, itrf: id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error
 *   geodetic:   id,name,norad,epoch_utc,frame,lat_deg,lon_deg,alt_km,error     (frame WGS84)
 * Shared by the in-thread path (src/cli/states.ts), the parallel parts (statesShard.ts, run by
 * workers/states.node.ts) and `plan ephemeris --format csv`.
 */
import { type ByteCsvWriter, csvField } from '../core/csv';
import { geodeticFromItrf, type StateFrame, temeToItrfInPlace } from '../core/frames';

export function statesHeader(frame: StateFrame = 'teme'): string {
  return frame === 'geodetic'
    ? 'id,name,norad,epoch_utc,frame,lat_deg,lon_deg,alt_km,error'
    : 'id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error';
}

export const STATES_HEADER = statesHeader('teme');

/** The `frame` column's value. */
export const FRAME_LABEL: Record<StateFrame, string> = { teme: 'TEME', itrf: 'ITRF', geodetic: 'WGS84' };

/** Epoch as written in the CSV: ISO 8601 UTC with milliseconds. */
export function epochText(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

export interface StateRowsOptions {
  /** Default teme. */
  frame?: StateFrame;
  /** The time of the states (Unix ms UTC). */
  atMs: number;
}

const geo = new Float64Array(3);

/**
 * CSV rows for satellites [0, count) of a shard whose first row has fleet id `idOffset` (the
 * in-thread path and the parallel workers of statesParallel.ts write through this one function).
 * `p` and `v` hold TEME states; for itrf and geodetic they are rotated in place. Returns how many
 * rows carry an SGP4 error.
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
  opts: StateRowsOptions,
): number {
  const frame = opts.frame ?? 'teme';
  if (frame !== 'teme') temeToItrfInPlace(opts.atMs, p, v, count);
  const prefix = `${epochText(opts.atMs)},${FRAME_LABEL[frame]},`;
  const empty = frame === 'geodetic' ? ',,,' : ',,,,,,';
  let failed = 0;
  for (let i = 0; i < count; i++) {
    w.uint(idOffset + i)
      .comma()
      .text(csvField(nameOf(i)))
      .comma();
    if (noradId[i] >= 0) w.uint(noradId[i]);
    w.comma().text(prefix);
    const err = error[i];
    const k = 3 * i;
    if (err !== 0) {
      failed++;
      w.text(empty).uint(err).newline();
    } else if (frame === 'geodetic') {
      geodeticFromItrf(p[k], p[k + 1], p[k + 2], geo);
      w.fixed(geo[0], 7).comma().fixed(geo[1], 7).comma().fixed(geo[2], 6).comma().byte(48).newline();
    } else {
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
