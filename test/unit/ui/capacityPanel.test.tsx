import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WorkspaceContext } from '../../../src/ui/workspace';
import { createPageViewer, createWorkspace, workspaceActions } from '../../../src/app/store';
import { pageServices } from '../../../src/app/services';
import { summarize, type AnalysisState } from '../../../src/app/analysis';
import { analyzeAnalytic } from '../../../src/core/analysis/analytic';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { CapacityPanel, splitPower } from '../../../src/ui/CapacityPanel';
import { shellCounts } from '../../../src/core/scenario/operations';
import { ShellsEditor } from '../../../src/ui/ShellsEditor';

function render(el: ReturnType<typeof createElement>, scenario = presetScenario('colossus-300mw')!) {
  const store = createWorkspace(scenario, 'doc');
  const viewer = createPageViewer(scenario);
  const actions = workspaceActions(store, viewer);
  return renderToStaticMarkup(
    createElement(WorkspaceContext.Provider, { value: { store, viewer, actions, services: pageServices(actions) } }, el),
  );
}

describe('capacity panel (server-rendered)', () => {
  it('leads with the compute power of the core rollup and lists every shell', () => {
    const scenario = presetScenario('colossus-300mw')!;
    const fleet = buildFleet(scenario);
    const metrics = analyzeAnalytic(fleet, scenario);
    const rollup = summarize(fleet, scenario, metrics);
    const analysis: AnalysisState = {
      fleet,
      scenario,
      analytic: { metrics, rollup, ms: 1 },
      sampled: null,
      computing: false,
      sampledRunning: false,
      error: null,
      runSampled: () => {},
    };
    const html = render(createElement(CapacityPanel, { scenario, analysis, counts: shellCounts(scenario, new Map()) }), scenario);
    const head = splitPower(rollup.totals.computeGW);
    expect(html).toContain(`data-gw="${rollup.totals.computeGW}"`);
    expect(html).toContain(`>${head.value}<small>${head.unit}</small>`);
    // 300 satellites of ~1 MW: a few hundred MW, shown in MW
    expect(head.unit).toBe('MW');
    expect(html).toContain('>300<');
    expect(html).toMatch(/data-testid="rollup-mode">analytic</);
    for (const s of rollup.shells) expect(html).toContain(`data-shell-row="${s.shellId}"`);
  });
  it('splitPower keeps GW as the unit from 1 GW up', () => {
    expect(splitPower(78.2)).toEqual({ value: '78.2', unit: 'GW' });
    expect(splitPower(0.119)).toEqual({ value: '119', unit: 'MW' });
    expect(splitPower(Number.NaN)).toEqual({ value: '–', unit: '' });
  });
});

describe('shells editor (server-rendered)', () => {
  it('shows live counts, T = P x S fields and the over-1,000,000 warning', () => {
    const s = presetScenario('orbital-compute-1m')!;
    const html = render(createElement(ShellsEditor, { importedCounts: new Map(), onImport: () => {} }), s);
    expect(html).toContain('data-testid="total-count">1,000,000<');
    expect(html).not.toContain('count-warning');
    const big = {
      ...s,
      shells: s.shells.map((sh) => (sh.id === 'w500' && sh.kind === 'walker-delta' ? { ...sh, totalSatellites: 500 * 800 } : sh)),
    };
    const html2 = render(createElement(ShellsEditor, { importedCounts: new Map(), onImport: () => {} }), big);
    expect(html2).toContain('data-testid="total-count">1,200,000<');
    expect(html2).toContain('data-testid="count-warning"');
    expect(html2).toMatch(/data-field="shells\.w500\.perPlane"[^>]*value="800"/);
    expect(html2).toMatch(/data-field="shells\.w500\.totalSatellites"[^>]*value="400000"/);
  });
});
