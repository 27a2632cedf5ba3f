import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../../../src/core/presets';
import { runAnalysis, summaryFigures } from '../../../../src/core/report/run';
import { buildFleet } from '../../../../src/core/fleet/generators';
import {
  axisValues,
  evaluateScenario,
  getAtPath,
  numericFields,
  parseParamPath,
  planSweep,
  resolveParam,
  runSweep,
  setAtPath,
  sweepDocument,
} from '../../../../src/core/trade';
import type { Scenario } from '../../../../src/core/scenario/schema';

const starlink = () => presetScenario('starlink-72x22') as Scenario;
const analytic = async (s: Scenario) => evaluateScenario(s, 'analytic');

describe('parameter paths', () => {
  it('parses field names with indices and refuses malformed ones with a message', () => {
    expect(parseParamPath('shells[1].altitudeKm')).toEqual({ ok: true, segments: ['shells', 1, 'altitudeKm'] });
    expect(parseParamPath(' designs[0].radiator.areaM2 ')).toEqual({ ok: true, segments: ['designs', 0, 'radiator', 'areaM2'] });
    expect(parseParamPath('window.stepS')).toEqual({ ok: true, segments: ['window', 'stepS'] });
    for (const bad of ['', 'shells[x].a', 'shells..a', '1abc', 'shells[0]a']) {
      const r = parseParamPath(bad);
      expect(r.ok, bad).toBe(false);
    }
  });

  it('reads and writes a copy without touching the original or unrelated branches', () => {
    const s = starlink();
    const before = JSON.stringify(s);
    const t = setAtPath(s, ['shells', 0, 'altitudeKm'], 777);
    expect(JSON.stringify(s)).toBe(before);
    expect(getAtPath(t, ['shells', 0, 'altitudeKm'])).toBe(777);
    expect(t.designs).toBe(s.designs); // shared, not copied
    expect(getAtPath(s, ['shells', 9, 'altitudeKm'])).toBeUndefined();
  });

  it('asks the schema whether a field takes whole numbers', () => {
    const s = starlink();
    const planes = resolveParam(s, 'shells[0].planes');
    const alt = resolveParam(s, 'shells[0].altitudeKm');
    const area = resolveParam(s, 'designs[0].radiator.areaM2');
    expect('ok' in planes).toBe(false);
    if ('ok' in planes || 'ok' in alt || 'ok' in area) throw new Error('unresolved');
    expect(planes.integer).toBe(true);
    expect(planes.baseValue).toBe(72);
    expect(alt.integer).toBe(false);
    expect(area.integer).toBe(false);
    expect(alt.label).toContain(s.shells[0].name);
  });

  it('names the problem for paths that are not numeric fields', () => {
    const s = starlink();
    const name = resolveParam(s, 'shells[0].name');
    const missing = resolveParam(s, 'shells[3].altitudeKm');
    expect('ok' in name && name.error).toMatch(/not a numeric field.*text/);
    expect('ok' in missing && missing.error).toMatch(/no such field/);
  });

  it('lists every numeric field of a scenario, version excluded', () => {
    const f = numericFields(starlink());
    const paths = f.map((x) => x.path);
    expect(paths).toContain('shells[0].altitudeKm');
    expect(paths).toContain('designs[0].radiator.areaM2');
    expect(paths).toContain('window.stepS');
    expect(paths).not.toContain('version');
  });
});

describe('sweep values', () => {
  it('includes both ends exactly and rounds integer fields without repeats', () => {
    expect(axisValues(0.1, 0.7, 7, false).at(-1)).toBe(0.7);
    expect(axisValues(500, 1500, 5, false)).toEqual([500, 750, 1000, 1250, 1500]);
    expect(axisValues(10, 12, 5, true)).toEqual([10, 11, 12]);
    expect(axisValues(3, 3, 1, false)).toEqual([3]);
  });
});

describe('sweep on a real scenario', () => {
  it('the point equal to the base scenario gives exactly the analysis of the base', async () => {
    const s = starlink();
    const plan = planSweep(s, [{ path: 'shells[0].altitudeKm', from: 450, to: 650, steps: 3 }]);
    if (!plan.ok) throw new Error(plan.error);
    const r = await runSweep(plan.plan, analytic);
    const at550 = r.points.find((p) => p.value === 550);
    const direct = runAnalysis(buildFleet(s), s, 'analytic');
    expect(at550?.valid).toBe(true);
    const figures = summaryFigures(direct.rollup, s);
    expect(at550?.totals).toEqual(figures.totals);
    expect(at550?.shells).toEqual(figures.shells);
  });

  it('a higher shell has a longer best-case latency; a larger radiator a larger thermal margin', async () => {
    const s = starlink();
    const alt = planSweep(s, [{ path: 'shells[0].altitudeKm', from: 400, to: 1600, steps: 4 }]);
    const rad = planSweep(s, [{ path: 'designs[0].radiator.areaM2', from: 80, to: 320, steps: 4 }]);
    if (!alt.ok || !rad.ok) throw new Error('plan');
    const a = await runSweep(alt.plan, analytic);
    const b = await runSweep(rad.plan, analytic);
    const lat = a.points.map((p) => p.totals?.latencyP50Ms ?? Number.NaN);
    for (let i = 1; i < lat.length; i++) expect(lat[i]).toBeGreaterThan(lat[i - 1]);
    const tm = b.points.map((p) => p.margins?.thermalMarginMeanW ?? Number.NaN);
    const rej = b.points.map((p) => p.totals?.computeRejectableGW ?? Number.NaN);
    for (let i = 1; i < tm.length; i++) {
      expect(tm[i]).toBeGreaterThan(tm[i - 1]);
      expect(rej[i]).toBeGreaterThan(rej[i - 1]);
    }
  });

  it('reports invalid variants at their point and goes on', async () => {
    const s = starlink(); // 72 planes of 22
    const plan = planSweep(s, [{ path: 'shells[0].totalSatellites', from: 1584, to: 1728, steps: 3 }]);
    if (!plan.ok) throw new Error(plan.error);
    const r = await runSweep(plan.plan, analytic);
    expect(r.points.map((p) => p.value)).toEqual([1584, 1656, 1728]);
    expect(r.points.map((p) => p.valid)).toEqual([true, true, true]);
    const odd = planSweep(s, [{ path: 'shells[0].totalSatellites', from: 1584, to: 1600, steps: 3 }]);
    if (!odd.ok) throw new Error(odd.error);
    const r2 = await runSweep(odd.plan, analytic);
    expect(r2.points.map((p) => p.valid)).toEqual([true, false, false]);
    expect(r2.points[1].error).toMatch(/shells\[0\]\.totalSatellites: T = 1592 is not a multiple of P = 72/);
    expect(r2.points[1].totals).toBeUndefined();
    expect(r2.points[0].satellites).toBe(1584);
  });

  it('two parameters give the full grid, first axis slowest', async () => {
    const s = starlink();
    const plan = planSweep(s, [
      { path: 'shells[0].altitudeKm', from: 500, to: 600, steps: 2 },
      { path: 'designs[0].radiator.areaM2', from: 100, to: 200, steps: 3 },
    ]);
    if (!plan.ok) throw new Error(plan.error);
    const r = await runSweep(plan.plan, analytic, { concurrency: 2 });
    expect(r.points.map((p) => [p.value, p.value2])).toEqual([
      [500, 100],
      [500, 150],
      [500, 200],
      [600, 100],
      [600, 150],
      [600, 200],
    ]);
    const doc = sweepDocument(s, plan.plan, 'analytic', r);
    expect(doc.param).toBe('shells[0].altitudeKm');
    expect(doc.param2).toBe('designs[0].radiator.areaM2');
    expect(doc.points).toHaveLength(6);
  });

  it('refuses bad axes with a message naming the option', () => {
    const s = starlink();
    const r1 = planSweep(s, [{ path: 'shells[0].name', from: 1, to: 2, steps: 2 }]);
    const r2 = planSweep(s, [{ path: 'shells[0].altitudeKm', from: 1, to: 2, steps: 0 }]);
    const r3 = planSweep(s, [{ path: 'shells[0].altitudeKm', from: Number.NaN, to: 2, steps: 2 }]);
    expect(!r1.ok && r1.error).toMatch(/^--param shells\[0\]\.name: not a numeric field/);
    expect(!r2.ok && r2.error).toMatch(/--steps/);
    expect(!r3.ok && r3.error).toMatch(/--from/);
  });

  it('stops starting points once cancelled and says so', async () => {
    const s = starlink();
    const plan = planSweep(s, [{ path: 'shells[0].altitudeKm', from: 500, to: 900, steps: 5 }]);
    if (!plan.ok) throw new Error(plan.error);
    const signal = { cancelled: false };
    const r = await runSweep(plan.plan, analytic, {
      signal,
      onPoint: (_p, _i, prog) => {
        if (prog.done === 2) signal.cancelled = true;
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.points).toHaveLength(2);
  });
});
