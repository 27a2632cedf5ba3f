/**
 * Capacity panel: leads with the gigawatts of compute that can run, then GPU and Colossus 1
 * equivalents, share feasible, the binding limit, mass and cost; the per-shell table below.
 * Analytic figures appear at once; sampled ones when a sampled run finishes (labelled).
 */
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AnalysisState } from './services';
import { ReportMenu } from './ReportMenu';
import { useWorkspace, useWs } from './workspace';
import type { Rollup } from '../core/analysis/rollup';
import { MAX_DECAY_YEARS } from '../core/analysis/feasibility';
import type { Scenario } from '../core/scenario/schema';
import type { ShellCounts } from '../core/scenario/operations';
import { fmtInt, fmtPct, fmtSig, fmtTonnes, fmtUsd } from './format';
import { draftFields, draftsVersion, subscribeDrafts } from './drafts';
import { HelpButton, useHelpToggle } from './help';

const SHORT_BIND = { installed: 'compute', power: 'power', thermal: 'heat' } as const;

/** A figure's name with a "?" that shows what it means (a disclosure under the row). */
function Stat({ label, help, children, testId }: { label: string; help?: string; children: ReactNode; testId?: string }) {
  const h = useHelpToggle();
  return (
    <>
      <dt>
        {label}
        {help ? (
          <>
            {' '}
            <HelpButton label={label} open={h.open} onToggle={h.toggle} controls={h.id} />
          </>
        ) : null}
      </dt>
      <dd data-testid={testId}>{children}</dd>
      {help && h.open ? (
        <dd className="stat-help" id={h.id} role="note">
          {help}
        </dd>
      ) : null}
    </>
  );
}

/** Fields holding text that was refused (not applied): the figures are for the last valid scenario. */
function useRefusedFields(): Array<{ name: string; label: string }> {
  useSyncExternalStore(subscribeDrafts, draftsVersion, draftsVersion);
  return draftFields();
}
const BIND_LABEL = { installed: 'installed compute', power: 'power', thermal: 'heat rejection' } as const;
const LIMIT_LABEL: Record<string, string> = {
  none: 'none',
  power: 'power',
  thermal: 'heat',
  radiation: 'radiation dose',
  separation: 'closest approach',
  drag: 'drag (propellant)',
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
  const refused = useRefusedFields();
  const outOfDate = refused.length > 0;
  const t = r?.totals;
  const head = splitPower(t?.computeGW ?? Number.NaN);
  const perHopMs = scenario.links.perHopProcessingMs;
  const latencyHelp =
    r?.mode === 'sampled'
      ? `Sampled: the mean over the window of the one-way time to the nearest station each satellite can reach.${
          scenario.links.interSatelliteLinks
            ? ` A satellite with no station in view is routed over laser links: every hop adds its light time ` +
              `plus ${fmtSig(perHopMs, 2)} ms processing, so it is much longer than the analytic figure.`
            : ' Satellites only count while a station is in view.'
        } The analytic figure is the light time straight down the slant range to a station in view at the elevation mask, as if one ` +
        `were always there.`
      : 'Analytic: light time straight down the slant range to a station in view at the elevation mask, as if one were always in ' +
        'view. A sampled run routes through laser-link hops (light time plus per-hop processing) when none is, so its figures are longer.';

  return (
    <div className={`capacity${outOfDate ? ' out-of-date' : ''}`} aria-busy={stale} data-out-of-date={outOfDate ? 'true' : undefined}>
      {analysis.error ? (
        <div className="banner error" role="alert">
          Analysis could not run: {analysis.error}
        </div>
      ) : null}
      {outOfDate ? (
        <div className="banner warning" role="status" data-testid="out-of-date">
          <strong>Out of date.</strong> {refused.length === 1 ? 'One field holds' : `${refused.length} fields hold`} a value that was not
          applied ({refused.map((f) => f.label).join(', ')}): these figures are for the last valid scenario.{' '}
          <button
            type="button"
            className="btn link"
            onClick={() => (document.querySelector(`[data-field="${CSS.escape(refused[0].name)}"]`) as HTMLElement | null)?.focus()}
          >
            Go to the field
          </button>
        </div>
      ) : null}
      <div className="headline">
        <div className="label">
          Usable compute, fleet total
          <span className={`mode-tag${r?.mode === 'sampled' ? ' sampled' : ''}`} data-testid="rollup-mode">
            {r?.mode ?? '…'}
          </span>
          {stale ? <span className="mode-tag">updating</span> : null}
          {outOfDate ? <span className="mode-tag stale-tag">out of date</span> : null}
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
      <h3>Fleet totals</h3>
      <dl className="stats">
        <Stat
          label="GPU equivalents (H100 700 W)"
          help="Usable compute power divided by 700 W, the thermal design power of one H100 SXM."
          testId="gpu-eq"
        >
          {t ? fmtInt(t.h100Equivalents) : '–'}
        </Stat>
        <Stat
          label="GPU equivalents (1.36 kW all-in)"
          help="Usable compute power divided by 1.36 kW per GPU including host, network and cooling, as in Colossus 1."
        >
          {t ? fmtInt(t.allInGpuEquivalents) : '–'}
        </Stat>
        <Stat
          label="Colossus 1 equivalents"
          help="Usable compute power divided by 300 MW, the power of the Colossus 1 cluster."
          testId="colossus-eq"
        >
          {t ? fmtSig(t.colossus1Equivalents, 3) : '–'}
        </Stat>
        <Stat
          label="Share feasible"
          help={
            'Share of satellites that pass every check: power margin ≥ 0 and thermal margin ≥ 0 (their installed ' +
            'compute runs in full), radiation dose over the life within the tolerance, ' +
            'and closest approach at or above the keep-out distance.'
          }
          testId="feasible"
        >
          {t ? fmtPct(t.feasibleShare) : '–'}
        </Stat>
        <Stat label="Feasibility limit" help="The check that excludes the most satellites." testId="feasibility-limit">
          {t ? (LIMIT_LABEL[t.feasibilityLimit] ?? t.feasibilityLimit) : '–'}
        </Stat>
        <Stat
          label="What limits compute (compute / power / heat)"
          help={
            'Share of satellites whose usable compute is set by the compute installed (the payload is the ' +
            'limit), by the power available, or by the heat the radiator can reject.'
          }
        >
          {t
            ? `${fmtPct(t.bindingCounts.installed / Math.max(1, t.validSatellites), 0)} ` +
              `/ ${fmtPct(t.bindingCounts.power / Math.max(1, t.validSatellites), 0)} ` +
              `/ ${fmtPct(t.bindingCounts.thermal / Math.max(1, t.validSatellites), 0)}`
            : '–'}
        </Stat>
        <Stat label="Mass to orbit" testId="mass">
          {t ? fmtTonnes(t.massToOrbitT) : '–'}
        </Stat>
        <Stat label="Cost (launch + hardware)" testId="cost">
          {t ? fmtUsd(t.totalCostUsd) : '–'}
        </Stat>
        <Stat label="Cost per GW of compute">{t ? fmtUsd(t.costPerGWUsd) : '–'}</Stat>
      </dl>
      <h3>Power and heat, fleet totals</h3>
      <dl className="stats">
        <Stat label="Array power, BOL / EOL" help="Solar array output in sunlight at beginning and end of life (after degradation).">
          {t ? `${fmtSig(t.arrayPowerBolGW)} / ${fmtSig(t.arrayPowerEolGW)} GW` : '–'}
        </Stat>
        <Stat
          label="Orbit-average usable power"
          help="End-of-life array power averaged over sunlight and eclipse, after battery and regulation losses."
        >
          {t ? `${fmtSig(t.usablePowerGW)} GW` : '–'}
        </Stat>
        <Stat
          label="Compute deliverable / rejectable / installed"
          help={
            'Compute the power can feed, compute whose heat the radiators can reject, and compute installed. ' +
            'Usable compute is the smallest of the three, satellite by satellite.'
          }
        >
          {t ? `${fmtSig(t.computeDeliverableGW)} / ${fmtSig(t.computeRejectableGW)} / ${fmtSig(t.installedComputeGW)} GW` : '–'}
        </Stat>
        <Stat label="Mean eclipse fraction" help="Share of each orbit spent in Earth's shadow, averaged over the satellites.">
          {t ? fmtPct(t.eclipseFraction) : '–'}
        </Stat>
        <Stat label="Array / radiator area">{t ? `${fmtSig(t.arrayAreaKm2)} / ${fmtSig(t.radiatorAreaKm2)} km²` : '–'}</Stat>
        <Stat label="Latency p50 / p95 / p99 (one way)" help={latencyHelp} testId="latency">
          {t ? `${fmtSig(t.latencyP50Ms)} / ${fmtSig(t.latencyP95Ms)} / ${fmtSig(t.latencyP99Ms)} ms` : '–'}
        </Stat>
        <Stat
          label="Never reaching a station"
          help={
            r?.mode === 'sampled'
              ? 'Share of satellites that never had a station in view (or, with links, a path to one) during the window.'
              : 'Analytic latency assumes a station in view at the lowest elevation mask, so no satellite is counted here; run the ' +
                'sampled analysis for this figure.'
          }
          testId="never-in-view"
        >
          {t ? fmtPct(t.neverInViewShare) : '–'}
        </Stat>
      </dl>
      <FeasibilityBlock r={r} selectedShell={selectedShell} onSelect={(id) => store.setState({ selectedShellId: id })} />
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
          : 'Analytic: exact for circular orbits (β-angle eclipse, slant-range latency).'}{' '}
        {shown ? `Computed in ${fmtSig(shown.ms, 2)} ms.` : ''}
      </p>
      <h3>Per shell</h3>
      <div style={{ overflowX: 'auto' }}>
        <table className="data" data-testid="shell-table">
          <thead>
            <tr>
              <th>Shell</th>
              <th>Sats</th>
              <th>GW</th>
              <th>
                <abbr title="Share feasible">Feas.</abbr>
              </th>
              <th>Limit</th>
              <th>
                <abbr title="Mean eclipse fraction">Ecl.</abbr>
              </th>
              <th>p50 ms</th>
            </tr>
          </thead>
          <tbody>
            {r?.shells.map((s) => (
              <tr
                key={s.shellId}
                className={s.shellId === selectedShell ? 'selected' : ''}
                onClick={() => store.setState({ selectedShellId: s.shellId })}
                data-shell-row={s.shellId}
              >
                <td className="shell-name">{s.name}</td>
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
      <p className="muted table-key">
        Feas.: share feasible. Limit: what limits compute most often (compute installed, power or heat). Ecl.: mean eclipse fraction. p50:
        median one-way latency.
      </p>
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
        <Stat label="Feasible on power and heat" help="Share of satellites whose power and thermal margins are both ≥ 0.">
          {t ? fmtPct(t.powerThermalFeasibleShare) : '–'}
        </Stat>
        <Stat
          label="Out by radiation / separation"
          help={
            "Shares of satellites whose dose over the design life exceeds the accelerators' tolerance, " +
            'and whose closest approach falls under the keep-out distance (Scenario tab).'
          }
          testId="out-by"
        >
          {f
            ? `${fmtPct(f.totals.infeasibleCounts.radiation / valid, 0)} / ${fmtPct(f.totals.infeasibleCounts.separation / valid, 0)}`
            : '–'}
        </Stat>
        <Stat
          label="Launches · deployment"
          help="Satellites per launch by mass (the launch vehicle of the Scenario tab); launches at the scenario's cadence."
          testId="launches"
        >
          {f ? `${fmtInt(f.totals.launches)} · ${fmtSig(f.totals.deploymentYears, 3)} yr` : '–'}
        </Stat>
        <Stat label="Propellant" help="Drag make-up over the design life, included in the mass to orbit.">
          {f ? fmtTonnes(f.totals.propellantT) : '–'}
        </Stat>
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
                    <td className="shell-name">{r?.shells[i]?.name ?? s.shellId}</td>
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
                          ? `${s.decayYears >= MAX_DECAY_YEARS ? '≥' : ''}${fmtSig(s.decayYears / 1000, 2)}k`
                          : fmtSig(s.decayYears, 2)
                        : '–'}
                    </td>
                    <td
                      className={bad ? 'bad' : ''}
                      title={
                        s.closestPair
                          ? `${s.closestPair[0]} and ${s.closestPair[1]}; keep-out ${fmtSig(s.keepOutKm, 3)} ` +
                            (s.proposedPhasing !== null
                              ? `km; F = ${s.proposedPhasing} would give ${fmtSig(s.proposedMinSeparationKm ?? Number.NaN, 3)} km`
                              : 'km')
                          : undefined
                      }
                    >
                      {Number.isFinite(s.minSeparationKm)
                        ? `${s.minSeparationLowerBound ? '>' : ''}` +
                          `${s.minSeparationKm < 1 ? `${fmtSig(s.minSeparationKm * 1000, 2)} m` : `${fmtSig(s.minSeparationKm, 3)} km`}`
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
