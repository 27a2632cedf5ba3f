/**
 * Workers that die mid-task (issue 16): an element import, an export, a sampled run and a report,
 * each with a worker killed while it runs. The worker is killed from inside (an uncaught error
 * thrown in its own event loop, then it closes itself): the page sees the Worker's `error` event
 * that a crashing worker gives. Each time the page must recover with a clear message (or finish
 * the work another way), keep everything the user had, and the next attempt must work.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetScenario } from '../../src/core/presets';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import type { Scenario } from '../../src/core/scenario/schema';
import { openHarness, ROOT, waitFor, type Harness } from './harness';

const CATALOGUE = resolve(ROOT, '../shared/data/catalog-2022-08-09.tle');

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

function link(patch: Partial<Scenario> = {}): string {
  const s = presetScenario('starlink-72x22');
  if (!s) throw new Error('preset starlink-72x22 missing');
  return `#${encodeShareFragment({ ...s, ...patch })}`;
}

/** A Walker shell of `planes` x `perPlane` at 550 km / 53 deg. */
function walkerLink(planes: number, perPlane: number, window?: Scenario['window']): string {
  const s = presetScenario('starlink-72x22');
  if (!s) throw new Error('preset starlink-72x22 missing');
  const sh = s.shells[0];
  if (sh.kind !== 'walker-delta') throw new Error('expected a Walker shell');
  return link({ shells: [{ ...sh, planes, totalSatellites: planes * perPlane, phasing: 1 }], ...(window ? { window } : {}) });
}

async function rollupGW(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 120_000 });
  await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 120_000);
  return Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
}

const totalCount = async (page: Page): Promise<number> =>
  Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));

/** Kill a worker from inside: an uncaught error in its event loop (the page gets `error`), then close. */
async function kill(w: Worker): Promise<void> {
  await w
    .evaluate(`setTimeout(() => { setTimeout(() => self.close(), 0); throw new Error('worker killed by the test'); }, 0); 1`)
    .catch(() => undefined);
}

/** Workers whose script URL contains `name` (Vite names the built files after the entry). */
const workersNamed = (page: Page, name: string): Worker[] => page.workers().filter((w) => w.url().includes(name));

describe('a worker killed mid-task', () => {
  it('mid-import: the file is still read (in the page), the report is right, nothing was applied, the next import works', async () => {
    const page = await h.newPage(link());
    await rollupGW(page);
    await waitFor(async () => (await totalCount(page)) === 1584, 'Starlink preset');
    // kill the import worker as soon as it starts
    const killed: Promise<void>[] = [];
    page.on('worker', (w) => {
      if (w.url().includes('import')) killed.push(kill(w));
    });
    await page.click('button:has-text("Import elements")');
    await page.setInputFiles('[data-testid="import-file-input"]', CATALOGUE);
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 120_000 });
    expect(killed.length).toBeGreaterThan(0);
    await Promise.all(killed);
    const num = async (id: string) => Number(((await page.textContent(`[data-testid="${id}"]`)) ?? '').replace(/,/g, ''));
    expect(await num('import-accepted')).toBe(25_975);
    expect(await num('import-rejected')).toBe(0);
    // nothing applied yet, the scenario is as it was
    expect(await totalCount(page)).toBe(1584);
    await page.click('[data-testid="import-apply"]');
    await waitFor(async () => (await totalCount(page)) === 1584 + 25_975, 'catalogue added', 120_000);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('mid-export: the view’s propagation workers die during an export; the file is complete and the view restarts them', async () => {
    const page = await h.newPage(walkerLink(400, 250)); // 100,000 satellites
    await rollupGW(page);
    await waitFor(async () => (await totalCount(page)) === 100_000, '100,000 satellites');
    await waitFor(async () => workersNamed(page, 'propagation').length > 0, 'propagation workers', 120_000);
    await page.click('[data-testid="export-menu"]');
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      (async () => {
        await page.click('[data-testid="export-omm-csv"]');
        for (const w of workersNamed(page, 'propagation')) await kill(w);
      })(),
    ]);
    const path = join(tmpdir(), `worker-faults-export-${Date.now()}.csv`);
    await dl.saveAs(path);
    const rows = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(rows.length - 1).toBe(100_000);
    // the view says what happened and carries on
    await waitFor(
      async () => /Propagation worker \d+ stopped/.test((await page.textContent('.messages')) ?? ''),
      'restart notice',
      120_000,
    );
    await waitFor(() => page.locator('[data-testid="status"][data-phase="ready"]').count(), 'view running again', 180_000);
    // the next export works
    await page.click('[data-testid="export-menu"]');
    const [dl2] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid="export-omm-csv"]')]);
    const path2 = join(tmpdir(), `worker-faults-export2-${Date.now()}.csv`);
    await dl2.saveAs(path2);
    expect(readFileSync(path2, 'utf8').trimEnd().split('\n').length - 1).toBe(100_000);
    expect(await totalCount(page)).toBe(100_000);
    await page.close();
  }, 600_000);

  it('mid-sampled run: the run stops with a message, the analytic figures stand, the next run finishes', async () => {
    // 25,000 satellites: above the in-thread limit, so the run is on worker shards: the view's
    // propagation workers, which hold the fleet (src/app/viewPool.ts)
    // a 3-day window at 60 s steps (4,320 steps, ~13 s here): the worker dies while the run goes
    const base = presetScenario('starlink-72x22')!;
    const page = await h.newPage(walkerLink(100, 250, { ...base.window, durationMin: 3 * 24 * 60, stepS: 60 }));
    const gw0 = await rollupGW(page);
    const status = async () => (await page.textContent('[data-testid="status"]').catch(() => '')) ?? '';
    await waitFor(async () => (await status()).startsWith('25,000 satellites · SGP4 ('), 'the view propagating', 120_000);
    const viewWorkers = workersNamed(page, 'propagation');
    expect(viewWorkers.length).toBeGreaterThan(0);
    await page.click('[data-testid="run-sampled"]');
    const bar = await page.waitForSelector('[data-testid="progress"] [role="progressbar"]', { timeout: 120_000 });
    await waitFor(async () => Number(await bar.getAttribute('aria-valuenow')) > 0, 'progress above 0', 300_000, 200);
    await kill(viewWorkers[0]);
    await waitFor(
      async () => /Sampled analysis (stopped|failed)/.test((await page.textContent('.messages')) ?? ''),
      'failure message',
      300_000,
    );
    await page.waitForSelector('[data-testid="progress"]', { state: 'detached', timeout: 120_000 });
    expect(await page.textContent('[data-testid="rollup-mode"]')).toBe('analytic');
    expect(await rollupGW(page)).toBe(gw0);
    // the view's workers were restarted: it propagates again
    await waitFor(async () => !viewWorkers.some((w) => page.workers().includes(w)), 'the old workers gone', 60_000);
    await waitFor(async () => (await status()).startsWith('25,000 satellites · SGP4 ('), 'the view propagating again', 120_000);
    // the next attempt works
    await page.click('[data-testid="run-sampled"]');
    await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 600_000, 200);
    expect(await totalCount(page)).toBe(25_000);
    await page.close();
  }, 900_000);

  it('mid-report: the analysis and view workers die while the report is written; the report is complete, the next one too', async () => {
    const page = await h.newPage(link());
    const gw = await rollupGW(page);
    await waitFor(async () => workersNamed(page, 'propagation').length > 0, 'propagation workers', 120_000);
    await page.click('[data-testid="download-report"]');
    const [report] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      (async () => {
        await page.click('[data-testid="report-pdf"]');
        for (const w of [...workersNamed(page, 'propagation'), ...workersNamed(page, 'analysis')]) await kill(w);
      })(),
    ]);
    const path = join(tmpdir(), `worker-faults-report-${Date.now()}.pdf`);
    await report.saveAs(path);
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
    // the figures the user had are still there, and a new report (HTML) carries them
    expect(await rollupGW(page)).toBe(gw);
    await page.click('[data-testid="download-report"]');
    const [html] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid="report-html"]')]);
    const hp = join(tmpdir(), `worker-faults-report-${Date.now()}.html`);
    await html.saveAs(hp);
    expect(Number(/data-figure="computeGW" data-value="([^"]+)"/.exec(readFileSync(hp, 'utf8'))?.[1])).toBe(gw);
    // an edit still analyses (the analysis worker, or the in-page path that replaces it)
    await page.fill('input[data-field="shells.starlink.altitudeKm"]', '560');
    await waitFor(async () => (await rollupGW(page)) !== gw, 'figures after an edit', 120_000);
    await page.close();
  }, 600_000);
});
