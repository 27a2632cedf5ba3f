/**
 * Capacity panel: leads with the gigawatts of compute that can run, then GPU and Colossus 1
 * equivalents, share feasible, the binding limit, mass and cost; the per-shell table below.
 * Analytic figures appear at once; sampled ones when a sampled run finishes (labelled).
 */
import { useState } from 'react';
import type { AnalysisState } from '../app/analysis';
import { ReportMenu } from './ReportMenu';
import { useWorkspace, useWs } from '../app/context';
import type { Rollup } from '../core/analysis/rollup';
import type { Scenario } from '../core/scenario/schema';
import type { ShellCounts } from './ShellsEditor';
import { fmtInt, fmtPct, fmtSig, fmtTonnes, fmtUsd } from './format';

const SHORT_BIND = { installed: 'inst.', power: 'power', thermal: 'heat' } as const;
const BIND_LABEL = { installed: 'installed compute', power: 'power', thermal: 'heat rejection' } as const;
const LIMIT_LABEL: Record<string, string> = {
  none: 'none',
  power: 'power',
  thermal: 'heat',
  radiation: 'radiation dose',
  separation: 'closest approach',
};

/** "12.3 GW", "450 MW", "12 kW": the gigawatts stay the headline unit above 1 GW. */
export function splitPower(gw: number): { value: string; unit: string } {
  if (!Number.isFinite(gw)) return { value: '–', unit: '' };
  const a = Math.abs(gw);
  if (a >= 1 || a === 0) return { value: fmtSig(gw, 3), unit: 'GW' };
  if (a >= 1e-3) return { value: fmtSig(gw * 1e3, 3), unit: 'MW' };
  return { value: fmtSig(gw * 1e6, 3), unit: 'kW' };
}

export function CapacityPanel({ scenario, analysis, counts }: { scenario: Scenario; analysis: AnalysisState; counts: ShellCounts }) {
  const { store } = useWorkspace();
  const selectedShell = useWs((s) => s.selectedShellId);
  const task = useWs((s) => s.task);
  const sampledCurrent = analysis.sampled && analysis.sampled.scenario === scenario ? analysis.sampled : null;
  const [prefer, setPrefer] = useState<'analytic' | 'sampled'>('sampled');
  const shown = prefer === 'sampled' && sampledCurrent ? sampledCurrent : analysis.analytic;
  const r: Rollup | null = shown?.rollup ?? null;
  const stale = analysis.computing || (analysis.scenario !== null && analysis.scenario !== scenario);
  const t = r?.totals;
  const head = splitPower(t?.computeGW ?? Number.NaN);

  return (
    <div className="capacity" aria-busy={stale}>
      {analysis.error ? (
        <div className="banner error" role="alert">
          Analysis could not run: {analysis.error}
        </div>
      ) : null}
      <div className="headline">
        <div className="label">
          Usable compute
          <span className={`mode-tag${r?.mode === 'sampled' ? ' sampled' : ''}`} data-testid="rollup-mode">
            {r?.mode ?? '…'}
          </span>
          {stale ? <span className="mode-tag">updating</span> : null}
        </div>
        <div className="gw" data-testid="usable-gw" data-gw={t ? t.computeGW : ''}>
          {head.value}
          <small>{head.unit}</small>
        </div>
        <div className="label">
          {fmtInt(t?.satellites ?? counts.total)} satellites · limit most often:{' '}
          <span className="binding" data-testid="binding">
            {t && t.validSatellites > 0 ? BIND_LABEL[t.binding] : '–'}
          </span>
        </div>
      </div>
      <dl className="stats">
        <dt title="Compute power / 700 W (H100 SXM TDP), PHYSICS.md Compute equivalence">GPU equivalents (H100 700 W)</dt>
        <dd data-testid="gpu-eq">{t ? fmtInt(t.h100Equivalents) : '–'}</dd>
        <dt title="Compute power / 1.36 kW all-in per GPU, as Colossus 1">GPU equivalents (1.36 kW all-in)</dt>
        <dd>{t ? fmtInt(t.allInGpuEquivalents) : '–'}</dd>
        <dt title="Compute power / 300 MW">Colossus 1 equivalents</dt>
        <dd data-testid="colossus-eq">{t ? fmtSig(t.colossus1Equivalents, 3) : '–'}</dd>
        <dt title="Share of satellites with power and thermal margins ≥ 0, radiation dose over the life within the tolerance and closest approach at or above the keep-out distance">
          Share feasible
        </dt>
        <dd data-testid="feasible">{t ? fmtPct(t.feasibleShare) : '–'}</dd>
        <dt title="The check that excludes the most satellites">Feasibility limit</dt>
        <dd data-testid="feasibility-limit">{t ? (LIMIT_LABEL[t.feasibilityLimit] ?? t.feasibilityLimit) : '–'}</dd>
        <dt>Binding: installed / power / heat</dt>
        <dd>
          {t
            ? `${fmtPct(t.bindingCounts.installed / Math.max(1, t.validSatellites), 0)} / ${fmtPct(t.bindingCounts.power / Math.max(1, t.validSatellites), 0)} / ${fmtPct(t.bindingCounts.thermal / Math.max(1, t.validSatellites), 0)}`
            : '–'}
        </dd>
        <dt>Mass to orbit</dt>
        <dd data-testid="mass">{t ? fmtTonnes(t.massToOrbitT) : '–'}</dd>
        <dt>Cost (launch + hardware)</dt>
        <dd data-testid="cost">{t ? fmtUsd(t.totalCostUsd) : '–'}</dd>
        <dt>Cost per GW of compute</dt>
        <dd>{t ? fmtUsd(t.costPerGWUsd) : '–'}</dd>
      </dl>
      <h3>Power and heat</h3>
      <dl className="stats">
        <dt>Array power, BOL / EOL</dt>
        <dd>{t ? `${fmtSig(t.arrayPowerBolGW)} / ${fmtSig(t.arrayPowerEolGW)} GW` : '–'}</dd>
        <dt>Orbit-average usable power</dt>
        <dd>{t ? `${fmtSig(t.usablePowerGW)} GW` : '–'}</dd>
        <dt>Compute deliverable / rejectable / installed</dt>
        <dd>{t ? `${fmtSig(t.computeDeliverableGW)} / ${fmtSig(t.computeRejectableGW)} / ${fmtSig(t.installedComputeGW)}` : '–'}</dd>
        <dt>Mean eclipse fraction</dt>
        <dd>{t ? fmtPct(t.eclipseFraction) : '–'}</dd>
        <dt>Array / radiator area</dt>
        <dd>{t ? `${fmtSig(t.arrayAreaKm2)} / ${fmtSig(t.radiatorAreaKm2)} km²` : '–'}</dd>
        <dt>Latency p50 / p95 / p99 (one way)</dt>
        <dd>{t ? `${fmtSig(t.latencyP50Ms)} / ${fmtSig(t.latencyP95Ms)} / ${fmtSig(t.latencyP99Ms)} ms` : '–'}</dd>
        <dt
          title={
            r?.mode === 'sampled'
              ? 'Share of satellites that never had a station in view (or, with links, a path to one) during the window'
              : 'Analytic latency assumes a station in view at the lowest elevation mask'
          }
        >
          Never reaching a station
        </dt>
        <dd data-testid="never-in-view">{t ? fmtPct(t.neverInViewShare) : '–'}</dd>
      </dl>
      <FeasibilityBlock r={r} selectedShell={selectedShell} onSelect={(id) => store.set({ selectedShellId: id })} />
      <div className="btn-row" style={{ marginBottom: 8 }}>
        <button
          className="btn primary"
          onClick={analysis.runSampled}
          disabled={!analysis.fleet || analysis.fleet.count === 0 || analysis.sampledRunning || task !== null}
          data-testid="run-sampled"
          title="SGP4 across the analysis window: conical shadow, ground-station visibility, routing"
        >
          {analysis.sampledRunning ? 'Sampling…' : 'Run sampled analysis'}
        </button>
        <ReportMenu scenario={scenario} analysis={analysis} mode={r?.mode === 'sampled' ? 'sampled' : 'analytic'} disabled={stale || !r} />
        {sampledCurrent ? (
          <button className="btn" onClick={() => setPrefer(prefer === 'sampled' ? 'analytic' : 'sampled')}>
            Show {prefer === 'sampled' ? 'analytic' : 'sampled'}
          </button>
        ) : null}
      </div>
      {analysis.sampled && !sampledCurrent ? (
        <p className="muted">The last sampled run was for an earlier version of the scenario; run it again for sampled figures.</p>
      ) : null}
      <p className="muted" style={{ fontSize: 11 }}>
        {r?.mode === 'sampled'
          ? 'Sampled: SGP4 states across the analysis window.'
          : 'Analytic: exact for circular orbits (beta-angle eclipse, slant-range latency).'}{' '}
        {shown ? `Computed in ${fmtSig(shown.ms, 2)} ms.` : ''}
      </p>
      <h3>Per shell</h3>
      <div style={{ overflowX: 'auto' }}>
        <table className="data" data-testid="shell-table">
          <thead>
            <tr>
              <th>Shell</th>
              <th title="Satellites">Sats</th>
              <th title="Usable compute, GW">GW</th>
              <th title="Share feasible">Feas.</th>
              <th title="Limit that binds most often: power, heat or installed compute">Limit</th>
              <th title="Mean eclipse fraction">Ecl.</th>
              <th title="Latency p50, ms">p50 ms</th>
            </tr>
          </thead>
          <tbody>
            {r?.shells.map((s) => (
              <tr
                key={s.shellId}
                className={s.shellId === selectedShell ? 'selected' : ''}
                onClick={() => store.set({ selectedShellId: s.shellId })}
                data-shell-row={s.shellId}
              >
                <td title={s.name} style={{ maxWidth: 62, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {s.name}
                </td>
                <td>{fmtInt(s.satellites)}</td>
                <td>{fmtSig(s.computeGW)}</td>
                <td>{fmtPct(s.feasibleShare, 0)}</td>
                <td>{s.satellites ? SHORT_BIND[s.binding] : '–'}</td>
                <td>{fmtPct(s.eclipseFraction, 0)}</td>
                <td>{fmtSig(s.latencyP50Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Radiation, drag, closest approach and launches: totals and one compact row per shell. */
function FeasibilityBlock({
  r,
  selectedShell,
  onSelect,
}: {
  r: Rollup | null;
  selectedShell: string | null;
  onSelect: (id: string) => void;
}) {
  const f = r?.feasibility;
  const t = r?.totals;
  const valid = Math.max(1, t?.validSatellites ?? 1);
  return (
    <>
      <h3>Beyond power and heat</h3>
      <dl className="stats" data-testid="feasibility-stats">
        <dt title="Power and thermal margins ≥ 0 only">Feasible on power and heat</dt>
        <dd>{t ? fmtPct(t.powerThermalFeasibleShare) : '–'}</dd>
        <dt title="Dose over the life above the accelerators' tolerance / closest approach under the keep-out">
          Out by radiation / separation
        </dt>
        <dd data-testid="out-by">
          {f
            ? `${fmtPct(f.totals.infeasibleCounts.radiation / valid, 0)} / ${fmtPct(f.totals.infeasibleCounts.separation / valid, 0)}`
            : '–'}
        </dd>
        <dt title="Satellites per launch by mass; launches at the scenario's cadence">Launches · deployment</dt>
        <dd data-testid="launches">{f ? `${fmtInt(f.totals.launches)} · ${fmtSig(f.totals.deploymentYears, 3)} yr` : '–'}</dd>
        <dt title="Drag make-up over the design life, included in the mass to orbit">Propellant</dt>
        <dd>{f ? fmtTonnes(f.totals.propellantT) : '–'}</dd>
      </dl>
      {f ? (
        <div style={{ overflowX: 'auto' }}>
          <table className="data" data-testid="feasibility-table">
            <thead>
              <tr>
                <th>Shell</th>
                <th title="Total ionising dose over the design life / tolerance, krad(Si)">Dose</th>
                <th title="Station-keeping delta-v per year, m/s">Δv/yr</th>
                <th title="Years for a dead satellite to re-enter">Decay</th>
                <th title="Closest approach of two satellites of the shell over one orbit (SGP4)">Closest</th>
              </tr>
            </thead>
            <tbody>
              {f.shells.map((s, i) => {
                const bad = s.infeasibleCounts.separation > 0;
                const hot = s.radiationDoseLifeKrad > s.radiationToleranceKrad;
                return (
                  <tr
                    key={s.shellId}
                    className={s.shellId === selectedShell ? 'selected' : ''}
                    onClick={() => onSelect(s.shellId)}
                    data-feas-row={s.shellId}
                  >
                    <td title={r?.shells[i]?.name} style={{ maxWidth: 62, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {r?.shells[i]?.name ?? s.shellId}
                    </td>
                    <td
                      className={hot ? 'bad' : ''}
                      title={`${fmtSig(s.radiationDoseKradPerYear, 3)} krad/yr behind ${fmtSig(s.shieldingMmAl, 3)} mm Al`}
                    >
                      {`${fmtSig(s.radiationDoseLifeKrad, 2)}/${fmtSig(s.radiationToleranceKrad, 2)}`}
                    </td>
                    <td>{fmtSig(s.dragDeltaVMPerSPerYear, 2)}</td>
                    <td>
                      {Number.isFinite(s.decayYears)
                        ? s.decayYears >= 1000
                          ? `${fmtSig(s.decayYears / 1000, 2)}k`
                          : fmtSig(s.decayYears, 2)
                        : '–'}
                    </td>
                    <td
                      className={bad ? 'bad' : ''}
                      title={
                        s.closestPair
                          ? `${s.closestPair[0]} and ${s.closestPair[1]}; keep-out ${fmtSig(s.keepOutKm, 3)} km${s.proposedPhasing !== null ? `; F = ${s.proposedPhasing} would give ${fmtSig(s.proposedMinSeparationKm ?? Number.NaN, 3)} km` : ''}`
                          : undefined
                      }
                    >
                      {Number.isFinite(s.minSeparationKm)
                        ? `${s.minSeparationLowerBound ? '>' : ''}${s.minSeparationKm < 1 ? `${fmtSig(s.minSeparationKm * 1000, 2)} m` : `${fmtSig(s.minSeparationKm, 3)} km`}`
                        : '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
