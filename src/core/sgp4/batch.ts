/**
 * Column-wise (structure-of-arrays) SGP4 initialisation.
 *
 * Algorithm: SGP4 as revised by Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack
 * Report #3", AIAA 2006-6753 (procedures `initl` and `sgp4init`), WGS-72 constants, 'i'
 * (improved) operation mode, i.e. what satellite.js 7.1 `twoline2satrec` / `json2satrec` run.
 * The formulas below follow that paper's code step by step and in the same order of
 * floating-point operations where it matters, so that results agree with satellite.js to
 * far below a millimetre (tested in test/unit/core/sgp4/).
 *
 * Layout: the derived constants of each satellite side by side in one Float64Array
 * (SGP4_BATCH_STRIDE per satellite, SGP4_BATCH_COLUMNS order), index = satellite index within the
 * batch, so the kernel reads one memory stream for them instead of eighteen.
 * The mean elements themselves (epoch, e, i, RAAN, argument of perigee, mean anomaly) are not
 * copied: the batch keeps subarray views of the caller's ElementColumns and reads them at
 * propagation time, so do not modify those columns while the batch is in use.
 * Quantities that are one multiply or a short polynomial away from stored ones (t2cof, t3cof,
 * t4cof, t5cof, con41, x1mth2, x7thm1, aycof, xlcof) are recomputed at propagation time to
 * keep the batch at 18 Float64 values (144 bytes) per satellite.
 *
 * Deep-space objects (period >= 225 min, SDP4 with lunar-solar terms and resonances) are NOT
 * in the column kernel: they are handed to satellite.js per satellite. For those only, a
 * satellite.js SatRec is built here (json2satrec from the columns, then the epoch is set to the
 * exact column epoch) and `propagateBatch` calls satellite.js `sgp4` for them. Generated
 * fleets (LEO/MEO below ~5,900 km altitude) never take that path; a real catalogue has a few
 * thousand such objects.
 */
import { gstime, json2satrec, type SatRec } from 'satellite.js';
import type { ElementColumns } from '../elements/columns';
import { DEEP_SPACE_PERIOD_MIN, DEG2RAD, J2, J3_OVER_J2, J4, RADIUS_KM, TWO_PI, X2O3, XKE, XPDOTP } from './wgs72';

/** Flag bits per satellite (Sgp4Batch.flags). */
export const SGP4_FLAG_SIMPLE = 1; // isimp: perigee below 220 km, truncated drag terms
export const SGP4_FLAG_DEEP = 2; // period >= 225 min: propagated by satellite.js (deepRecs)
export const SGP4_FLAG_INVALID = 4; // elements not finite or initialisation produced NaN
/** B* = 0: every drag term is exactly zero, the kernel skips them (same result). */
export const SGP4_FLAG_NO_DRAG = 8;

/** Names of the derived Float64 columns, in storage order. */
export const SGP4_BATCH_COLUMNS = [
  'ao', // semi-major axis from the un-Kozai'd mean motion, Earth radii: (xke / no)^(2/3)
  'mdot', // secular mean-anomaly rate, rad/min
  'argpdot', // secular argument-of-perigee rate, rad/min
  'nodedot', // secular node rate, rad/min
  'nodecf', // node drag coefficient
  'cc1',
  'bcc4', // bstar * cc4
  'bcc5', // bstar * cc5
  'sinmao', // sin(mean anomaly at epoch)
  'omgcof',
  'eta',
  'xmcof',
  'delmo',
  'd2',
  'd3',
  'd4',
  'cosio', // cos(inclination at epoch)
  'sinio', // sin(inclination at epoch)
] as const;
export type Sgp4BatchColumn = (typeof SGP4_BATCH_COLUMNS)[number];
/** Derived constants per satellite in Sgp4Batch.constants. */
export const SGP4_BATCH_STRIDE = SGP4_BATCH_COLUMNS.length;

/** One derived constant of every satellite of the batch, as a column (tests and tools; copies). */
export function sgp4BatchColumn(b: Sgp4Batch, name: Sgp4BatchColumn): Float64Array {
  const k = SGP4_BATCH_COLUMNS.indexOf(name);
  const out = new Float64Array(b.count);
  for (let i = 0; i < b.count; i++) out[i] = b.constants[SGP4_BATCH_STRIDE * i + k];
  return out;
}

export interface Sgp4Batch {
  /** Satellites in the batch (rows [start, end) of the element columns it was built from). */
  count: number;
  /** First row of the source ElementColumns (for the caller's bookkeeping). */
  start: number;
  /** Views (no copy) of the source element columns, rows [start, end). */
  epochMs: Float64Array;
  eccentricity: Float64Array;
  inclinationDeg: Float64Array;
  raanDeg: Float64Array;
  argPerigeeDeg: Float64Array;
  meanAnomalyDeg: Float64Array;
  /**
   * Derived SGP4 constants, interleaved: satellite i's are at [SGP4_BATCH_STRIDE * i, + STRIDE),
   * in SGP4_BATCH_COLUMNS order (one memory stream for the kernel instead of eighteen).
   */
  constants: Float64Array;
  /** SGP4_FLAG_* bits per satellite. */
  flags: Uint8Array;
  /** Batch indices of deep-space satellites (flag DEEP), ascending. */
  deepIndex: Int32Array;
  /** satellite.js records of the deep-space satellites, parallel to deepIndex. */
  deepRecs: SatRec[];
  /** Init problems worth telling the user about (one line per satellite, capped). */
  messages: string[];
}

const MAX_MESSAGES = 100;

/**
 * json2satrec takes the epoch as an ISO string, i.e. truncated to whole milliseconds. Only
 * three things in a deep-space SatRec depend on the epoch beyond the minutes since epoch that
 * propagateBatch passes to `sgp4` itself: jdsatepoch, the sidereal time at epoch (gsto, from
 * satellite.js `gstime`, 'i' mode) and the resonance longitude xlamo = ... - irez * gsto
 * (Vallado 2006 `dsinit`). They are set here for the exact epoch, and the resonance integrator
 * is reset to epoch as `dspace` does. The lunar-solar terms (`dscom`) see the truncated epoch:
 * under 1 ms of Sun and Moon motion, far below a millimetre of effect.
 */
function restoreExactEpoch(rec: SatRec, epochMs: number): void {
  const jd = epochMs / 86_400_000 + 2440587.5;
  const gsto = gstime(jd);
  let delta = gsto - rec.gsto;
  if (delta > Math.PI) delta -= TWO_PI;
  else if (delta < -Math.PI) delta += TWO_PI;
  rec.jdsatepoch = jd;
  rec.gsto = gsto;
  if (rec.irez !== 0) {
    rec.xlamo = (rec.xlamo - rec.irez * delta) % TWO_PI;
    rec.xli = rec.xlamo;
    rec.xni = rec.no;
    rec.atime = 0;
  }
}

/**
 * Rows [from, to) of a batch as a batch of their own, sharing its memory (views; the deep-space
 * lists filtered and re-indexed): propagating the window gives exactly those rows of the whole.
 * For propagating a large batch block by block into small scratch arrays.
 */
export function sgp4BatchWindow(b: Sgp4Batch, from: number, to: number): Sgp4Batch {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from && to <= b.count)) {
    throw new RangeError(`sgp4BatchWindow: rows [${from}, ${to}) are not within 0..${b.count}`);
  }
  const deep: number[] = [];
  const recs: SatRec[] = [];
  for (let k = 0; k < b.deepIndex.length; k++) {
    const i = b.deepIndex[k];
    if (i >= from && i < to) {
      deep.push(i - from);
      recs.push(b.deepRecs[k]);
    }
  }
  return {
    count: to - from,
    start: b.start + from,
    epochMs: b.epochMs.subarray(from, to),
    eccentricity: b.eccentricity.subarray(from, to),
    inclinationDeg: b.inclinationDeg.subarray(from, to),
    raanDeg: b.raanDeg.subarray(from, to),
    argPerigeeDeg: b.argPerigeeDeg.subarray(from, to),
    meanAnomalyDeg: b.meanAnomalyDeg.subarray(from, to),
    constants: b.constants.subarray(SGP4_BATCH_STRIDE * from, SGP4_BATCH_STRIDE * to),
    flags: b.flags.subarray(from, to),
    deepIndex: Int32Array.from(deep),
    deepRecs: recs,
    messages: [],
  };
}

/** Bytes held by the batch's own arrays (excluding the shared element views and deep SatRecs). */
export function sgp4BatchBytes(b: Sgp4Batch): number {
  let n = b.flags.byteLength + b.deepIndex.byteLength;
  n += b.constants.byteLength;
  return n;
}

/**
 * Memory for initSgp4Batch to reuse across blocks (constants of SGP4_BATCH_STRIDE * rows, flags of
 * rows): a batch made in it is valid until the next initSgp4Batch with the same scratch.
 */
export interface Sgp4BatchScratch {
  constants: Float64Array;
  flags: Uint8Array;
}

/** The near-Earth initialisation of initSgp4Batch's rows [start, end) into kc and flags; deep-space rows are listed in deepList. */
function initNearEarth(
  epochMs: Float64Array,
  eccentricity: Float64Array,
  inclinationDeg: Float64Array,
  raanDeg: Float64Array,
  argPerigeeDeg: Float64Array,
  meanAnomalyDeg: Float64Array,
  nRevPerDay: Float64Array,
  bstarCol: Float64Array,
  start: number,
  kc: Float64Array,
  flags: Uint8Array,
  messages: string[],
  deepList: number[],
): void {
  // Column views, not the columns object: objects from different readers have different shapes,
  // and a second shape here would throw the optimised loop away.
  const count = epochMs.length;
  // sgp4init "earth constants": s and qoms2t in Earth radii.
  const ss = 78.0 / RADIUS_KM + 1.0;
  const qzms2ttemp = (120.0 - 78.0) / RADIUS_KM;
  const qzms2t = qzms2ttemp * qzms2ttemp * qzms2ttemp * qzms2ttemp;

  for (let i = 0; i < count; i++) {
    const kb = 18 * i; // SGP4_BATCH_STRIDE
    const ecco = eccentricity[i];
    const inclo = inclinationDeg[i] * DEG2RAD;
    const argpo = argPerigeeDeg[i] * DEG2RAD;
    const mo = meanAnomalyDeg[i] * DEG2RAD;
    const bstar = bstarCol[i];
    const noKozai = nRevPerDay[i] / XPDOTP;
    if (
      !(
        Number.isFinite(ecco) &&
        Number.isFinite(inclo) &&
        Number.isFinite(argpo) &&
        Number.isFinite(mo) &&
        Number.isFinite(raanDeg[i]) &&
        Number.isFinite(bstar) &&
        Number.isFinite(epochMs[i]) &&
        noKozai > 0 &&
        Number.isFinite(noKozai) &&
        ecco >= 0 &&
        ecco < 1
      )
    ) {
      flags[i] = SGP4_FLAG_INVALID;
      if (messages.length < MAX_MESSAGES) {
        messages.push(`satellite ${start + i}: elements out of range for SGP4 (need finite values, mean motion > 0, 0 <= e < 1)`);
      }
      continue;
    }

    // ---- initl: recover the un-Kozai'd mean motion and semi-major axis ----
    const eccsq = ecco * ecco;
    const omeosq = 1.0 - eccsq;
    const rteosq = Math.sqrt(omeosq);
    const cosio = Math.cos(inclo);
    const cosio2 = cosio * cosio;
    const akBase = XKE / noKozai;
    const ak = Math.cbrt(akBase * akBase); // (XKE / n)^(2/3)
    const d1 = (0.75 * J2 * (3.0 * cosio2 - 1.0)) / (rteosq * omeosq);
    let delPrime = d1 / (ak * ak);
    const adel = ak * (1.0 - delPrime * delPrime - delPrime * (1.0 / 3.0 + (134.0 * delPrime * delPrime) / 81.0));
    delPrime = d1 / (adel * adel);
    const no = noKozai / (1.0 + delPrime);
    const aoBase = XKE / no;
    const ao = Math.cbrt(aoBase * aoBase);
    const sinio = Math.sin(inclo);
    const po = ao * omeosq;
    const con42 = 1.0 - 5.0 * cosio2;
    const con41 = -con42 - cosio2 - cosio2;
    const posq = po * po;
    const rp = ao * (1.0 - ecco);

    // ---- sgp4init ----
    let fl = 0;
    if (rp < 220.0 / RADIUS_KM + 1.0) fl |= SGP4_FLAG_SIMPLE;
    let sfour = ss;
    let qzms24 = qzms2t;
    const perige = (rp - 1.0) * RADIUS_KM;
    if (perige < 156.0) {
      sfour = perige - 78.0;
      if (perige < 98.0) sfour = 20.0;
      const qzms24temp = (120.0 - sfour) / RADIUS_KM;
      qzms24 = qzms24temp * qzms24temp * qzms24temp * qzms24temp;
      sfour = sfour / RADIUS_KM + 1.0;
    }
    const pinvsq = 1.0 / posq;
    const tsi = 1.0 / (ao - sfour);
    const eta = ao * ecco * tsi;
    const etasq = eta * eta;
    const eeta = ecco * eta;
    const psisq = Math.abs(1.0 - etasq);
    const tsi2 = tsi * tsi;
    const coef = qzms24 * (tsi2 * tsi2);
    const coef1 = coef / (psisq * psisq * psisq * Math.sqrt(psisq));
    const cc2 =
      coef1 *
      no *
      (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) + ((0.375 * J2 * tsi) / psisq) * con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
    const cc1 = bstar * cc2;
    let cc3 = 0.0;
    if (ecco > 1.0e-4) cc3 = (-2.0 * coef * tsi * J3_OVER_J2 * no * sinio) / ecco;
    const x1mth2 = 1.0 - cosio2;
    const cc4 =
      2.0 *
      no *
      coef1 *
      ao *
      omeosq *
      (eta * (2.0 + 0.5 * etasq) +
        ecco * (0.5 + 2.0 * etasq) -
        ((J2 * tsi) / (ao * psisq)) *
          (-3.0 * con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
            0.75 * x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * Math.cos(2.0 * argpo)));
    const cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
    const cosio4 = cosio2 * cosio2;
    const temp1 = 1.5 * J2 * pinvsq * no;
    const temp2 = 0.5 * temp1 * J2 * pinvsq;
    const temp3 = -0.46875 * J4 * pinvsq * pinvsq * no;
    const mdot = no + 0.5 * temp1 * rteosq * con41 + 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
    const argpdot =
      -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
    const xhdot1 = -temp1 * cosio;
    const nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
    const omgcof = bstar * cc3 * Math.cos(argpo);
    let xmcof = 0.0;
    if (ecco > 1.0e-4) xmcof = (-X2O3 * coef * bstar) / eeta;
    const nodecf = 3.5 * omeosq * xhdot1 * cc1;
    const delmotemp = 1.0 + eta * Math.cos(mo);

    kc[kb] = ao;
    kc[kb + 1] = mdot;
    kc[kb + 2] = argpdot;
    kc[kb + 3] = nodedot;
    kc[kb + 4] = nodecf;
    kc[kb + 5] = cc1;
    kc[kb + 6] = bstar * cc4;
    kc[kb + 7] = bstar * cc5;
    kc[kb + 8] = Math.sin(mo);
    kc[kb + 9] = omgcof;
    kc[kb + 10] = eta;
    kc[kb + 11] = xmcof;
    kc[kb + 12] = delmotemp * delmotemp * delmotemp;
    kc[kb + 16] = cosio;
    kc[kb + 17] = sinio;

    if (TWO_PI / no >= DEEP_SPACE_PERIOD_MIN) {
      fl = SGP4_FLAG_DEEP | SGP4_FLAG_SIMPLE;
      deepList.push(i);
    } else if ((fl & SGP4_FLAG_SIMPLE) === 0) {
      if (bstar === 0) fl |= SGP4_FLAG_NO_DRAG;
      const cc1sq = cc1 * cc1;
      const d2 = 4.0 * ao * tsi * cc1sq;
      const temp = (d2 * tsi * cc1) / 3.0;
      kc[kb + 13] = d2;
      kc[kb + 14] = (17.0 * ao + sfour) * temp;
      kc[kb + 15] = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * cc1;
    }
    if (fl & SGP4_FLAG_SIMPLE) {
      // No higher-order drag terms (the kernel still subtracts them: zeros).
      kc[kb + 13] = 0;
      kc[kb + 14] = 0;
      kc[kb + 15] = 0;
    }
    if (!(Number.isFinite(mdot) && Number.isFinite(cc1) && Number.isFinite(kc[kb + 6]) && Number.isFinite(kc[kb + 15]))) {
      fl = SGP4_FLAG_INVALID;
      if (messages.length < MAX_MESSAGES) messages.push(`satellite ${start + i}: SGP4 initialisation gave non-finite terms`);
    }
    flags[i] = fl;
  }
}

/**
 * Initialise SGP4 for rows [start, end) of `cols` (in `scratch` when given and large enough). Never throws for a bad satellite: its flag
 * gets SGP4_FLAG_INVALID and propagation reports error 1 for it. Throws RangeError only for a
 * bad [start, end) range.
 */
export function initSgp4Batch(cols: ElementColumns, start = 0, end: number = cols.count, scratch?: Sgp4BatchScratch): Sgp4Batch {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= cols.count)) {
    throw new RangeError(`initSgp4Batch: range [${start}, ${end}) is not within 0..${cols.count}`);
  }
  const count = end - start;
  // Every constant the kernel reads and every flag is written below, so reused memory needs no clearing.
  const reuse = scratch !== undefined && scratch.flags.length >= count && scratch.constants.length >= SGP4_BATCH_STRIDE * count;
  const kc = reuse ? scratch.constants.subarray(0, SGP4_BATCH_STRIDE * count) : new Float64Array(SGP4_BATCH_STRIDE * count);
  const flags = reuse ? scratch.flags.subarray(0, count) : new Uint8Array(count);
  const messages: string[] = [];

  const deepList: number[] = [];
  // The loop is a function of its own (as propagateBatch's): optimised while it runs, it would
  // otherwise meet the deep-space code after it without type feedback and be compiled again.
  const epochMs = cols.epochMs.subarray(start, end);
  const eccentricity = cols.eccentricity.subarray(start, end);
  const inclinationDeg = cols.inclinationDeg.subarray(start, end);
  const raanDeg = cols.raanDeg.subarray(start, end);
  const argPerigeeDeg = cols.argPerigeeDeg.subarray(start, end);
  const meanAnomalyDeg = cols.meanAnomalyDeg.subarray(start, end);
  const nRevPerDay = cols.meanMotionRevPerDay.subarray(start, end);
  const bstarCol = cols.bstar.subarray(start, end);
  initNearEarth(
    epochMs,
    eccentricity,
    inclinationDeg,
    raanDeg,
    argPerigeeDeg,
    meanAnomalyDeg,
    nRevPerDay,
    bstarCol,
    start,
    kc,
    flags,
    messages,
    deepList,
  );

  // Deep-space objects: satellite.js SatRecs (see header and restoreExactEpoch).
  const deepIndex: number[] = [];
  const deepRecs: SatRec[] = [];
  for (const i of deepList) {
    if (flags[i] & SGP4_FLAG_INVALID) continue;
    try {
      const rec = json2satrec(
        {
          OBJECT_NAME: '',
          OBJECT_ID: '',
          EPOCH: new Date(Math.floor(epochMs[i])).toISOString(),
          MEAN_MOTION: nRevPerDay[i],
          ECCENTRICITY: eccentricity[i],
          INCLINATION: inclinationDeg[i],
          RA_OF_ASC_NODE: raanDeg[i],
          ARG_OF_PERICENTER: argPerigeeDeg[i],
          MEAN_ANOMALY: meanAnomalyDeg[i],
          EPHEMERIS_TYPE: 0,
          NORAD_CAT_ID: cols.noradId[start + i] ?? 0,
          ELEMENT_SET_NO: 0,
          REV_AT_EPOCH: 0,
          BSTAR: bstarCol[i],
          MEAN_MOTION_DOT: cols.meanMotionDotRevPerDay2[start + i],
          MEAN_MOTION_DDOT: cols.meanMotionDdotRevPerDay3[start + i],
        },
        'i',
      );
      restoreExactEpoch(rec, epochMs[i]);
      deepIndex.push(i);
      deepRecs.push(rec);
    } catch (err) {
      flags[i] = SGP4_FLAG_INVALID;
      if (messages.length < MAX_MESSAGES) {
        messages.push(`satellite ${start + i}: deep-space initialisation failed (${(err as Error).message})`);
      }
    }
  }

  return {
    count,
    start,
    epochMs,
    eccentricity,
    inclinationDeg,
    raanDeg,
    argPerigeeDeg,
    meanAnomalyDeg,
    constants: kc,
    flags,
    deepIndex: Int32Array.from(deepIndex),
    deepRecs,
    messages,
  };
}
