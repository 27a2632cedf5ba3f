/**
 * The rows of `plan states`: the state of each satellite at one time as CSV, in the frame asked for
 * (src/core/frames.ts), with the epoch and frame on every row so that a file says what it is:
 *   teme, itrf: id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error
 *   geodetic:   id,name,norad,epoch_utc,frame,lat_deg,lon_deg,alt_km,error     (frame WGS84)
 * Shared by the in-thread path (src/cli/states.ts), the parallel parts (statesShard.ts, run by
 * workers/states.node.ts) and `plan ephemeris --format csv`.
 */
import { type ByteCsvWriter, writeFixed, writeUint } from '../core/csv';
import { utf8Encoder } from '../core/platform';
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
const utf8 = utf8Encoder();
/** After the name: ',' norad ',' (prefix) then 6 numbers of at most 36 bytes and 7 separators, an error code and a newline. */
const ROW_TAIL_BYTES = 1 + 16 + 1 + 6 * 36 + 7 + 3 + 1;
/** 'NORAD ' */
const NORAD_PREFIX = utf8.encode('NORAD ');

/**
 * CSV rows for satellites [0, count) of a shard whose first row has fleet id `idOffset` (the
 * in-thread path and the parallel workers of statesParallel.ts write through this one function).
 * `nameOf(k)` gives row k's name, or null for `NORAD <its catalogue number>` (the fallback name
 * of an imported satellite without one, written without making the string).
 * `p` and `v` hold TEME states; for itrf and geodetic they are rotated in place. Returns how many
 * rows carry an SGP4 error.
 */
export function writeStateRows(
  w: ByteCsvWriter,
  count: number,
  idOffset: number,
  nameOf: (k: number) => string | null,
  noradId: Int32Array,
  p: Float64Array,
  v: Float64Array,
  error: Uint8Array,
  opts: StateRowsOptions,
): number {
  const frame = opts.frame ?? 'teme';
  if (frame !== 'teme') temeToItrfInPlace(opts.atMs, p, v, count);
  // ',<norad>,' is written between the name and this: 'epoch,frame,'
  const prefix = utf8.encode(`${epochText(opts.atMs)},${FRAME_LABEL[frame]},`);
  const empty = utf8.encode(frame === 'geodetic' ? ',,,' : ',,,,,,');
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    w.uint(idOffset + i).comma();
    if (name === null) w.bytes(NORAD_PREFIX).uint(noradId[i]);
    else w.field(name);
    // The rest of the row, at most ROW_TAIL_BYTES, written straight into the buffer.
    const b = w.reserve(prefix.length + ROW_TAIL_BYTES);
    let at = w.pos;
    b[at++] = 44;
    if (noradId[i] >= 0) at = writeUint(b, at, noradId[i]);
    b[at++] = 44;
    for (let c = 0; c < prefix.length; c++) b[at++] = prefix[c];
    const err = error[i];
    const k = 3 * i;
    if (err !== 0) {
      failed++;
      for (let c = 0; c < empty.length; c++) b[at++] = empty[c];
      at = writeUint(b, at, err);
    } else if (frame === 'geodetic') {
      geodeticFromItrf(p[k], p[k + 1], p[k + 2], geo);
      at = writeFixed(b, at, geo[0], 7);
      b[at++] = 44;
      at = writeFixed(b, at, geo[1], 7);
      b[at++] = 44;
      at = writeFixed(b, at, geo[2], 6);
      b[at++] = 44;
      b[at++] = 48;
    } else {
      at = writeFixed(b, at, p[k], 6);
      b[at++] = 44;
      at = writeFixed(b, at, p[k + 1], 6);
      b[at++] = 44;
      at = writeFixed(b, at, p[k + 2], 6);
      b[at++] = 44;
      at = writeFixed(b, at, v[k], 9);
      b[at++] = 44;
      at = writeFixed(b, at, v[k + 1], 9);
      b[at++] = 44;
      at = writeFixed(b, at, v[k + 2], 9);
      b[at++] = 44;
      b[at++] = 48;
    }
    b[at++] = 10;
    w.pos = at;
  }
  return failed;
}
