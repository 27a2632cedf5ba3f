/**
 * The view keeps propagating through edits made while the clock runs (issue 19 item 1, issue 16):
 * change T (in a quick burst), Undo, "+ Add shell" and preset switches at 60x, each followed by
 * SGP4 states of the new fleet within a few seconds. One page, the Starlink-like preset.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openHarness, ROOT, waitFor, type Harness } from './harness';
import { encodeShareFragment } from '../../src/app/share';
import { presetScenario } from '../../src/core/presets';

const SHOTS = resolve(ROOT, 'test-results/viewer');
/** Time allowed from an edit to SGP4 states of the new fleet (typically well under 1 s here). */
const RESUME_MS = 8000;
let h: Harness;

beforeAll(async () => {
  h = await openHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

const statusText = async (page: Page): Promise<string> => (await page.textContent('[data-testid="status"]').catch(() => '')) ?? '';

/** Wait until the view shows SGP4 states for `count` satellites; returns ms from the call. */
async function sgp4For(page: Page, count: number, what: string): Promise<number> {
  const t0 = Date.now();
  const want = `${count.toLocaleString('en-US')} satellites · SGP4 (`;
  let last = '';
  try {
    await waitFor(
      async () => {
        last = await statusText(page);
        return last.startsWith(want) ? true : null;
      },
      what,
      RESUME_MS,
      50,
    );
  } catch {
    throw new Error(`${what}: after ${RESUME_MS} ms the status still reads "${last}" (want "${want}…")`);
  }
  return Date.now() - t0;
}

async function openPreset(page: Page, label: string): Promise<void> {
  await page.click('[data-testid="scenarios-menu"]');
  await page.click(`.menu button:has-text("${label}")`);
  await page.waitForSelector('.menu', { state: 'detached' });
}

describe('view re-propagates after edits during playback', () => {
  it('T burst, Undo, + Add shell and preset switches at 60x: SGP4 resumes every time', async () => {
    const s = presetScenario('starlink-72x22')!;
    const page = await h.newPage(`#${encodeShareFragment(s)}`);
    await sgp4For(page, 1584, 'first SGP4 frame');
    const field = 'input[data-field="shells.starlink.totalSatellites"]';
    const times: Record<string, number> = {};
    // A burst of T edits while playing (each a new fleet, most while a request is in flight).
    for (const t of [1656, 1728, 1800, 1872]) {
      await page.fill(field, String(t));
      await page.press(field, 'Tab');
      await page.waitForTimeout(60);
    }
    times.tBurst = await sgp4For(page, 1872, 'SGP4 after the T edits');
    await page.click('body', { position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    times.undo = await sgp4For(page, 1800, 'SGP4 after Undo');
    await page.click('[data-testid="add-shell"]');
    const total = Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));
    expect(total).toBeGreaterThan(1800);
    times.addShell = await sgp4For(page, total, 'SGP4 after + Add shell');
    await openPreset(page, 'Suncatcher cluster (81)');
    times.suncatcher = await sgp4For(page, 81, 'SGP4 after switching to Suncatcher');
    await openPreset(page, 'Starlink-like 72x22');
    times.starlink = await sgp4For(page, 1584, 'SGP4 after switching to Starlink-like');
    console.log('[viewer recovery] ms from edit to SGP4:', JSON.stringify(times));
    await page.waitForTimeout(1500);
    expect(await statusText(page)).toMatch(/^1,584 satellites · SGP4 \(/);
    await page.screenshot({ path: resolve(SHOTS, 'recovery-after-edits.png') });
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
