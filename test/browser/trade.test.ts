/**
 * Trade study in Chromium (built app): a sweep on the worker pool whose figures equal the core's
 * analysis of each variant, Cancel, applying a point and undoing it, "sweep this field" from the
 * editor, and the comparison of the current scenario with a saved file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openHarness, ROOT, waitFor, type Harness } from './harness';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { presetScenario } from '../../src/core/presets';
import { serializeScenario } from '../../src/core/scenario/load';
import type { Scenario } from '../../src/core/scenario/schema';
import { evaluateScenario, setAtPath } from '../../src/core/trade';

const SHOTS = resolve(ROOT, 'test-results/trade');
let h: Harness;
let page: Page & { errors: string[] };
const base = presetScenario('starlink-72x22') as Scenario;
const AREA = 'designs[0].radiator.areaM2';

beforeAll(async () => {
  h = await openHarness();
  mkdirSync(SHOTS, { recursive: true });
  page = await h.newPage(`#${encodeShareFragment(base)}`);
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 90_000 });
});
afterAll(async () => {
  await h?.close();
});

async function status(): Promise<string> {
  return (await page.textContent('[data-testid="trade-status"]')) ?? '';
}

async function setAxis(path: string, from: string, to: string, steps: string) {
  await page.selectOption('[data-testid="trade-param"]', path);
  await page.fill('[data-testid="trade-from"]', from);
  await page.fill('[data-testid="trade-to"]', to);
  await page.fill('[data-testid="trade-steps"]', steps);
}

describe('trade study', () => {
  it('sweeps a field on the workers: every point equals the core analysis of that variant', async () => {
    await page.click('[data-testid="trade-button"]');
    await page.waitForSelector('[data-testid="trade-dialog"][open]');
    await setAxis(AREA, '80', '320', '4');
    await page.click('[data-testid="trade-run"]');
    await waitFor(async () => /4 of 4 points in/.test(await status()), 'sweep to finish', 60_000);
    const rows = await page.$$eval('[data-testid="trade-table"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => r[0])).toEqual(['80', '160', '240', '320']);
    for (const r of rows) {
      const area = Number(r[0]);
      const expected = evaluateScenario(setAtPath(base, ['designs', 0, 'radiator', 'areaM2'], area), 'analytic').totals;
      const mw = expected.computeGW * 1000;
      // the table shows compute with 4 significant figures, in GW or MW
      const shown = r[1].endsWith(' MW') ? Number.parseFloat(r[1]) : Number.parseFloat(r[1]) * 1000;
      expect(Math.abs(shown - mw) / mw).toBeLessThan(5e-4);
      expect(r[2]).toBe(`${(expected.feasibleShare * 100).toFixed(1)} %`);
    }
    // six charts against the value, each with one focusable marker per valid point
    expect(await page.$$eval('[data-testid="trade-charts"] svg', (s) => s.length)).toBe(6);
    expect(await page.$$eval('[data-testid="trade-charts"] svg:first-child circle.trade-point', (c) => c.length)).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: resolve(SHOTS, 'sweep-1280.png') });
    expect(page.errors).toEqual([]);
  });

  it('finds the optimum of one field and marks it on every chart', async () => {
    await setAxis(AREA, '40', '400', '7');
    await page.selectOption('[data-testid="trade-objective"]', 'compute-per-tonne');
    await page.click('[data-testid="trade-run"]');
    await page.waitForSelector('[data-testid="trade-optimum"]', { timeout: 60_000 });
    const text = (await page.textContent('[data-testid="trade-optimum"]')) ?? '';
    const m = /Best .*radiator\.areaM2: ([\d.,]+)/.exec(text);
    expect(m).not.toBeNull();
    const best = Number((m?.[1] ?? '').replace(/,/g, ''));
    // the CLI test finds 130-131 m^2 for this design; the page runs the same search on workers
    expect(best).toBeGreaterThan(120);
    expect(best).toBeLessThan(145);
    expect(await page.$$eval('line[data-optimum]', (l) => l.length)).toBe(6);
    await page.selectOption('[data-testid="trade-objective"]', '');
  });

  it('reports variants the scenario rules refuse, and cancels a long sweep', async () => {
    await setAxis('shells[0].totalSatellites', '1584', '1600', '3');
    await page.click('[data-testid="trade-run"]');
    await waitFor(async () => /3 of 3 points in/.test(await status()), 'sweep to finish', 60_000);
    expect(await status()).toMatch(/2 not valid/);
    expect(await page.textContent('[data-testid="trade-table"]')).toMatch(/T = 1592 is not a multiple of P = 72/);
    // sampled variants take ~1 s each here: cancel after the first
    await page.selectOption('[data-testid="trade-mode"]', 'sampled');
    await setAxis('shells[0].altitudeKm', '500', '700', '20');
    await page.click('[data-testid="trade-run"]');
    await waitFor(async () => /^[1-9]\d* of 20 points/.test(await status()), 'a first sampled point', 120_000);
    await page.click('[data-testid="trade-cancel"]');
    await waitFor(async () => /\(cancelled\)/.test(await status()), 'cancel', 10_000);
    const done = Number(/^(\d+) of 20/.exec(await status())?.[1]);
    expect(done).toBeLessThan(20);
    await page.selectOption('[data-testid="trade-mode"]', 'analytic');
  });

  it('applies a point (undoable) and opens on a field from the editor', async () => {
    await setAxis(AREA, '80', '320', '4');
    await page.click('[data-testid="trade-run"]');
    await waitFor(async () => /4 of 4 points in/.test(await status()), 'sweep to finish', 60_000);
    await page.click('[data-testid="trade-table"] button[aria-label="Apply 320"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="trade-dialog"]', { state: 'detached' });
    await page.click('#tabbtn-designs');
    const field = `input[data-field="design.${base.designs[0].id}.radiator.areaM2"]`;
    await waitFor(async () => (await page.inputValue(field)) === '320', 'the applied value in the editor', 10_000);
    await page.click('[data-testid="undo"]');
    await waitFor(async () => (await page.inputValue(field)) === String(base.designs[0].radiator.areaM2), 'undo', 10_000);
    // "sweep this field" on the editor opens the study on that field
    await page.click('#tabbtn-shells');
    await page.click('button[data-sweep="shells[0].altitudeKm"]');
    await page.waitForSelector('[data-testid="trade-dialog"][open]');
    expect(await page.inputValue('[data-testid="trade-param"]')).toBe('shells[0].altitudeKm');
  });

  it('compares the current scenario with a saved file', async () => {
    const other = setAtPath({ ...base, name: 'Bigger radiator' }, ['designs', 0, 'radiator', 'areaM2'], 320);
    const file = resolve(SHOTS, 'bigger-radiator.json');
    writeFileSync(file, serializeScenario(other));
    await page.click('[role="tab"]:has-text("Compare scenarios")');
    await page.setInputFiles('[data-testid="compare-files"]', file);
    await page.click('[data-testid="compare-run"]');
    await page.waitForSelector('[data-testid="compare-table"]', { timeout: 60_000 });
    const mass = page.locator('[data-testid="compare-table"] tr[data-figure="massToOrbitT"]');
    expect(await mass.getAttribute('class')).toBe('differs');
    const sats = page.locator('[data-testid="compare-table"] tr[data-figure="satellites"]');
    expect(await sats.getAttribute('class')).toBeNull();
    expect(await page.$$eval('.trade-compare svg[data-chart]', (s) => s.length)).toBe(3);
    await page.screenshot({ path: resolve(SHOTS, 'compare-1280.png') });
    expect(page.errors).toEqual([]);
  });
});
