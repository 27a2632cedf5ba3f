/**
 * Layout facts of the workspace that have regressed before (issue 19 items 3 and 6, issue 12's
 * Capture button), checked as boxes and overflow in Chromium at 1280x800 and 1920x1080, dark theme:
 * the Capture button and the status text do not overlap, the clock does not meet the status text,
 * the inspector stays clear of the time bar and the camera toolbar, the histogram titles do not run
 * into their below-zero notes, and no table header, shell name, station name or dialog text is cut
 * (scrollWidth <= clientWidth). The scenario is the default preset's shells, names and stations with
 * fewer satellites per shell (the names are what could be cut; the count only slows the page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { presetScenario } from '../../src/core/presets';
import type { Scenario } from '../../src/core/scenario/schema';
import { openHarness, ROOT, waitFor, type Harness } from './harness';
import { resolve } from 'node:path';

const SHOTS = resolve(ROOT, 'test-results/layout');

/** The default scenario with ~1,000 satellites per shell instead of up to 200,000 (same names, designs, stations). */
function lightDefault(): Scenario {
  const s = structuredClone(presetScenario('orbital-compute-1m')!);
  s.shells = s.shells.map((sh) => {
    if (sh.kind === 'walker-delta' || sh.kind === 'walker-star') return { ...sh, planes: 20, totalSatellites: 1000, phasing: 1 };
    if (sh.kind === 'sso-dawn-dusk') return { ...sh, planes: Math.min(sh.planes, 10), satellitesPerPlane: 50 };
    return sh;
  });
  return s;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(page: Page, sel: string): Promise<Box> {
  const b = await page.locator(sel).first().boundingBox();
  if (!b) throw new Error(`${sel} has no box`);
  return b;
}

/** Visible elements matching `sel` whose content is wider than their box: "text (scrollWidth > clientWidth)". */
async function cut(page: Page, sel: string): Promise<string[]> {
  return page.evaluate((s) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(s))) {
      if (!el.offsetParent || el.closest('.sr-only')) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(`${(el.textContent || (el as HTMLInputElement).value || '').trim().slice(0, 40)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  }, sel);
}

async function tab(page: Page, label: string): Promise<void> {
  await page.locator(`[role="tab"]:has-text("${label}")`).first().click();
  await page.waitForTimeout(300);
}

for (const [w, hgt] of [
  [1280, 800],
  [1920, 1080],
] as const) {
  describe(`workspace layout at ${w}x${hgt}`, () => {
    let h: Harness;
    let page: Page;
    beforeAll(async () => {
      h = await openHarness();
      page = await h.browser.newPage({ viewport: { width: w, height: hgt } });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${h.baseUrl}#${encodeShareFragment(lightDefault())}`);
      await waitFor(() => page.locator('[data-testid="status"][data-phase="ready"]').count(), 'SGP4 in the view', 90_000);
      await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 60_000 });
      await waitFor(async () => (await page.locator('[data-testid="feasibility-table"]').count()) > 0, 'feasibility table', 60_000);
    }, 180_000);
    afterAll(async () => {
      await page?.close();
      await h?.close();
    });

    it('keeps the Capture button, the status text, the clock, the inspector, the time bar and the toolbar apart', async () => {
      const status = await box(page, '[data-testid="status"]');
      const capture = await box(page, '[data-testid="capture-toggle"]');
      expect(overlap(status, capture)).toBe(false);
      const clock = await box(page, '[data-testid="utc-clock"]');
      expect(overlap(clock, status)).toBe(false);
      expect(overlap(clock, capture)).toBe(false);
      expect(await cut(page, '[data-testid="utc-clock"], [data-testid="status"]')).toEqual([]);
      // a selected satellite: the inspector opens under the status row, above the time bar and the toolbar
      await page.locator('[data-testid="constellation-view"]').focus();
      await page.keyboard.press(']');
      await page.waitForSelector('[data-testid="inspector"]');
      const insp = await box(page, '[data-testid="inspector"]');
      for (const other of [
        '[data-testid="status"]',
        '[data-testid="capture-toggle"]',
        '[data-testid="time-controls"]',
        '[data-testid="toolbar"]',
      ])
        expect(overlap(insp, await box(page, other)), `inspector vs ${other}`).toBe(false);
      await page.screenshot({ path: resolve(SHOTS, `inspector-${w}.png`) });
      await page.keyboard.press('Escape');
    });

    it('draws histogram titles clear of their below-zero notes', async () => {
      await tab(page, 'Margins');
      const pairs = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg[data-chart]')).map((svg) => {
          const title = Array.from(svg.querySelectorAll('text')).find((t) => t.textContent === svg.getAttribute('data-chart'));
          const note = svg.querySelector('[data-testid="histogram-note"]');
          const r = (e: Element | null | undefined) => {
            const b = e?.getBoundingClientRect();
            return b ? { x: b.x, y: b.y, width: b.width, height: b.height } : null;
          };
          return { chart: svg.getAttribute('data-chart'), title: r(title), note: r(note) };
        }),
      );
      const withNote = pairs.filter((p) => p.note);
      expect(withNote.map((p) => p.chart)).toEqual(expect.arrayContaining(['Power margin', 'Thermal margin']));
      for (const p of withNote) expect(overlap(p.title!, p.note!), `${p.chart} title vs note`).toBe(false);
    });

    it('cuts no header, shell name, station name, chart note or dialog text', async () => {
      expect(await cut(page, 'table.data th, [data-testid="shell-table"] td, [data-testid="feasibility-table"] td')).toEqual([]);
      expect(await cut(page, '.charts .tabs button, .charts .chart-note')).toEqual([]);
      // the two SSO shells read differently in both tables
      const names = await page.locator('[data-testid="feasibility-table"] td.shell-name').allInnerTexts();
      expect(names).toEqual(expect.arrayContaining(['600 km SSO dusk', '1000 km SSO dawn']));
      await tab(page, 'Ground');
      expect(await cut(page, 'table[aria-label="Ground stations"] input, table.data th')).toEqual([]);
      await tab(page, 'Designs');
      expect(await cut(page, '.left select')).toEqual([]);
      await tab(page, 'Shells');
      expect(await cut(page, '.left select, .left .title')).toEqual([]);
      // values as typed: four-digit altitudes (1200, 2000, 1000 km) in the three-column shell grid
      expect(await cut(page, '.left input[type="text"]')).toEqual([]);
      await page.locator('[data-testid="share-button"]').click();
      await page.waitForSelector('[data-testid="share-dialog"]');
      expect(
        await cut(page, '[data-testid="share-dialog"] button, [data-testid="share-dialog"] label, [data-testid="share-dialog"] select'),
      ).toEqual([]);
      await page.screenshot({ path: resolve(SHOTS, `share-${w}.png`) });
      await page.keyboard.press('Escape');
    });
  });
}
