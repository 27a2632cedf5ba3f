/**
 * Report pieces for the feasibility checks beyond power and heat (src/core/analysis/feasibility.ts):
 * plain-language findings, the per-shell table and the capacity-ramp chart. Numbers only; the
 * models and their sources are in docs/FEASIBILITY.md (and docs/PHYSICS.md "Beyond power and heat").
 */
import { MAX_DECAY_YEARS, REASON_NAMES, REASON_TEXT, type FeasibilityResult } from '../analysis/feasibility';
import type { Rollup } from '../analysis/rollup';
import { fmtInt, fmtPct, fmtSig, fmtTonnes, fmtUsd } from '../format';
import { lineChart, type Chart } from './chart';

const km = (v: number, d = 3) => (Number.isFinite(v) ? `${fmtSig(v, d)} km` : '–');
const yrs = (v: number) =>
  Number.isFinite(v)
    ? v >= MAX_DECAY_YEARS
      ? `≥ ${fmtInt(MAX_DECAY_YEARS)} yr`
      : v >= 1000
        ? `${fmtInt(v)} yr`
        : `${fmtSig(v, 3)} yr`
    : '–';

/** What the shell's separation says, e.g. "0.087 km (under the 1 km keep-out)". */
export function separationText(minKm: number, keepOutKm: number, lowerBound: boolean): string {
  if (!Number.isFinite(minKm)) return '–';
  if (lowerBound) return `over ${km(minKm)}`;
  const m = minKm < 1 ? `${fmtSig(minKm * 1000, 3)} m` : km(minKm);
  return minKm < keepOutKm ? `${m} (under the ${km(keepOutKm, 3)} keep-out)` : m;
}

/** Findings on radiation, drag, separation, shell bands and launches. */
export function feasibilityFindings(r: Rollup): string[] {
  const f = r.feasibility;
  if (!f || !(r.totals.validSatellites > 0)) return [];
  const out: string[] = [];
  const t = r.totals;
  const valid = t.validSatellites;
  const reasons = REASON_NAMES.filter((n) => f.totals.infeasibleCounts[n] > 0).map(
    (n) => `${REASON_TEXT[n]} ${fmtPct(f.totals.infeasibleCounts[n] / valid, 0)}`,
  );
  out.push(
    `${fmtPct(t.feasibleShare)} of the satellites pass every check (power and heat ${fmtPct(t.powerThermalFeasibleShare)})` +
      (reasons.length ? `; excluded by ${reasons.join(', ')} (a satellite can fail several).` : '.'),
  );
  const name = (i: number) => r.shells[i]?.name ?? f.shells[i].shellId;
  const rad = f.shells.map((s, i) => ({ s, i })).filter(({ s }) => s.infeasibleCounts.radiation > 0);
  if (rad.length)
    out.push(
      `Radiation: ${rad
        .map(
          ({ s, i }) =>
            `${name(i)} receives ${fmtSig(s.radiationDoseKradPerYear, 3)} krad(Si)/yr behind ${fmtSig(s.shieldingMmAl, 3)} mm ` +
            `Al, ${fmtSig(s.radiationDoseLifeKrad, 3)} krad over the life`,
        )
        .join('; ')} against a tolerance of ${fmtSig(rad[0].s.radiationToleranceKrad, 3)} krad(Si): infeasible.`,
    );
  const sep = f.shells.map((s, i) => ({ s, i })).filter(({ s }) => s.infeasibleCounts.separation > 0);
  if (sep.length)
    out.push(
      `Closest approach within a shell: ${sep
        .map(({ s, i }) => {
          const prop =
            s.proposedPhasing !== null && s.proposedMinSeparationKm !== null
              ? `; phasing F = ${s.proposedPhasing} would give ${km(s.proposedMinSeparationKm)}`
              : '';
          return (
            `${name(i)} ${separationText(s.minSeparationKm, s.keepOutKm, s.minSeparationLowerBound)}` +
            `${s.closestPair ? ` (${s.closestPair[0]} and ${s.closestPair[1]})` : ''}${prop}`
          );
        })
        .join('; ')}.`,
    );
  const overl = f.shells.map((s, i) => ({ s, i })).filter(({ s }) => s.overlapsShellIds.length > 0);
  if (overl.length)
    out.push(
      `Altitude bands overlap (flown perigee to apogee plus the ` +
        `margin): ${overl.map(({ s, i }) => `${name(i)} with ${s.overlapsShellIds.join(', ')}`).join('; ')}.`,
    );
  const dragHeavy = f.shells
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => Number.isFinite(s.dragDeltaVMPerSPerYear) && s.dragDeltaVMPerSPerYear > 1);
  if (dragHeavy.length)
    out.push(
      `Drag: ${dragHeavy
        .map(
          ({ s, i }) =>
            `${name(i)} needs ${fmtSig(s.dragDeltaVMPerSPerYear, 3)} m/s a year (${fmtSig(s.propellantKgPerSatellite, 3)} kg of ` +
            `propellant per satellite over the life)`,
        )
        .join('; ')}; ${fmtTonnes(f.totals.propellantT)} of propellant in all, included in the mass to orbit.`,
    );
  const slow = f.shells.map((s, i) => ({ s, i })).filter(({ s }) => s.decayYears > 25);
  if (slow.length)
    out.push(
      `A dead satellite stays up for decades or more in ${slow.map(({ s, i }) => `${name(i)} (${yrs(s.decayYears)})`).join(', ')}: ` +
        `beyond the 5-year disposal rule the FCC adopted in 2022, so these shells need active deorbiting.`,
    );
  const lv = f.totals;
  out.push(
    `Launches: ${fmtInt(lv.launches)} ${lv.vehicle} launches (${fmtUsd(lv.launchCampaignCostUsd)} at the vehicle price); at the ` +
      `scenario's cadence deployment takes ${fmtSig(lv.deploymentYears, 3)} years` +
      rampNote(f),
  );
  return out;
}

function rampNote(f: FeasibilityResult): string {
  const ramp = f.ramp;
  if (ramp.length === 0) return '.';
  let peak = 0;
  let peakYear = 0;
  for (const y of ramp)
    if (y.computeGW > peak + 1e-12) {
      peak = y.computeGW;
      peakYear = y.year;
    }
  return (
    `; compute in service peaks at ${fmtSig(peak, 3)} GW in year ${peakYear} (replacements of satellites at the end of their ` +
    `life share the launches).`
  );
}

/** Per-shell feasibility table rows. */
export function feasibilityTable(r: Rollup): { head: string[]; rows: string[][] } | null {
  const f = r.feasibility;
  if (!f) return null;
  return {
    head: ['Shell', 'Alt / incl', 'Dose/yr', 'Life dose', 'Δv/yr', 'Propellant', 'Decay', 'Closest approach', 'Band', 'Launches'],
    rows: f.shells.map((s, i) => [
      r.shells[i]?.name ?? s.shellId,
      `${fmtSig(s.altitudeKm, 4)} km / ${fmtSig(s.inclinationDeg, 3)}°`,
      `${fmtSig(s.radiationDoseKradPerYear, 3)} krad`,
      `${fmtSig(s.radiationDoseLifeKrad, 3)} / ${fmtSig(s.radiationToleranceKrad, 3)} krad`,
      Number.isFinite(s.dragDeltaVMPerSPerYear) ? `${fmtSig(s.dragDeltaVMPerSPerYear, 3)} m/s` : '–',
      Number.isFinite(s.propellantKgPerSatellite) ? `${fmtSig(s.propellantKgPerSatellite, 3)} kg` : '–',
      yrs(s.decayYears),
      separationText(s.minSeparationKm, s.keepOutKm, s.minSeparationLowerBound) +
        (s.proposedPhasing !== null && s.proposedMinSeparationKm !== null
          ? `; F=${s.proposedPhasing}: ${km(s.proposedMinSeparationKm)}`
          : ''),
      `${fmtSig(s.altitudeBandKm[0], 4)}-${fmtSig(s.altitudeBandKm[1], 4)} km${s.overlapsShellIds.length ? ' (overlaps)' : ''}`,
      `${fmtInt(s.launches)} (${fmtInt(s.satellitesPerLaunch)}/launch)`,
    ]),
  };
}

/** Capacity ramp: compute in service by year. */
export function rampChart(r: Rollup, color: string): Chart | null {
  const ramp = r.feasibility?.ramp;
  if (!ramp || ramp.length === 0) return null;
  const x = Float64Array.from(ramp, (y) => y.year);
  const y = Float64Array.from(ramp, (v) => v.computeGW);
  return lineChart([{ label: 'compute in service', x, y, color }], {
    title: 'Capacity ramp: compute in service by year (launch cadence, degradation, replacement)',
    xLabel: 'year from the first launch',
    yLabel: 'GW of compute that can run',
    width: 620,
  });
}
