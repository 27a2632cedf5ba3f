/**
 * The analysis window (start, duration, step) and what depends only on it: validation, the
 * scenario's window in milliseconds, the solar flux at the window midpoint, the number of sample
 * times and the default "one orbit" window of the sampled mode.
 */
import type { Fleet } from '../fleet/fleet';
import type { Scenario } from '../scenario/schema';
import { MS_PER_MIN } from '../units';
import { solarFluxWm2, sunEphemeris } from '../physics/sun';
import { julianDateFromMs } from '../physics/time';

export interface AnalysisWindowMs {
  startMs: number;
  durationMs: number;
  stepS: number;
}

/**
 * Check a window; returns a message naming the bad field, or null. The analysis functions
 * throw a RangeError with this message (the scenario schema already guarantees valid windows;
 * this guards overrides such as --start / --duration-min / --step-s).
 */
export function windowProblem(win: AnalysisWindowMs): string | null {
  if (!Number.isFinite(win.startMs)) return 'window.start: not a valid time';
  if (!(win.durationMs > 0) || !Number.isFinite(win.durationMs))
    return `window.durationMin: must be a positive number of minutes (got ${win.durationMs / 60_000})`;
  if (!(win.stepS > 0) || !Number.isFinite(win.stepS)) return `window.stepS: must be a positive number of seconds (got ${win.stepS})`;
  if (win.durationMs / (win.stepS * 1000) > 10_000_000)
    return `window: ${win.durationMs / 60_000} min at ${win.stepS} s steps is more than 10 million steps`;
  return null;
}

export function assertWindow(win: AnalysisWindowMs): void {
  const p = windowProblem(win);
  if (p) throw new RangeError(p);
}

/** The scenario's analysis window in milliseconds. */
export function windowFromScenario(scenario: Scenario): AnalysisWindowMs {
  return {
    startMs: Date.parse(scenario.window.start),
    durationMs: scenario.window.durationMin * MS_PER_MIN,
    stepS: scenario.window.stepS,
  };
}

/** The solar flux the analysis uses for a window: 1361 / r^2 at the window's midpoint. */
export function windowSolarFluxWm2(win: AnalysisWindowMs): number {
  return solarFluxWm2(sunEphemeris(julianDateFromMs(win.startMs + win.durationMs / 2)).distanceAu);
}
/** Number of sample times in a window: round(duration / step), at least 1; times start + j * step. */
export function sampleCount(win: AnalysisWindowMs): number {
  return Math.max(1, Math.round(win.durationMs / (win.stepS * 1000)));
}

/**
 * "One orbit" window: the longest orbital period among generated shells, or the median period of
 * the satellites when all are imported (a catalogue with GEO objects would otherwise ask for days).
 */
export function oneOrbitWindow(fleet: Fleet, startMs: number, stepS = 30): AnalysisWindowMs {
  let longestS = 0;
  const n = fleet.elements.meanMotionRevPerDay;
  for (const sh of fleet.shells) {
    if (sh.kind === 'imported' || sh.count === 0) continue;
    const rev = n[sh.start];
    if (rev > 0) longestS = Math.max(longestS, 86400 / rev);
  }
  if (longestS === 0 && fleet.count > 0) {
    const periods = Array.from(n.subarray(0, fleet.count))
      .filter((x) => x > 0)
      .map((x) => 86400 / x)
      .sort((a, b) => a - b);
    longestS = periods.length > 0 ? periods[Math.floor(periods.length / 2)] : 5400;
  }
  return { startMs, durationMs: (longestS || 5400) * 1000, stepS };
}
