/**
 * The view's propagation pool, for the sampled run (issue 17): a sampled run of the fleet the view
 * is propagating uses the view's workers, which already hold that fleet's SGP4 state, instead of
 * starting a pool of its own with a second copy (at 1M: ~240 MB of SGP4 state and worker heaps,
 * and 7-13 s of start-up in the page). The view keeps ticking on the same workers between the
 * run's steps (every 2 s while a background task runs, src/render/tickLoop.ts).
 */
import type { Fleet } from '../core/fleet/fleet';
import { PropagationPool } from '../engine';
import type { PropagationEngine } from '../engine/types';

let viewEngine: PropagationEngine | null = null;

/** Called by the viewer region with its engine; returns the unregister function. */
export function registerViewEngine(engine: PropagationEngine): () => void {
  viewEngine = engine;
  return () => {
    if (viewEngine === engine) viewEngine = null;
  };
}

/** The view's worker pool when it holds `fleet` (this very object) with its workers started, else null. */
export async function viewPoolFor(fleet: Fleet): Promise<PropagationPool | null> {
  const e = viewEngine;
  if (!(e instanceof PropagationPool) || e.mode === 'in-thread') return null;
  return (await e.holds(fleet)) ? e : null;
}
