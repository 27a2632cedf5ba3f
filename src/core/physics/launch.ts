/**
 * Launches and deployment (docs/FEASIBILITY.md "Feasibility: launches"): satellites per launch by
 * mass (volume and one-plane-per-launch limits not modelled), launches per shell, years to
 * deploy at the vehicle's cadence, and the capacity ramp (compute in service year by year with
 * array degradation and end-of-life replacement that competes for the same launches).
 */

/** Whole satellites a launch carries: floor(payload / satellite mass); 0 when one does not fit. */
export function satellitesPerLaunch(payloadKg: number, satelliteMassKg: number): number {
  if (!(satelliteMassKg > 0) || !(payloadKg > 0)) return 0;
  return Math.floor(payloadKg / satelliteMassKg + 1e-9);
}

/** Launches to put `satellites` in orbit (Infinity when a satellite does not fit the vehicle). */
export function launchesFor(satellites: number, perLaunch: number): number {
  if (satellites <= 0) return 0;
  return perLaunch > 0 ? Math.ceil(satellites / perLaunch) : Number.POSITIVE_INFINITY;
}

/** One shell's inputs to the ramp. */
export interface RampShell {
  satellites: number;
  satellitesPerLaunch: number;
  /** Compute that runs per satellite at the end of life (the analysis figure), W. */
  computeEolW: number;
  /** Compute per satellite when new: min(installed, usable at BOL - bus, rejectable - bus), W. */
  computeBolW: number;
  /** Service life, years (design life, or less when the radiation tolerance is reached first). */
  lifeYears: number;
}

export interface RampYear {
  year: number;
  launches: number;
  satellitesInService: number;
  /** Compute in service at the end of the year, GW. */
  computeGW: number;
}

/**
 * Year-by-year ramp: `launchesPerYear` launches each year; replacements of satellites reaching
 * their service life fly first, then new satellites shell by shell in scenario order. A
 * satellite launched in year y serves from y to y + life; its compute falls geometrically from the
 * BOL to the EOL figure over the life (the array's (1 - d)^t degradation). Runs `years` years.
 */
export function capacityRamp(shells: RampShell[], launchesPerYear: number, years: number): RampYear[] {
  const out: RampYear[] = [];
  // cohorts[s]: satellites launched in year y (index y)
  const cohorts = shells.map(() => new Float64Array(years + 1));
  const deployed = shells.map(() => 0);
  for (let y = 0; y < years; y++) {
    let budget = launchesPerYear;
    let launches = 0;
    // replacements first: satellites whose life ends this year
    for (let s = 0; s < shells.length; s++) {
      const sh = shells[s];
      if (!(sh.lifeYears > 0) || sh.satellitesPerLaunch <= 0) continue;
      const L = Math.max(1, Math.round(sh.lifeYears));
      const retiring = y - L >= 0 ? cohorts[s][y - L] : 0;
      if (retiring <= 0) continue;
      const need = Math.ceil(retiring / sh.satellitesPerLaunch);
      const use = Math.min(need, budget);
      const sats = Math.min(retiring, use * sh.satellitesPerLaunch);
      cohorts[s][y] += sats;
      budget -= use;
      launches += use;
      deployed[s] -= retiring - sats; // unreplaced satellites leave the fleet and are owed again
    }
    for (let s = 0; s < shells.length && budget > 0; s++) {
      const sh = shells[s];
      const missing = sh.satellites - deployed[s];
      if (missing <= 0 || sh.satellitesPerLaunch <= 0) continue;
      const use = Math.min(Math.ceil(missing / sh.satellitesPerLaunch), budget);
      const sats = Math.min(missing, use * sh.satellitesPerLaunch);
      cohorts[s][y] += sats;
      deployed[s] += sats;
      budget -= use;
      launches += use;
    }
    let inService = 0;
    let computeW = 0;
    for (let s = 0; s < shells.length; s++) {
      const sh = shells[s];
      const L = Math.max(1, Math.round(sh.lifeYears));
      const ratio = sh.computeBolW > 0 && sh.computeEolW > 0 ? sh.computeEolW / sh.computeBolW : 1;
      for (let c = Math.max(0, y - L + 1); c <= y; c++) {
        const n = cohorts[s][c];
        if (n <= 0) continue;
        const age = y - c + 0.5; // mid-year
        inService += n;
        computeW += n * sh.computeBolW * ratio ** Math.min(1, age / L);
      }
    }
    out.push({ year: y + 1, launches, satellitesInService: inService, computeGW: computeW / 1e9 });
  }
  return out;
}
