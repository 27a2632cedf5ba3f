/**
 * Charts under the 3D view: margin and temperature histograms, latency CDF, power and battery
 * over one orbit for the selected satellite, eclipse fraction across the year for a shell.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisState, FileService } from './services';
import { useSelectedSatellite, useWorkspace, useWs } from './workspace';
import type { Scenario } from '../core/scenario/schema';
import { satelliteName } from '../core/fleet/fleet';
import { cdf, eclipseAcrossYear, histogram, orbitPowerProfile } from '../core/report/chartMath';
import { HistogramChart, LineChart, SERIES } from './charts/Svg';
import { fmtPct, fmtSig } from './format';
import { onTablistKey } from './tabs';

type ChartTab = 'margins' | 'latency' | 'orbit' | 'year' | 'ramp';

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((e) => setW(Math.max(200, Math.floor(e[0].contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/**
 * The charts on screen as one standalone SVG: series colours fall back to their built-in values
 * (the CSS variables are absent outside the page) and text is dark on white.
 */
export function chartsToSvg(svgs: SVGSVGElement[]): string {
  const gap = 10;
  let x = 0;
  let h = 0;
  const parts: string[] = [];
  const ser = new XMLSerializer();
  for (const svg of svgs) {
    const w = Number(svg.getAttribute('width')) || 300;
    const hh = Number(svg.getAttribute('height')) || 200;
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(x));
    parts.push(ser.serializeToString(clone));
    x += w + gap;
    h = Math.max(h, hh);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.max(1, x - gap)}" height="${h}" ` +
    `style="color:#17202b;background:#fff;font-family:system-ui,sans-serif"><rect width="100%" height="100%" ` +
    `fill="#fff"/>${parts.join('')}</svg>`
  );
}

function downloadCharts(files: FileService, el: HTMLElement | null, name: string): void {
  const svgs = el ? Array.from(el.querySelectorAll<SVGSVGElement>('svg[data-chart]')) : [];
  if (svgs.length === 0) return;
  files.downloadText(`charts-${name}.svg`, chartsToSvg(svgs), 'image/svg+xml');
}

/** Latency CDF; a log time axis when the values span more than a factor of 30 (GEO next to LEO). */
function LatencyCdf({
  latency,
  width,
  height,
}: {
  latency: { x: Float64Array; y: Float64Array; n: number };
  width: number;
  height: number;
}) {
  const lo = latency.x[0];
  const hi = latency.x[latency.x.length - 1];
  const log = lo > 0 && hi / lo > 30;
  const xs = [lo, ...latency.x].map((v) => (log ? Math.log10(v) : v));
  return (
    <LineChart
      width={width}
      height={height}
      title={`One-way latency to the ground, CDF (${fmtSig(latency.n, 3)} satellites)`}
      xLabel={log ? 'ms (log scale)' : 'ms'}
      yLabel="share ≤ x"
      yRange={[0, 1]}
      xTickFormat={log ? (v) => fmtSig(10 ** v, 2) : undefined}
      series={[{ label: 'latency CDF', x: xs, y: [0, ...latency.y], step: true }]}
    />
  );
}

export function ChartsPanel({ scenario, analysis }: { scenario: Scenario; analysis: AnalysisState }) {
  const [tab, setTab] = useState<ChartTab>('margins');
  const [ref, width] = useWidth<HTMLDivElement>();
  const { store, viewer, services } = useWorkspace();
  const selectedShellId = useWs((s) => s.selectedShellId);
  const selectedSat = useSelectedSatellite();
  const sampledCurrent = analysis.sampled && analysis.sampled.scenario === scenario ? analysis.sampled : null;
  const src = sampledCurrent ?? analysis.analytic;
  const m = src?.metrics ?? null;
  const fleet = analysis.fleet;
  const height = 190;

  const hists = useMemo(() => {
    if (!m) return null;
    return {
      power: histogram(m.powerMarginW, 30, 0, m.count, 1e-3),
      thermal: histogram(m.thermalMarginW, 30, 0, m.count, 1e-3),
      temp: histogram(m.radiatorTempC, 30, 0, m.count),
    };
  }, [m]);
  const latency = useMemo(() => (m ? cdf(m.latencyMs, 240) : null), [m]);
  /** Share of satellites (with a value) whose margin is below zero: they cannot run their compute in full. */
  const belowZero = useMemo(() => {
    if (!m) return null;
    const share = (col: Float64Array) => {
      let n = 0;
      let neg = 0;
      for (let i = 0; i < m.count; i++) {
        const v = col[i];
        if (v - v !== 0) continue;
        n++;
        if (v < 0) neg++;
      }
      return { neg, n };
    };
    return { power: share(m.powerMarginW), thermal: share(m.thermalMarginW) };
  }, [m]);
  const noteOf = (x: { neg: number; n: number } | undefined) =>
    x && x.n > 0
      ? {
          text: `${x.neg > 0 && x.neg / x.n < 0.001 ? '< 0.1 %' : fmtPct(x.neg / x.n, x.neg === 0 || x.neg === x.n ? 0 : 1)} below 0`,
          warn: x.neg > 0,
        }
      : undefined;

  const shellIdx = fleet
    ? Math.max(
        0,
        fleet.shells.findIndex((s) => s.id === selectedShellId),
      )
    : 0;
  const shell = fleet?.shells[shellIdx];
  const satId = fleet && selectedSat !== null && selectedSat < fleet.count ? selectedSat : shell && shell.count > 0 ? shell.start : null;

  const orbit = useMemo(() => {
    if (!m || !fleet || satId === null || satId >= m.count) return null;
    const d = scenario.designs[fleet.designIndex[satId]];
    if (!d) return null;
    const loadW = m.computePowerW[satId] + d.compute.busPowerW;
    // installed capacity, or the capacity the analysis sized for this load (C = Pe Te / (DOD n), SMAD 11.4)
    const batteryWh = d.power.batteryCapacityWh > 0 ? d.power.batteryCapacityWh : m.batteryEnergyWh[satId];
    return {
      name: satelliteName(fleet, satId),
      p: orbitPowerProfile({
        periodS: m.periodS[satId],
        eclipseFraction: m.eclipseFraction[satId],
        arrayW: m.arrayPowerEolW[satId],
        loadW,
        batteryWh,
        batteryEfficiency: d.power.batteryEfficiency,
      }),
      ecl: m.eclipseFraction[satId],
    };
  }, [m, fleet, satId, scenario.designs]);

  const year = useMemo(() => {
    if (!fleet || !shell || shell.count === 0) return null;
    const i = shell.start;
    const e = fleet.elements;
    const startMs = Date.parse(scenario.window.start);
    return eclipseAcrossYear(
      {
        meanMotionRevPerDay: e.meanMotionRevPerDay[i],
        eccentricity: e.eccentricity[i],
        inclinationDeg: e.inclinationDeg[i],
        raanDeg: e.raanDeg[i],
        epochMs: e.epochMs[i],
      },
      startMs,
      365,
    );
  }, [fleet, shell, scenario.window.start]);

  const tabs: Array<[ChartTab, string]> = [
    ['margins', 'Margins'],
    ['latency', 'Latency CDF'],
    ['orbit', 'Orbit power'],
    ['year', 'Eclipse by year'],
    ['ramp', 'Capacity ramp'],
  ];
  const shellPicker = fleet ? (
    <select
      aria-label="Shell for the chart"
      value={shell?.id ?? ''}
      onChange={(e) => {
        store.setState({ selectedShellId: e.target.value });
        viewer.setState({ selectedId: null });
      }}
      style={{ maxWidth: 200 }}
    >
      {fleet.shells.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  ) : null;

  return (
    <section className="charts" aria-label="Charts">
      <div
        className="tabs"
        role="tablist"
        aria-label="Chart"
        onKeyDown={(e) =>
          onTablistKey(
            e,
            tabs.map((t) => t[0]),
            tab,
            setTab,
          )
        }
      >
        {tabs.map(([k, l]) => (
          <button key={k} role="tab" aria-selected={tab === k} tabIndex={tab === k ? 0 : -1} onClick={() => setTab(k)}>
            {l}
          </button>
        ))}
        {/* SVG and the source note: at the row's end, or on a line of their own when the tabs leave no room */}
        <span className="chart-tools">
          <button
            className="btn"
            style={{ marginRight: 8, padding: '1px 7px' }}
            onClick={() => downloadCharts(services.files, ref.current, tab)}
            title="Download the charts shown as a standalone SVG file (for reports)"
          >
            SVG
          </button>
          <span className="chart-note" style={{ paddingRight: 10, whiteSpace: 'nowrap' }}>
            {src ? `${src.metrics.mode} · ${src.metrics.count.toLocaleString('en-US')} sats` : 'computing…'}
          </span>
        </span>
      </div>
      <div className="chart-body" ref={ref}>
        {!m ? <div className="chart-note">Charts appear when the analysis is ready.</div> : null}
        {m && tab === 'margins' && hists ? (
          <>
            <HistogramChart
              data={hists.power}
              width={Math.floor((width - 24) / 3)}
              height={height}
              title="Power margin"
              xLabel="kW"
              marker={{ value: 0, label: '0' }}
              note={noteOf(belowZero?.power)}
            />
            <HistogramChart
              data={hists.thermal}
              width={Math.floor((width - 24) / 3)}
              height={height}
              title="Thermal margin"
              xLabel="kW"
              color={SERIES[1]}
              marker={{ value: 0, label: '0' }}
              note={noteOf(belowZero?.thermal)}
            />
            <HistogramChart
              data={hists.temp}
              width={Math.floor((width - 24) / 3)}
              height={height}
              title="Radiator temperature"
              xLabel="°C"
              color={SERIES[3]}
            />
          </>
        ) : null}
        {m && tab === 'latency' && latency ? (
          latency.n === 0 ? (
            <div className="chart-note">No satellite has a latency (no ground station in view).</div>
          ) : (
            <LatencyCdf latency={latency} width={width} height={height} />
          )
        ) : null}
        {m && tab === 'orbit' ? (
          orbit ? (
            <div>
              <div className="btn-row" style={{ marginBottom: 2 }}>
                {shellPicker}
                <span className="chart-note">
                  {orbit.name} · eclipse {fmtPct(orbit.ecl)} · battery low point {fmtSig(orbit.p.minSocPct, 3)} %
                </span>
              </div>
              <LineChart
                width={width}
                height={height - 26}
                title="Power and battery over one orbit"
                xLabel="minutes from ascending node (eclipse centred)"
                yLabel="kW"
                yRange={[0, Math.max(1e-3, ...orbit.p.arrayW, ...orbit.p.loadW) * 1.15e-3]}
                yRightLabel="state of charge %"
                yRightRange={[0, 110]}
                series={[
                  { label: 'array output', x: orbit.p.tMin, y: Array.from(orbit.p.arrayW, (v) => v / 1000) },
                  { label: 'load', x: orbit.p.tMin, y: Array.from(orbit.p.loadW, (v) => v / 1000) },
                  { label: 'battery SoC', x: orbit.p.tMin, y: orbit.p.socPct, right: true },
                ]}
              />
            </div>
          ) : (
            <div className="chart-note">Select a shell with satellites.</div>
          )
        ) : null}
        {m && tab === 'year' ? (
          year ? (
            <div>
              <div className="btn-row" style={{ marginBottom: 2 }}>
                {shellPicker}
                <span className="chart-note">
                  first plane of the shell, J2 nodal drift, cylindrical shadow; β: Sun angle to the orbit plane
                </span>
              </div>
              <LineChart
                width={width}
                height={height - 26}
                title="Eclipse fraction across the year"
                xLabel="days from the window start"
                yLabel="eclipse fraction"
                yRightLabel="β, degrees (absolute)"
                yRightRange={[0, 90]}
                series={[
                  { label: 'eclipse fraction', x: Array.from(year.dayMs, (_, k) => k), y: year.eclipseFraction },
                  { label: '|β|', x: Array.from(year.dayMs, (_, k) => k), y: Array.from(year.betaDeg, Math.abs), right: true },
                ]}
              />
            </div>
          ) : (
            <div className="chart-note">Select a shell with satellites.</div>
          )
        ) : null}
        {m && tab === 'ramp' ? <RampChart ramp={src?.rollup.feasibility?.ramp ?? []} width={width} height={height} /> : null}
      </div>
    </section>
  );
}

/** Compute in service year by year: launch cadence, array degradation, end-of-life replacement (core/physics/launch.ts). */
function RampChart({
  ramp,
  width,
  height,
}: {
  ramp: ReadonlyArray<{ year: number; computeGW: number; satellitesInService: number }>;
  width: number;
  height: number;
}) {
  if (ramp.length === 0) return <div className="chart-note">No ramp: a satellite does not fit the launch vehicle.</div>;
  const x = ramp.map((r) => r.year);
  return (
    <LineChart
      width={width}
      height={height}
      title="Compute in service by year (launch cadence, degradation, replacement)"
      xLabel="year from the first launch"
      yLabel="GW that can run"
      yRightLabel="satellites"
      series={[
        { label: 'GW in service', x, y: ramp.map((r) => r.computeGW) },
        { label: 'satellites in service', x, y: ramp.map((r) => r.satellitesInService), right: true },
      ]}
    />
  );
}
