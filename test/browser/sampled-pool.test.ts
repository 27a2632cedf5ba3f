/**
 * The page's sampled run on its worker pool (fleets above 20,000 satellites): routing runs in the
 * workers (src/engine/sampledAnalysis.ts; shared routing slots, the harness page being
 * cross-origin isolated). 25,000 satellites, a 30-minute window at 60 s steps, routing every step:
 * the run finishes without page errors, the figures switch to sampled and the per-shell routed
 * latency appears. (The numbers themselves are checked against the single-thread pass in
 * test/unit/engine/propagation.test.ts on Node worker threads, same shard and router code.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetScenario } from '../../src/core/presets';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { ScenarioSchema } from '../../src/core/scenario/schema';
import { openHarness, waitFor, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

describe('sampled run on the page worker pool', () => {
  it('routes in the workers: sampled figures with routed latency, no page errors', async () => {
    const base = presetScenario('starlink-72x22')!;
    const scenario = ScenarioSchema.parse({
      ...base,
      window: { ...base.window, durationMin: 30, stepS: 60 },
      shells: base.shells.map((s) => (s.kind === 'walker-delta' ? { ...s, planes: 100, totalSatellites: 25_000, phasing: 1 } : s)),
    });
    const page = await h.newPage(`index.html#${encodeShareFragment(scenario)}`);
    await waitFor(
      async () => ((await page.textContent('[data-testid="status"]'))?.includes('25,000 satellites') ? true : null),
      'the 25,000-satellite scenario',
      120_000,
    );
    await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 120_000 });
    await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 120_000);
    const before = await page.locator('[data-testid="shell-table"]').innerText();
    await page.click('[data-testid="run-sampled"]');
    await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);
    await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 60_000);
    const gw = Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
    const after = await page.locator('[data-testid="shell-table"]').innerText();
    expect(page.errors).toEqual([]);
    expect(gw).toBeGreaterThan(0);
    expect(after).not.toBe(before); // sampled (routed) figures replaced the analytic ones
    expect(after).toMatch(/\d+(\.\d+)?/);
    await page.close();
  }, 400_000);
});
