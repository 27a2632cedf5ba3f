/**
 * The page's sampled run on the view's worker pool (fleets above 20,000 satellites;
 * src/app/viewPool.ts): routing runs in the workers (src/engine/sampledAnalysis.ts; shared routing
 * slots, the harness page being cross-origin isolated) and no second pool is started. 25,000
 * satellites, a 30-minute window at 60 s steps, routing every step: the run finishes without page
 * errors, the figures switch to sampled and the per-shell routed latency appears, and the view goes
 * on ticking. A scenario change during a run stops it with a message; the next run finishes. (The
 * numbers themselves are checked against the single-thread pass in
 * test/unit/engine/propagation.test.ts on Node worker threads, same shard and router code.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetScenario } from '../../src/core/presets';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { ScenarioSchema } from '../../src/core/scenario/schema';
import type { Page } from 'playwright-core';
import { openHarness, waitFor, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** 25,000 satellites; a 30-minute window at 60 s steps (or `durationMin`, for a run long enough to edit during it). */
function scenario25k(durationMin = 30) {
  const base = presetScenario('starlink-72x22')!;
  return ScenarioSchema.parse({
    ...base,
    window: { ...base.window, durationMin, stepS: 60 },
    shells: base.shells.map((s) => (s.kind === 'walker-delta' ? { ...s, planes: 100, totalSatellites: 25_000, phasing: 1 } : s)),
  });
}

const statusText = async (page: Page): Promise<string> => (await page.textContent('[data-testid="status"]').catch(() => '')) ?? '';

/** Open the 25,000-satellite scenario and wait until the view propagates it and the analytic figures settle. */
async function open25k(durationMin?: number): Promise<Page & { errors: string[] }> {
  const page = await h.newPage(`index.html#${encodeShareFragment(scenario25k(durationMin))}`);
  await waitFor(async () => (await statusText(page)).startsWith('25,000 satellites · SGP4 ('), 'the view propagating 25,000', 120_000);
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 120_000 });
  await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 120_000);
  return page;
}

describe('sampled run on the page worker pool', () => {
  it("routes in the view's workers: sampled figures with routed latency, no second pool, the view still ticking", async () => {
    const page = await open25k();
    const before = await page.locator('[data-testid="shell-table"]').innerText();
    const viewWorkers = new Set(page.workers());
    expect([...viewWorkers].filter((w) => w.url().includes('propagation')).length).toBeGreaterThan(0);
    await page.click('[data-testid="run-sampled"]');
    await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);
    await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 60_000);
    const gw = Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
    const after = await page.locator('[data-testid="shell-table"]').innerText();
    expect(page.errors).toEqual([]);
    expect(gw).toBeGreaterThan(0);
    expect(after).not.toBe(before); // sampled (routed) figures replaced the analytic ones
    expect(after).toMatch(/\d+(\.\d+)?/);
    // the run used the view's workers (they hold the fleet's SGP4 state): no propagation worker was started for it
    expect(page.workers().filter((w) => !viewWorkers.has(w) && w.url().includes('propagation'))).toEqual([]);
    // and the view goes on propagating the same fleet on them
    const clock0 = await page.textContent('[data-testid="utc-clock"]').catch(() => null);
    await page.waitForTimeout(1500);
    expect(await statusText(page)).toMatch(/^25,000 satellites · SGP4 \(/);
    if (clock0 !== null) expect(await page.textContent('[data-testid="utc-clock"]')).not.toBe(clock0);
    await page.close();
  }, 400_000);

  it('stops with a message when the scenario changes during the run, and the next run finishes', async () => {
    const page = await open25k(3 * 24 * 60); // 4,320 steps: ~13 s here, long enough to edit during it
    await page.click('[data-testid="run-sampled"]');
    const bar = await page.waitForSelector('[data-testid="progress"] [role="progressbar"]', { timeout: 60_000 });
    await waitFor(async () => Number(await bar.getAttribute('aria-valuenow')) > 0, 'progress above 0', 120_000, 100);
    // headless Chromium draws in software: while the run goes, the view says it draws one frame per 4 s
    expect(await page.textContent('[data-testid="frames-limited"]')).toBe(' · 1 frame / 4 s');
    // a new fleet (T = 25,100): the view's workers take it, the run on the old one stops
    const field = 'input[data-field="shells.starlink.totalSatellites"]';
    await page.fill(field, '25100');
    await page.press(field, 'Tab');
    await waitFor(
      async () => /Sampled analysis stopped: the workers took another fleet/.test((await page.textContent('.messages')) ?? ''),
      'the stop message',
      120_000,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; messages: ${await page.textContent('.messages')}`);
    });
    await page.waitForSelector('[data-testid="progress"]', { state: 'detached', timeout: 60_000 });
    expect(await page.textContent('[data-testid="rollup-mode"]')).toBe('analytic');
    await page.waitForSelector('[data-testid="frames-limited"]', { state: 'detached', timeout: 10_000 });
    expect(await page.textContent('.messages')).not.toMatch(/Sampled analysis failed/);
    await waitFor(async () => (await statusText(page)).startsWith('25,100 satellites · SGP4 ('), 'the view on the new fleet', 120_000);
    await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 120_000);
    await page.click('[data-testid="run-sampled"]');
    await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 400_000);
});
