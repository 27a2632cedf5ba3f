/**
 * +Grid neighbours for imported element sets (real catalogues, in any order): near-circular
 * LEO/MEO satellites are grouped into shells by inclination and altitude and into planes by the
 * RAAN at the window start (J2 drift applied); in-plane neighbours are the next and previous
 * satellite by argument of latitude (u = omega + M, J2 rates applied), cross-plane neighbours the
 * satellite with the nearest u in the adjacent planes (round the RAAN circle when the seam is no
 * wider than twice the median plane spacing). Eccentric (e > 0.02) and deep-space satellites get
 * no ISLs.
 */
import { WGS72 } from '../../constants';
import type { ElementColumns } from '../../elements/columns';
import { j2Rates, sgp4SemiMajorAxisKm } from '../../orbit';
import { DEG2RAD } from '../../units';

/** Imported satellites on ISLs: near-circular, below the SDP4 (deep-space) period. */
export const ISL_MAX_ECCENTRICITY = 0.02;
export const ISL_MIN_REV_PER_DAY = 1440 / 225;
/** Grouping tolerances: a new shell where sorted inclinations or altitudes jump by more. */
const SHELL_INCLINATION_GAP_DEG = 0.1;
const SHELL_ALTITUDE_GAP_KM = 5;
/** A new plane where the sorted RAANs of a shell jump by more than this. */
export const PLANE_RAAN_GAP_DEG = 1.5;

const wrap360 = (x: number): number => ((x % 360) + 360) % 360;

/** Split sorted values into runs where consecutive values differ by at most `gap`. */
function runs(order: number[], value: (k: number) => number, gap: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (let j = 0; j < order.length; j++) {
    if (j > 0 && value(order[j]) - value(order[j - 1]) > gap) {
      out.push(cur);
      cur = [];
    }
    cur.push(order[j]);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Index in `us` (ascending, degrees on a circle) of the value nearest to `u`. */
function nearestOnCircle(us: Float64Array, u: number): number {
  let lo = 0;
  let hi = us.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (us[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  const a = lo % us.length;
  const b = (lo - 1 + us.length) % us.length;
  const da = Math.abs(wrap360(us[a] - u + 180) - 180);
  const db = Math.abs(wrap360(us[b] - u + 180) - 180);
  return da <= db ? a : b;
}

/**
 * +Grid neighbours of the imported satellites [start, start + count) of `e`, written into `nb`
 * (4 per fleet id: in-plane next, in-plane previous, next plane, previous plane) at time `refMs`.
 */
export function importedShellNeighbours(e: ElementColumns, start: number, count: number, refMs: number, nb: Int32Array): void {
  const inc = new Float64Array(count);
  const alt = new Float64Array(count);
  const raan = new Float64Array(count);
  const u = new Float64Array(count);
  const ok: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = start + k;
    const ecc = e.eccentricity[i];
    const nRev = e.meanMotionRevPerDay[i];
    if (!(ecc <= ISL_MAX_ECCENTRICITY && nRev >= ISL_MIN_REV_PER_DAY && Number.isFinite(e.epochMs[i]))) continue;
    const incRad = e.inclinationDeg[i] * DEG2RAD;
    const aKm = sgp4SemiMajorAxisKm(nRev, ecc, incRad);
    if (!(aKm > WGS72.radiusKm)) continue;
    const rates = j2Rates(aKm, ecc, incRad);
    const dtDays = (refMs - e.epochMs[i]) / 86_400_000;
    inc[k] = e.inclinationDeg[i];
    alt[k] = aKm - WGS72.radiusKm;
    raan[k] = wrap360(e.raanDeg[i] + rates.raanDegPerDay * dtDays);
    u[k] = wrap360(e.argPerigeeDeg[i] + e.meanAnomalyDeg[i] + (rates.argPerigeeDegPerDay + rates.meanAnomalyDegPerDay) * dtDays);
    if (!(Number.isFinite(raan[k]) && Number.isFinite(u[k]))) continue;
    ok.push(k);
  }
  ok.sort((a, b) => inc[a] - inc[b]);
  for (const byInc of runs(ok, (k) => inc[k], SHELL_INCLINATION_GAP_DEG)) {
    byInc.sort((a, b) => alt[a] - alt[b]);
    for (const shell of runs(byInc, (k) => alt[k], SHELL_ALTITUDE_GAP_KM)) {
      if (shell.length < 2) continue;
      // Planes: RAAN runs on the circle, starting after the widest gap.
      shell.sort((a, b) => raan[a] - raan[b]);
      let widest = 0;
      let at = 0;
      for (let j = 0; j < shell.length; j++) {
        const gap = wrap360(raan[shell[(j + 1) % shell.length]] - raan[shell[j]]) || (shell.length === 1 ? 360 : 0);
        if (gap > widest) {
          widest = gap;
          at = (j + 1) % shell.length;
        }
      }
      const ring = [...shell.slice(at), ...shell.slice(0, at)];
      const unwrapped = new Float64Array(ring.length);
      for (let j = 0; j < ring.length; j++) unwrapped[j] = wrap360(raan[ring[j]] - raan[ring[0]]);
      const planeRuns = runs(
        ring.map((_, j) => j),
        (j) => unwrapped[j],
        PLANE_RAAN_GAP_DEG,
      );
      const planes = planeRuns.map((js) => js.map((j) => ring[j]));
      // mean RAAN of each plane, unwrapped from the first plane (ascending)
      const planeRaan = planeRuns.map((js) => js.reduce((acc, j) => acc + unwrapped[j], 0) / js.length);
      // In-plane: by argument of latitude, round the orbit.
      const planeU: Float64Array[] = [];
      for (const plane of planes) {
        plane.sort((a, b) => u[a] - u[b]);
        planeU.push(Float64Array.from(plane, (k) => u[k]));
        const m = plane.length;
        for (let j = 0; j < m; j++) {
          const o = 4 * (start + plane[j]);
          if (m > 1) {
            nb[o] = start + plane[(j + 1) % m];
            nb[o + 1] = start + plane[(j - 1 + m) % m];
          }
          if (m === 2) nb[o + 1] = -1; // one link between the two, not two
        }
      }
      // Cross-plane: nearest u in the adjacent planes; round the RAAN circle when the planes
      // cover it (the seam gap no wider than twice the median spacing between planes).
      const P = planes.length;
      if (P < 2) continue;
      const spacing: number[] = [];
      for (let p = 0; p + 1 < P; p++) spacing.push(planeRaan[p + 1] - planeRaan[p]);
      spacing.sort((a, b) => a - b);
      const median = spacing[spacing.length >> 1];
      const seam = 360 - (planeRaan[P - 1] - planeRaan[0]);
      const wrapPlanes = P > 2 && seam <= 2 * median;
      for (let p = 0; p < P; p++) {
        const next = p + 1 < P ? p + 1 : wrapPlanes ? 0 : -1;
        const prev = p > 0 ? p - 1 : wrapPlanes ? P - 1 : -1;
        for (const k of planes[p]) {
          const o = 4 * (start + k);
          if (next >= 0) nb[o + 2] = start + planes[next][nearestOnCircle(planeU[next], u[k])];
          if (prev >= 0) nb[o + 3] = start + planes[prev][nearestOnCircle(planeU[prev], u[k])];
        }
      }
    }
  }
}
