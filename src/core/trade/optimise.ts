/**
 * Optimise one parameter: the value that maximises a chosen figure (compute per tonne, compute)
 * or minimises cost per GW, under a constraint on the feasible share, by a bracketing search on
 * a sweep: the best admissible point of the sweep grid and its two neighbours bracket the
 * optimum, then a golden-section search narrows the bracket (whole numbers for integer fields).
 * The search assumes the figure has one peak inside the bracket (true of smooth trade curves
 * between two grid points; a grid coarser than the curve's features can miss a narrower peak,
 * which is why the sweep itself is reported beside the optimum). Pure.
 */
import type { RollupFigures } from '../analysis/rollup';
import type { PlannedAxis, PointFigures, SweepPoint } from './sweep';

export type Objective = 'compute-per-tonne' | 'compute' | 'cost-per-gw';
export const OBJECTIVES: Record<Objective, { label: string; unit: string; sense: 'max' | 'min' }> = {
  'compute-per-tonne': { label: 'compute per tonne to orbit', unit: 'MW/t', sense: 'max' },
  compute: { label: 'compute that runs', unit: 'GW', sense: 'max' },
  'cost-per-gw': { label: 'cost per GW of compute', unit: 'USD/GW', sense: 'min' },
};

export function isObjective(s: string): s is Objective {
  return Object.hasOwn(OBJECTIVES, s);
}

/** The figure an objective reads from a rollup (NaN when undefined, e.g. no compute). */
export function objectiveValue(o: Objective, t: RollupFigures): number {
  switch (o) {
    case 'compute-per-tonne':
      return t.massToOrbitT > 0 ? (t.computeGW * 1000) / t.massToOrbitT : Number.NaN;
    case 'compute':
      return t.computeGW;
    case 'cost-per-gw':
      return t.costPerGWUsd;
  }
}

export interface Constraint {
  /** Feasible share (0..1) the variant must reach. */
  minFeasibleShare: number;
}

/** Score for comparison (higher is better); -Infinity for points that are invalid or break the constraint. */
export function score(o: Objective, c: Constraint, p: Pick<SweepPoint, 'valid' | 'totals'>): number {
  if (!p.valid || !p.totals) return Number.NEGATIVE_INFINITY;
  if (!(p.totals.feasibleShare >= c.minFeasibleShare)) return Number.NEGATIVE_INFINITY;
  const v = objectiveValue(o, p.totals);
  if (!Number.isFinite(v)) return Number.NEGATIVE_INFINITY;
  return OBJECTIVES[o].sense === 'max' ? v : -v;
}

export interface OptimumResult {
  found: boolean;
  objective: Objective;
  constraint: Constraint;
  /** Why no optimum was found. */
  reason?: string;
  value?: number;
  /** The objective figure at the optimum, in OBJECTIVES[objective].unit. */
  figure?: number;
  point?: SweepPoint;
  /** Bracket the search ended with. */
  bracket?: [number, number];
  /** Extra variants evaluated by the search (beyond the sweep grid). */
  evaluations: SweepPoint[];
}

export type PointEvaluator = (value: number) => Promise<SweepPoint>;

const PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Bracketing search over a one-parameter sweep. `points` are the sweep's evaluated points (in
 * axis order); `evaluate` evaluates a further value of the same axis.
 */
export async function optimiseAxis(
  axis: PlannedAxis,
  points: readonly SweepPoint[],
  objective: Objective,
  constraint: Constraint,
  evaluate: PointEvaluator,
  opts: { iterations?: number; signal?: { cancelled: boolean } } = {},
): Promise<OptimumResult> {
  const evaluations: SweepPoint[] = [];
  const base = { found: false, objective, constraint, evaluations } as const;
  const grid = [...points].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.value - b.value);
  if (grid.length === 0) return { ...base, reason: 'no points were evaluated' };
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  grid.forEach((p, i) => {
    const s = score(objective, constraint, p);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  if (best < 0) {
    const pct = (constraint.minFeasibleShare * 100).toFixed(1);
    return { ...base, reason: `no valid point of the sweep reaches a feasible share of at least ${pct} %` };
  }
  const cache = new Map<number, SweepPoint>(grid.map((p) => [p.value, p]));
  const at = async (x: number): Promise<SweepPoint> => {
    const v = axis.integer ? Math.round(x) : x;
    const hit = cache.get(v);
    if (hit) return hit;
    const p = await evaluate(v);
    cache.set(v, p);
    evaluations.push(p);
    return p;
  };
  let lo = grid[Math.max(0, best - 1)].value;
  let hi = grid[Math.min(grid.length - 1, best + 1)].value;
  let bestPoint = grid[best];
  const consider = (p: SweepPoint) => {
    const s = score(objective, constraint, p);
    if (s > bestScore) {
      bestScore = s;
      bestPoint = p;
    }
  };
  const iterations = opts.iterations ?? 10;
  // integer fields: narrow by golden section while the bracket is wide, then try every whole
  // number left in it (rounded probes of a narrow bracket can coincide and mislead the search)
  const ENUMERATE_BELOW = 16;
  if (hi > lo && !(axis.integer && hi - lo <= ENUMERATE_BELOW)) {
    let x1 = hi - PHI * (hi - lo);
    let x2 = lo + PHI * (hi - lo);
    let f1 = score(objective, constraint, await at(x1));
    let f2 = score(objective, constraint, await at(x2));
    for (let k = 0; k < iterations && !opts.signal?.cancelled; k++) {
      if (axis.integer && hi - lo <= ENUMERATE_BELOW) break;
      if (f1 >= f2) {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - PHI * (hi - lo);
        f1 = score(objective, constraint, await at(x1));
      } else {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + PHI * (hi - lo);
        f2 = score(objective, constraint, await at(x2));
      }
    }
  }
  if (axis.integer && !opts.signal?.cancelled) for (let v = Math.ceil(lo); v <= Math.floor(hi); v++) consider(await at(v));
  for (const p of cache.values()) consider(p);
  if (!bestPoint.totals) return { ...base, reason: 'no admissible point' };
  return {
    found: true,
    objective,
    constraint,
    value: bestPoint.value,
    figure: objectiveValue(objective, bestPoint.totals),
    point: bestPoint,
    bracket: [lo, hi],
    evaluations,
  };
}

/** A point from evaluated figures (for evaluators built on the sweep's evaluation). */
export function pointFromFigures(value: number, f: PointFigures): SweepPoint {
  return { value, valid: true, satellites: f.satellites, totals: f.totals, shells: f.shells, margins: f.margins };
}
