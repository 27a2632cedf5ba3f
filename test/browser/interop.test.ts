/**
 * Interoperability in the page (issue 18): satellite search on the real catalogue imported (by
 * name, number and designator, keyboard only), deep links (?preset=, #sat=) valid and invalid,
 * the theme following prefers-color-scheme (emulated) with a kept override, and focus handling of
 * every pop-up (focus in, Tab stays in, Escape closes, focus back to the opener).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, ROOT, waitFor, type Harness } from './harness';

const CATALOGUE = resolve(ROOT, '../shared/data/catalog-2022-08-09.tle');
const SHOTS = resolve(ROOT, 'test-results/interop');

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

async function totalCount(page: Page): Promise<number> {
  return Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));
}
const messages = async (page: Page) => (await page.textContent('[data-testid="messages"]')) ?? '';
const inspectorId = async (page: Page) => Number(await page.getAttribute('[data-testid="inspector"]', 'data-sat-id'));
const activeTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('satellite search on the real catalogue', () => {
  it('finds a catalogue object by number, name and designator with the keyboard; the inspector shows it', async () => {
    // The catalogue is 2-line TLEs without names: give NORAD 25544 (ISS, 1998-067A) its name line, as a 3-line file has.
    const text = readFileSync(CATALOGUE, 'utf8');
    const line1s = text.split('\n').filter((l) => l.startsWith('1 '));
    expect(line1s.length).toBe(25_975);
    const issIndex = line1s.findIndex((l) => l.startsWith('1 25544U'));
    const named = join(tmpdir(), `catalogue-named-${process.pid}.tle`);
    writeFileSync(named, text.replace(/^(1 25544U)/m, 'ISS (ZARYA)\n$1'));

    const page = await h.newPage('?preset=starlink-72x22');
    await waitFor(async () => (await totalCount(page)) === 1584, 'Starlink preset from the link');
    await page.click('button:has-text("Import elements")');
    await page.setInputFiles('[data-testid="import-file-input"]', named);
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    await page.click('[data-testid="import-apply"]');
    await waitFor(async () => (await totalCount(page)) === 1584 + 25_975, 'catalogue added', 60_000);
    const issId = 1584 + issIndex;

    // '/' focuses the search from the page
    await page.focus('[data-testid="constellation-view"]');
    await page.keyboard.press('/');
    expect(await activeTestId(page)).toBe('sat-search-input');
    // by number: the exact catalogue number is the first option
    await page.keyboard.type('25544');
    await page.waitForSelector('[data-testid="sat-search-option"]');
    const first = await page.textContent('[data-testid="sat-search-option"]');
    expect(first).toContain('ISS (ZARYA)');
    expect(first).toContain('NORAD 25544');
    expect(first).toContain('1998-067A');
    await page.screenshot({ path: resolve(SHOTS, 'search-number.png') });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await inspectorId(page)) === issId, 'inspector on the ISS');
    expect(await page.textContent('[data-testid="inspector"]')).toContain('ISS (ZARYA)');
    await page.screenshot({ path: resolve(SHOTS, 'search-selected.png') });

    // by name (part of it), moving with the arrows: the first option is the ISS, Arrow Down then Up comes back to it
    await page.keyboard.press('Escape'); // closes nothing (list closed), clears the field
    await page.keyboard.press('Escape');
    await page.click('[data-testid="sat-search-input"]');
    await page.keyboard.type('zarya');
    await page.waitForSelector('[data-testid="sat-search-option"]');
    expect(await page.textContent('[data-testid="sat-search-option"]')).toContain('ISS (ZARYA)');
    await page.keyboard.press('Escape'); // list closes
    expect(await page.$('[data-testid="sat-search-list"]')).toBeNull();
    await page.fill('[data-testid="sat-search-input"]', '');
    // a catalogue object without a name goes by "NORAD <n>"; pick the second option with the arrows
    await page.keyboard.type('NORAD 1');
    await page.waitForSelector('[data-testid="sat-search-option"]');
    const ids = await page.$$eval('[data-testid="sat-search-option"]', (els) => els.map((e) => Number(e.getAttribute('data-id'))));
    expect(ids.length).toBe(8);
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute(`[data-testid="sat-search-option"][data-id="${ids[1]}"]`, 'aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await inspectorId(page)) === ids[1], 'inspector on the second option');

    // by designator, TLE form, and tapping the option (pointer) instead of Enter
    await page.fill('[data-testid="sat-search-input"]', '98067A');
    await page.waitForSelector('[data-testid="sat-search-option"]');
    await page.click(`[data-testid="sat-search-option"][data-id="${issId}"]`);
    await waitFor(async () => (await inspectorId(page)) === issId, 'inspector on the ISS by designator');

    // a generated satellite by its name
    await page.fill('[data-testid="sat-search-input"]', 'Starlink 550/53-P3-S7');
    await page.waitForSelector('[data-testid="sat-search-option"]');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await inspectorId(page)) === 2 * 22 + 6, 'inspector on P3-S7');
    // nothing found says so
    await page.fill('[data-testid="sat-search-input"]', 'no such satellite');
    await waitFor(async () => /No satellite matches/.test((await page.textContent('[data-testid="sat-search-list"]')) ?? ''), 'no match');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe('deep links', () => {
  it('?preset= opens the preset and #sat= selects a satellite; the address bar is cleaned', async () => {
    const page = await h.newPage('?preset=suncatcher#sat=3');
    await waitFor(async () => (await totalCount(page)) === 81, 'Suncatcher preset');
    await waitFor(async () => (await inspectorId(page)) === 3, 'satellite 3 selected from the link');
    expect(await page.evaluate(() => location.search + location.hash)).toBe('');
    expect(await messages(page)).toContain('Opened the preset "Suncatcher cluster');
    // a #sat= pasted into the open page selects by name
    await page.evaluate(() => {
      location.hash = `sat=${encodeURIComponent('Suncatcher cluster-P2-S5')}`;
    });
    await waitFor(async () => (await inspectorId(page)) === 9 + 4, 'P2-S5 selected from the pasted link');
    expect(await page.textContent('[data-testid="inspector"]')).toContain('Suncatcher cluster-P2-S5');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a link that names nothing says why: unknown preset -> the default scenario; unknown satellite -> no selection', async () => {
    const page = await h.newPage('?preset=no-such-preset');
    await waitFor(async () => /does not have/.test(await messages(page)), 'unknown preset message');
    const m = await messages(page);
    expect(m).toContain('The link asks for the preset "no-such-preset", which this planner does not have');
    expect(m).toContain('orbital-compute-1m, suncatcher, starlink-72x22, colossus-300mw');
    expect(await page.textContent('[data-testid="doc-name"]')).toContain('Orbital compute 1M');
    await page.close();

    const p2 = await h.newPage('?preset=starlink-72x22#sat=no%20such%20satellite');
    await waitFor(async () => /was not found/.test(await messages(p2)), 'unknown satellite message', 60_000);
    expect(await messages(p2)).toContain(
      'The link\'s satellite "no such satellite" was not found: no satellite in this scenario is called',
    );
    expect(await p2.$('[data-testid="inspector"]:not(.ocv-hover)')).toBeNull();
    await p2.close();
  });
});

describe('theme', () => {
  const themeOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
  it('follows prefers-color-scheme until chosen; dark without a preference; the choice is kept', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const page = await ctx.newPage();
    await page.goto(`${h.baseUrl}?preset=starlink-72x22`);
    await waitFor(async () => (await themeOf(page)) === 'light', 'light theme from the system');
    expect(await page.inputValue('[data-testid="theme-choice"]')).toBe('system');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: resolve(SHOTS, 'theme-light.png') });
    // the system turns dark: the page follows
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitFor(async () => (await themeOf(page)) === 'dark', 'dark theme from the system');
    await page.emulateMedia({ colorScheme: 'no-preference' });
    await waitFor(async () => (await themeOf(page)) === 'dark', 'dark without a preference');
    // choose Light: kept across a reload even with a dark system
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.selectOption('[data-testid="theme-choice"]', 'light');
    await waitFor(async () => (await themeOf(page)) === 'light', 'chosen light');
    await page.reload();
    await waitFor(async () => (await themeOf(page)) === 'light', 'chosen light after reload');
    expect(await page.inputValue('[data-testid="theme-choice"]')).toBe('light');
    // back to Auto: follows the (dark) system again
    await page.selectOption('[data-testid="theme-choice"]', 'system');
    await waitFor(async () => (await themeOf(page)) === 'dark', 'auto again');
    await page.screenshot({ path: resolve(SHOTS, 'theme-dark.png') });
    await ctx.close();
  });
});

describe('pop-up focus', () => {
  /** Open with the keyboard, check focus is inside and stays inside over Tab presses, Escape closes and focus returns. */
  async function check(page: Page, opener: string, popup: string, tabs = 6) {
    await page.focus(opener);
    await page.keyboard.press('Enter');
    await page.waitForSelector(popup);
    const inside = () => page.evaluate((sel) => !!document.querySelector(sel)?.contains(document.activeElement), popup);
    await waitFor(inside, `focus inside ${popup}`);
    for (let k = 0; k < tabs; k++) {
      await page.keyboard.press(k % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await inside(), `${popup}: focus left the pop-up after ${k + 1} Tab presses`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.$(popup)) === null, `${popup} closed by Escape`);
    expect(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), opener), `focus back on ${opener}`).toBe(
      true,
    );
  }

  it('every dialog and menu traps focus, closes on Escape and gives focus back', async () => {
    const page = await h.newPage('?preset=suncatcher');
    await waitFor(async () => (await totalCount(page)) === 81, 'Suncatcher preset');
    await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 60_000 });
    await check(page, '[data-testid="scenarios-menu"]', '.menu[aria-label="Saved scenarios"]');
    await check(page, '[data-testid="export-menu"]', '[data-testid="export-dialog"]');
    await check(page, '[data-testid="share-button"]', '[data-testid="share-dialog"]');
    await check(page, '[data-testid="trade-button"]', '[data-testid="trade-dialog"]');
    await check(page, '[data-testid="download-report"]', '[data-testid="report-menu"]', 4);
    await check(page, '[data-testid="import-elements"]', '[data-testid="import-dialog"]');
    await check(page, '[data-testid="capture-toggle"]', '.ocv-capture-panel');
    await check(page, '[data-testid="layers-button"]', '[data-testid="layers"]');
    await check(page, '[data-testid="help-button"]', '[data-testid="help"]', 3);
    // the report menu's items are reached with the arrows
    await page.focus('[data-testid="download-report"]');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await activeTestId(page)) === 'report-pdf', 'first report item focused');
    await page.keyboard.press('ArrowDown');
    expect(await activeTestId(page)).toBe('report-html');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await activeTestId(page)).toBe('report-csv');
    await page.keyboard.press('Escape');
    expect(page.errors).toEqual([]);
    await page.close();
  }, 400_000);
});

describe('sources of defaults', () => {
  it('reachable by keyboard and by touch, not only as hover titles', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${h.baseUrl}?preset=suncatcher`);
    await page.waitForSelector('[data-testid="total-count"]');
    // keyboard: the ground-station table's Mask column says where its 25 deg default comes from
    await page.click('#tabbtn-stations');
    const mask = 'th.col-head:has-text("Mask") button[data-testid="help-mark"]';
    await page.focus(mask);
    await page.keyboard.press('Enter');
    await waitFor(async () => /Starlink gateway mask/.test((await page.textContent('th.col-head:has-text("Mask")')) ?? ''), 'Mask help');
    expect(await page.getAttribute(mask, 'aria-expanded')).toBe('true');
    await page.screenshot({ path: resolve(SHOTS, 'source-mask.png') });
    await page.keyboard.press('Escape');
    expect(await page.getAttribute(mask, 'aria-expanded')).toBe('false');
    // touch: a design field's "?" (tap) shows its source
    await page.tap('#tabbtn-designs');
    const first = page.locator('.tab-body button[data-testid="help-mark"]').first();
    await first.tap();
    await waitFor(async () => (await page.$('.tab-body [data-testid="help-pop"]')) !== null, 'design field help by touch');
    expect(await page.textContent('.tab-body [data-testid="help-pop"]')).toMatch(/\S/);
    // the capacity panel's explanations are buttons too (no title-only text left there)
    expect(await page.$$eval('.capacity dt[title]', (els) => els.length)).toBe(0);
    const out = page.locator('.capacity dt:has-text("Out by radiation") button[data-testid="help-mark"]');
    await out.tap();
    await waitFor(
      async () => /keep-out/.test((await page.textContent('[data-testid="feasibility-stats"]')) ?? ''),
      'capacity help by touch',
    );
    await ctx.close();
  }, 120_000);
});

describe('OMM KVN in the page', () => {
  it('Export ▾ writes OMM KVN and the import dialog reads every satellite back (values: omm-kvn.test.ts)', async () => {
    const page = await h.newPage('?preset=suncatcher');
    await waitFor(async () => (await totalCount(page)) === 81, 'Suncatcher preset');
    await page.click('[data-testid="export-menu"]');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-omm-kvn"]')]);
    expect(dl.suggestedFilename()).toMatch(/-elements\.kvn$/);
    const path = join(tmpdir(), `suncatcher-${process.pid}.kvn`);
    await dl.saveAs(path);
    const text = readFileSync(path, 'utf8');
    // independent count: one CCSDS_OMM_VERS line per message
    expect(text.split('\n').filter((l) => l.startsWith('CCSDS_OMM_VERS')).length).toBe(81);
    expect(text).toContain('OBJECT_NAME         = Suncatcher cluster-P1-S1\n');
    await page.click('[data-testid="import-elements"]');
    await page.setInputFiles('[data-testid="import-file-input"]', path);
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="import-report"]')).toContain('OMM KVN');
    expect(await page.textContent('[data-testid="import-accepted"]')).toBe('81');
    await page.click('[data-testid="import-apply"]');
    await waitFor(async () => (await totalCount(page)) === 162, 'imported KVN added');
    expect(page.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
