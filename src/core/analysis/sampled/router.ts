/**
 * Routing of whole-fleet sampled steps away from the driver: a router holds the +Grid topology,
 * one routing workspace (reused every step) and whole-fleet routed-latency sums. Each worker of a
 * pool has one, so routing steps run in parallel with each other and with the shards' steps; the
 * driver's thread no longer routes (issue 17). The sums of all routers add up to what routing
 * every step in one place gives (the same shortest paths; only the order of the additions per
 * satellite differs, ~1e-15 relative).
 */
import { createIslWorkspace, releaseIslWorkspace, startIslRoute, type IslTopology, type IslWorkspace } from '../isl';
import type { SampledStepStates } from './types';

/** What a router needs: the mesh and the link options of the scenario. */
export interface SampledRoutingPlan {
  topology: IslTopology;
  grazingAltitudeKm: number;
  perHopProcessingMs: number;
}

/** Whole-fleet routed sums of the steps one router routed (row i = fleet id start + i of the pass). */
export interface RoutedSums {
  routedSumMs: Float64Array;
  routedSteps: Uint32Array;
  /** Steps this router routed. */
  stepsRouted: number;
}

export interface SampledRouter {
  /** Route one step (whole-fleet states) and add each satellite's routed latency to the sums. Returns the satellites with a path. */
  route(states: SampledStepStates): number;
  /** The sums so far (null when this router routed no step). */
  sums(): RoutedSums | null;
  /** Free the routing workspace now (not the sums); the router is not used after. */
  release(): void;
}

export function createSampledRouter(plan: SampledRoutingPlan): SampledRouter {
  const n = plan.topology.count;
  let ws: IslWorkspace | null = null;
  let sums: RoutedSums | null = null;
  return {
    route(st) {
      ws ??= createIslWorkspace(n);
      sums ??= { routedSumMs: new Float64Array(n), routedSteps: new Uint32Array(n), stepsRouted: 0 };
      // the latencies are added from the workspace's distances (no copy of the step's result)
      const job = startIslRoute(plan.topology, st.positionKm, st.error, st.directMs, null, ws, plan);
      job.run(Number.POSITIVE_INFINITY);
      addRouted(n, ws.dist, sums.routedSumMs, sums.routedSteps);
      sums.stepsRouted++;
      return job.reached;
    },
    sums: () => sums,
    release() {
      if (ws) releaseIslWorkspace(ws);
      ws = null;
    },
  };
}

/** Add one step's routed latencies (Infinity = no path) to the sums: a function that ends with its loop (see routing.ts linkWeights). */
function addRouted(n: number, latencyMs: Float64Array, routedSumMs: Float64Array, routedSteps: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    const v = latencyMs[i];
    if (v < Number.POSITIVE_INFINITY) {
      routedSumMs[i] += v;
      routedSteps[i]++;
    }
  }
}

/** Add routers' whole-fleet sums into shard sums (each part covers rows [p.start, p.start + p.count) of the pass from `passStart`). */
export function addRoutedSums(
  parts: ReadonlyArray<{
    start: number;
    count: number;
    routedSumMs: Float64Array;
    routedSteps: Uint32Array;
    routedStepsTotal: number;
  }>,
  passStart: number,
  routers: ReadonlyArray<RoutedSums | null>,
): void {
  let total = 0;
  for (const r of routers) if (r) total += r.stepsRouted;
  for (const p of parts) {
    const o = p.start - passStart;
    for (const r of routers) {
      if (!r) continue;
      const s = r.routedSumMs;
      const c = r.routedSteps;
      for (let k = 0; k < p.count; k++) {
        p.routedSumMs[k] += s[o + k];
        p.routedSteps[k] += c[o + k];
      }
    }
    p.routedStepsTotal += total;
  }
}
