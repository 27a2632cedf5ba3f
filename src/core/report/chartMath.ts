/** Pure helpers for the SVG charts: histograms, CDFs, nice axis ticks, yearly eclipse profile, orbit power profile. */
import { WGS72, WGS84 } from '../constants';
import { sgp4SemiMajorAxisKm } from '../orbit';
import { betaAngleRad, eclipseFractionCylindrical } from '../physics/eclipse';
import { sunEphemeris } from '../physics/sun';
import { julianDateFromMs } from '../physics/time';
import { DEG2RAD, MS_PER_DAY } from '../units';

export interface HistogramData {
  edges: Float64Array;
  counts: Uint32Array;
  /** Values that were not finite (not counted). */
  nonFinite: number;
  n: number;
  min: number;
  max: number;
}

/** Equal-width histogram of the finite values in a[start..end) (a constant column gets one bin). */
export function histogram(a: ArrayLike<number>, bins = 30, start = 0, end = a.length, scale = 1): HistogramData {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = start; i < end; i++) {
    const v = a[i] * scale;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = end - start - nonFinite;
  if (n === 0) return { edges: new Float64Array([0, 1]), counts: new Uint32Array(1), nonFinite, n: 0, min: Number.NaN, max: Number.NaN };
  let lo = min;
  let hi = max;
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.05 || 1;
    lo -= pad;
    hi += pad;
    bins = 1;
  }
  const counts = new Uint32Array(bins);
  const w = (hi - lo) / bins;
  for (let i = start; i < end; i++) {
    const v = a[i] * scale;
    if (!Number.isFinite(v)) continue;
    let b = Math.floor((v - lo) / w);
    if (b >= bins) b = bins - 1;
    if (b < 0) b = 0;
    counts[b]++;
  }
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = lo + b * w;
  return { edges, counts, nonFinite, n, min, max };
}

/** Empirical CDF of the finite values, reduced to at most `points` steps: [value, fraction <= value]. */
export function cdf(a: ArrayLike<number>, points = 200): { x: Float64Array; y: Float64Array; n: number } {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) n++;
  const s = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) s[j++] = a[i];
  s.sort();
  const m = Math.min(points, n);
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const idx = m === n ? k : Math.min(n - 1, Math.round(((k + 1) / m) * n) - 1);
    x[k] = s[idx];
    y[k] = (idx + 1) / n;
  }
  return { x, y, n };
}

/**
 * Cylindrical eclipse fraction of one orbit plane, day by day over a year from `startMs`:
 * RAAN drifts at the J2 nodal rate (PHYSICS.md Orbits), beta from the Sun's RA/declination
 * (PHYSICS.md Sunlight and eclipse). For a dawn-dusk SSO this shows the eclipse season.
 */
export function eclipseAcrossYear(
  el: { meanMotionRevPerDay: number; eccentricity: number; inclinationDeg: number; raanDeg: number; epochMs: number },
  startMs: number,
  days = 365,
  stepDays = 1,
): { dayMs: Float64Array; eclipseFraction: Float64Array; betaDeg: Float64Array } {
  const incRad = el.inclinationDeg * DEG2RAD;
  const aKm = sgp4SemiMajorAxisKm(el.meanMotionRevPerDay, el.eccentricity, incRad);
  const altitudeKm = aKm - WGS84.radiusKm;
  const p = aKm * (1 - el.eccentricity * el.eccentricity);
  const n = Math.sqrt(WGS72.muKm3PerS2 / (aKm * aKm * aKm));
  const raanRateRadPerDay = -1.5 * n * WGS72.j2 * (WGS72.radiusKm / p) ** 2 * Math.cos(incRad) * 86400;
  const count = Math.floor(days / stepDays) + 1;
  const dayMs = new Float64Array(count);
  const f = new Float64Array(count);
  const beta = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const t = startMs + k * stepDays * MS_PER_DAY;
    const sun = sunEphemeris(julianDateFromMs(t));
    const raan = el.raanDeg * DEG2RAD + raanRateRadPerDay * ((t - el.epochMs) / MS_PER_DAY);
    const b = betaAngleRad(incRad, raan, sun.rightAscensionRad, sun.declinationRad);
    dayMs[k] = t;
    beta[k] = b / DEG2RAD;
    f[k] = eclipseFractionCylindrical(b, altitudeKm);
  }
  return { dayMs, eclipseFraction: f, betaDeg: beta };
}

/**
 * Power and battery state of charge over one orbit for one satellite, from its analytic
 * metrics (SMAD 11.4 energy balance, PHYSICS.md Electrical power): the eclipse is one arc
 * centred on orbit phase 0.5; the array delivers `arrayW` in sunlight; the load runs all orbit;
 * the battery supplies the load in eclipse (drawing load / efficiency) and recharges in sunlight
 * at a constant rate so that it is full again at the next eclipse entry.
 */
export function orbitPowerProfile(
  p: { periodS: number; eclipseFraction: number; arrayW: number; loadW: number; batteryWh: number; batteryEfficiency: number },
  samples = 181,
): { tMin: Float64Array; arrayW: Float64Array; loadW: Float64Array; socPct: Float64Array; minSocPct: number } {
  const tMin = new Float64Array(samples);
  const arr = new Float64Array(samples);
  const load = new Float64Array(samples);
  const soc = new Float64Array(samples);
  const f = Number.isFinite(p.eclipseFraction) ? Math.min(1, Math.max(0, p.eclipseFraction)) : 0;
  const T = p.periodS;
  const e0 = 0.5 - f / 2;
  const e1 = 0.5 + f / 2;
  const drawWh = (p.loadW * f * T) / 3600 / Math.max(1e-9, p.batteryEfficiency);
  const depth = p.batteryWh > 0 ? Math.min(1, drawWh / p.batteryWh) : f > 0 ? 1 : 0;
  let minSoc = 100;
  for (let k = 0; k < samples; k++) {
    const ph = k / (samples - 1);
    tMin[k] = (ph * T) / 60;
    const inEclipse = ph > e0 && ph < e1;
    arr[k] = inEclipse ? 0 : p.arrayW;
    load[k] = p.loadW;
    let s: number;
    if (f === 0) s = 1;
    else if (ph <= e0)
      s = 1 - depth * (1 - (ph + (1 - e1)) / (1 - f)); // recharging since the last eclipse exit
    else if (ph < e1) s = 1 - depth * ((ph - e0) / f);
    else s = 1 - depth * (1 - (ph - e1) / (1 - f));
    soc[k] = 100 * s;
    if (soc[k] < minSoc) minSoc = soc[k];
  }
  return { tMin, arrayW: arr, loadW: load, socPct: soc, minSocPct: minSoc };
}
