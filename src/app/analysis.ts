/**
 * Derived state of the scenario: the fleet (column arrays), analytic per-satellite metrics and
 * the rollup, recomputed shortly after each edit; and the sampled analysis, run on request with
 * progress and cancel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Scenario } from '../core/scenario/schema';
import { useWorkspace } from '../ui/workspace';
import type { AnalysisState } from '../ui/services';
import type { ImportsState } from './imports';
import { AnalysisClient } from '../engine/analysisClient';
import { summarize } from '../core/report/analysisJob';
import { SampledFleetReplacedError } from '../engine/sampledAnalysis';
import { runSampled } from './sampled';

export type { AnalysisState };

const DEBOUNCE_MS = 150;

export { summarize };

export function useAnalysis(scenario: Scenario, imports: ImportsState): AnalysisState {
  const { actions } = useWorkspace();
  const [state, setState] = useState<Omit<AnalysisState, 'runSampled'>>({
    fleet: null,
    scenario: null,
    analytic: null,
    sampled: null,
    computing: true,
    sampledRunning: false,
    error: null,
  });
  const [client] = useState(() => new AnalysisClient());
  useEffect(() => () => client.dispose(), [client]);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    setState((s) => ({ ...s, computing: true }));
    let live = true;
    const t = setTimeout(() => {
      client
        .analyze(scenario, [...imports.columns])
        .then((r) => {
          if (!r || !live) return;
          setState((s) => ({
            ...s,
            fleet: r.fleet,
            scenario,
            analytic: { metrics: r.metrics, rollup: r.rollup, ms: r.ms },
            computing: false,
            error: null,
          }));
        })
        .catch((e: Error) => {
          if (live) setState((s) => ({ ...s, computing: false, error: e.message }));
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [scenario, imports.columns, client]);

  const running = useRef<AbortController | null>(null);
  const run = useCallback(() => {
    const { fleet, scenario: sc } = stateRef.current;
    if (!fleet || !sc) return;
    running.current?.abort();
    const ac = new AbortController();
    running.current = ac;
    const taskId = actions.startTask('Sampled analysis', () => ac.abort());
    setState((s) => ({ ...s, sampledRunning: true }));
    const t0 = performance.now();
    runSampled(fleet, sc, { signal: ac.signal, onProgress: (f, detail) => actions.progressTask(taskId, f, detail) })
      .then(({ metrics, notes, window }) => {
        const rollup = summarize(fleet, sc, metrics, stateRef.current.analytic?.rollup);
        for (const n of notes) actions.post('info', `Sampled analysis: ${n}.`);
        setState((s) => ({ ...s, sampled: { metrics, rollup, ms: performance.now() - t0, scenario: sc, window, notes } }));
        actions.post('info', `Sampled analysis finished in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
      })
      .catch((e: Error) => {
        if (ac.signal.aborted) actions.post('info', 'Sampled analysis cancelled; the analytic figures stand.');
        else if (e instanceof SampledFleetReplacedError)
          actions.post('info', `Sampled analysis stopped: ${e.message}; the analytic figures stand. Run it again for the new fleet.`);
        else actions.post('error', `Sampled analysis failed: ${e.message}`);
      })
      .finally(() => {
        actions.endTask(taskId);
        if (running.current === ac) running.current = null;
        setState((s) => ({ ...s, sampledRunning: false }));
      });
  }, [actions]);

  useEffect(() => () => running.current?.abort(), []);
  return { ...state, runSampled: run };
}
