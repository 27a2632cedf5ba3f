/**
 * Planner workspace in Chromium (built app): editing, import of the real catalogue, refusal of
 * bad input, persistence across reload, share links, sampled analysis with progress and cancel.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countPixels, decodePng, openHarness, ROOT, waitFor, type Harness } from './harness';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { defaultScenario, presetScenario } from '../../src/core/presets';
import { runAnalysisJob } from '../../src/core/report/analysisJob';
import { fmtSig } from '../../src/core/format';
import { splitCsvLine } from '../../src/core/csv';
import { PER_SATELLITE_CSV_HEADER } from '../../src/core/report/run';
import type { Scenario } from '../../src/core/scenario/schema';

const DATA = resolve(ROOT, '../shared/data');
const CATALOGUE = resolve(DATA, 'catalog-2022-08-09.tle');
/** Screenshots and files the tests write (ignored by git). */
const SHOTS = resolve(ROOT, 'test-results/workspace');

let h: Harness;

/**
 * Pages other than the first test start from a share link of a small scenario: the default
 * scenario has 1,000,000 satellites, which headless Chromium draws in software at about one
 * frame per second, so every click there waits seconds.
 */
function starlink(patch: Partial<Scenario> = {}): string {
  const s = presetScenario('starlink-72x22');
  if (!s) throw new Error('preset starlink-72x22 missing');
  return `#${encodeShareFragment({ ...s, ...patch })}`;
}

beforeAll(async () => {
  if (!existsSync(CATALOGUE))
    throw new Error(`shared data missing: ${CATALOGUE} not found (the tests read ../shared/data relative to the repository)`);
  h = await openHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

/** Wait until the analytic rollup has been computed for the scenario on screen and return its GW. */
async function rollupGW(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 60_000 });
  await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 60_000);
  return Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
}

async function totalCount(page: Page): Promise<number> {
  return Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));
}

async function openPreset(page: Page, label: string): Promise<void> {
  await page.click('[data-testid="scenarios-menu"]');
  await page.click(`.menu button:has-text("${label}")`);
  await page.waitForSelector('.menu', { state: 'detached' });
}

describe('planner workspace', () => {
  it('editing a shell changes its live count and the capacity rollup; undo restores both', async () => {
    const page = await h.newPage('');
    const gw0 = await rollupGW(page);
    expect(await totalCount(page)).toBe(1_000_000);
    expect(gw0).toBeGreaterThan(0);
    // a fresh load is saved at once and says so (it used to read "Edited" until the first edit)
    await waitFor(
      async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved',
      'first autosave',
      30_000,
    );
    expect(await page.textContent('[data-testid="save-status"]')).toBe('Saved in this browser');
    await page.screenshot({ path: resolve(SHOTS, 'workspace-default.png') });
    // TLE export of a million satellites: the limit is said before anything is written, with a choice.
    // (A million points draw at about one frame per second in software: these clicks go straight to
    // the elements instead of waiting for the frames Playwright's actionability checks need.)
    const press = (sel: string) => page.$eval(sel, (el) => (el as HTMLElement).click());
    await press('[data-testid="export-menu"]');
    const limit = await page.waitForSelector('[data-testid="export-tle-limit"]', { timeout: 60_000 });
    expect(await limit.textContent()).toMatch(/at most 339,999 satellites per file .* this fleet has 1,000,000/);
    expect(await page.textContent('[data-testid="export-tle"]')).toContain('max 339,999');
    await press('[data-testid="export-tle"]');
    const confirm = await page.waitForSelector('[data-testid="export-tle-confirm"][role="alertdialog"]', { timeout: 60_000 });
    expect(await confirm.textContent()).toMatch(/only the first 339,999 of 1,000,000/);
    expect(await page.textContent('[data-testid="export-tle-omm"]')).toMatch(/OMM JSON instead \(all 1,000,000\)/);
    expect(await page.textContent('[data-testid="export-tle-split"]')).toBe('3 TLE files, each numbered from 1');
    await press('[data-testid="export-tle-cancel"]');
    await page.waitForSelector('[data-testid="export-tle-confirm"]', { state: 'detached', timeout: 60_000 });
    expect(await page.locator('[data-testid="progress"]').count()).toBe(0); // nothing started
    await press('[data-testid="export-menu"]');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached', timeout: 60_000 });
    // 500 km shell: 500 planes x 400 -> 500 x 200 satellites
    await page.fill('input[data-field="shells.w500.perPlane"]', '200');
    await waitFor(async () => (await totalCount(page)) === 900_000, 'total 900,000');
    expect(((await page.textContent('[data-testid="count-w500"]')) ?? '').replace(/,/g, '')).toBe('100000');
    const gw1 = await rollupGW(page);
    expect(gw1).toBeLessThan(gw0);
    // Removing 100,000 identical satellites removes exactly their share of the shell's GW: the
    // shell-table figure per satellite stays the same (same orbit planes, same design).
    const t = await page.textContent('[data-shell-row="w500"]');
    expect(t).toContain('100,000');
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await totalCount(page)) === 1_000_000, 'undo back to 1,000,000');
    expect(await rollupGW(page)).toBeCloseTo(gw0, 9);
    await page.keyboard.press('Control+Shift+z');
    await waitFor(async () => (await totalCount(page)) === 900_000, 'redo to 900,000');
    expect(page.errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('works at 2,000,000 satellites with the warning shown, and gives the same gigawatts as the core run in Node', async () => {
    const base = defaultScenario();
    const two: Scenario = {
      ...base,
      name: 'Two million',
      shells: base.shells.map((sh) =>
        sh.kind === 'walker-delta' || sh.kind === 'walker-star'
          ? { ...sh, totalSatellites: sh.totalSatellites * 2 }
          : sh.kind === 'sso-dawn-dusk'
            ? { ...sh, satellitesPerPlane: sh.satellitesPerPlane * 2 }
            : sh,
      ),
    };
    const node = runAnalysisJob(two, []);
    expect(node.fleet.count).toBe(2_000_000);
    const page = await h.newPage(`#${encodeShareFragment(two)}`);
    const gw = await rollupGW(page);
    expect(await totalCount(page)).toBe(2_000_000);
    expect(await page.textContent('[data-testid="count-warning"]')).toMatch(/More than 1,000,000 satellites/);
    // same core, same numbers: the page (analysis worker) and Node agree exactly
    expect(gw).toBe(node.rollup.totals.computeGW);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('a bad field is refused with a message naming it, and never reaches the scenario', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(h.baseUrl + starlink());
    const gw0 = await rollupGW(page);
    const alt = 'input[data-field="shells.starlink.altitudeKm"]';
    await page.fill(alt, '-5');
    // the message sits under the field's label and does not repeat it
    expect(await page.textContent('.field-invalid label')).toBe('Altitude');
    expect(await page.textContent('.field-invalid .field-error')).toBe('must be at least 160 km');
    expect(await page.getAttribute(alt, 'aria-invalid')).toBe('true');
    // the figures on show are marked out of date while a field holds a value that was not applied
    expect(await page.getAttribute('.capacity', 'data-out-of-date')).toBe('true');
    expect(await page.textContent('[data-testid="out-of-date"]')).toMatch(
      /Out of date\. One field holds a value that was not applied \(Altitude\)/,
    );
    await page.fill(alt, '12abc');
    expect(await page.textContent('.field-invalid .field-error')).toBe('must be a number');
    await page.fill(alt, '100');
    expect(await page.textContent('.field-invalid .field-error')).toBe('must be at least 160 km');
    expect(await page.textContent('.field-invalid [data-testid="field-suggest"]')).toBe('Use 160');
    // F must stay below P: the schema's own message comes through
    await page.fill('input[data-field="shells.starlink.phasing"]', '72');
    expect(await page.locator('.field-invalid .field-error').allTextContents()).toContainEqual(
      expect.stringMatching(/F = 72 must be below P = 72/),
    );
    // nothing was committed: no undo step, same rollup, same count
    expect(await page.isDisabled('[data-testid="undo"]')).toBe(true);
    expect(await rollupGW(page)).toBe(gw0);
    expect(await totalCount(page)).toBe(1584);
    // a valid value clears the mark and is applied
    await page.fill(alt, '850');
    await waitFor(async () => (await page.locator(`${alt}[aria-invalid]`).count()) === 0, 'mark cleared');
    expect(await page.isDisabled('[data-testid="undo"]')).toBe(false);
    // T must be a multiple of P = 72: the nearest valid totals are offered, one click applies one
    await page.fill('input[data-field="shells.starlink.phasing"]', '1');
    await waitFor(async () => (await page.locator('[data-testid="out-of-date"]').count()) === 0, 'out-of-date mark cleared');
    const T = 'input[data-field="shells.starlink.totalSatellites"]';
    await page.fill(T, '1600');
    expect(await page.textContent('.field-invalid .field-error')).toBe('T = 1600 is not a multiple of P = 72');
    expect(await page.locator('.field-invalid [data-testid="field-suggest"] button').allTextContents()).toEqual(['Use 1,584', 'Use 1,656']);
    expect(await page.getAttribute('.capacity', 'data-out-of-date')).toBe('true');
    await page.click('.field-invalid [data-testid="field-suggest"] button:has-text("Use 1,656")');
    await waitFor(async () => (await totalCount(page)) === 1656, 'suggested T applied');
    expect(await page.locator('[data-testid="out-of-date"]').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await totalCount(page)) === 1584, 'undo back to 1,584');
    // a share link that is cut short gives a clear message and keeps the saved scenario
    // (same browser profile: the page falls back to the scenario saved above, not the 1M default)
    await waitFor(async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved', 'autosave', 30_000);
    const page2 = await ctx.newPage();
    await page2.goto(`${h.baseUrl}#s=1.q1YqSy0qzszPUbJSMlTSUcpLzE0FMn`);
    const err = await page2.waitForSelector('.message.error', { timeout: 60_000 });
    expect(await err.textContent()).toMatch(/share link: broken .*cut short/);
    // the saved scenario, with the valid edit, is what opens
    expect(await page2.inputValue(alt)).toBe('850');
    // a link from a newer planner, pasted into the open page (same document: hashchange)
    await page2.goto(`${h.baseUrl}#s=9.abc`);
    const newer = await page2.waitForSelector('.message.error:has-text("newer planner")', { timeout: 60_000 });
    expect(await newer.textContent()).toMatch(
      /share link: made by a newer planner \(link format 9, this planner reads 1\); update the planner/,
    );
    expect(await page2.inputValue(alt)).toBe('850');
    expect(pageErrors).toEqual([]);
    await ctx.close();
  }, 300_000);

  it('reload restores the scenario from IndexedDB', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(h.baseUrl + starlink());
    await rollupGW(page);
    await waitFor(async () => (await totalCount(page)) === 1584, 'Starlink preset');
    await page.fill('input[data-field="shells.starlink.altitudeKm"]', '612.5');
    await page.fill('input[data-field="shells.starlink.name"]', 'Edited shell');
    // an invalid value typed just before the reload: refused, but kept as a draft
    await page.fill('input[data-field="shells.starlink.inclinationDeg"]', '200');
    await waitFor(async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved', 'autosave', 20_000);
    await page.reload();
    await page.waitForSelector('input[data-field="shells.starlink.altitudeKm"]', { timeout: 60_000 });
    expect(await page.inputValue('input[data-field="shells.starlink.altitudeKm"]')).toBe('612.5');
    expect(await page.inputValue('input[data-field="shells.starlink.name"]')).toBe('Edited shell');
    expect(await totalCount(page)).toBe(1584);
    const inc = 'input[data-field="shells.starlink.inclinationDeg"]';
    expect(await page.inputValue(inc)).toBe('200');
    expect(await page.getAttribute(inc, 'aria-invalid')).toBe('true');
    expect(await page.textContent('.field-invalid .field-error')).toBe('must be at most 180 deg (kept from before the reload)');
    await page.fill(inc, '53.5');
    await waitFor(async () => (await page.locator(`${inc}[aria-invalid]`).count()) === 0, 'draft replaced by a valid value');
    // the saved list holds it; the default scenario from the first visit is kept too
    await page.click('[data-testid="scenarios-menu"]');
    await page.waitForSelector('[data-testid="saved-scenario"]');
    const rows = await page.locator('[data-testid="saved-scenario"]').allTextContents();
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain('Starlink-like 72x22');
    expect(rows[0]).toContain('1,584 sats');
    await ctx.close();
  });

  it('design and ground-station edits are validated and flow into the rollup', async () => {
    const colossus = presetScenario('colossus-300mw')!;
    const page = await h.newPage(`#${encodeShareFragment(colossus)}`);
    const gw0 = await rollupGW(page);
    // sized like Starcloud (1,600 m^2 of radiator per ~1 MW): installed compute binds
    expect(await page.textContent('[data-testid="binding"]')).toBe('installed compute');
    await page.click('button[role=tab]:has-text("Designs")');
    // the "?" beside a field is a button; it shows the source of the default in plain words
    const help = page.locator('button[aria-label="Help: Cell efficiency"]');
    expect(await help.getAttribute('aria-expanded')).toBe('false');
    await help.focus();
    await page.keyboard.press('Enter');
    expect(await help.getAttribute('aria-expanded')).toBe('true');
    const pop = page.locator(`#${await help.getAttribute('aria-controls')}`);
    expect(await pop.textContent()).toMatch(
      /Triple-junction 0\.298 mean\.Source: the planner's physics notes, “Electrical power”Default: 0\.298 · Range: > 0, ≤ 0\.6/,
    );
    expect(await pop.textContent()).not.toMatch(/PHYSICS\.md|\*assumption\*|m\^2|degC/);
    await page.keyboard.press('Escape');
    expect(await help.getAttribute('aria-expanded')).toBe('false');
    // raw markup of an assumption reads as a tag and a unit
    await page.click('button[aria-label="Help: Area"] >> nth=0');
    expect(await page.textContent('[data-testid="help-pop"]')).toMatch(/^AssumptionArray area, m²\./);
    await page.keyboard.press('Escape');
    const radiator = 'input[data-field="design.starcloud-1mw.radiator.areaM2"]';
    await page.fill(radiator, '-3');
    expect(await page.textContent('.field-invalid .field-error')).toBe('must be above 0 m²');
    // half the radiator: heat now binds and about half the compute can run
    await page.fill(radiator, '800');
    await waitFor(async () => (await rollupGW(page)) < gw0 * 0.6, 'less radiator, less compute', 60_000);
    expect(await page.textContent('[data-testid="binding"]')).toBe('heat rejection');
    // the feasibility report carries the edited figure and the heat finding
    const gwNow = await rollupGW(page);
    await page.click('[data-testid="download-report"]');
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-html"]')]);
    expect(report.suggestedFilename()).toBe('colossus-1-in-orbit-300-mw-report.html');
    const reportPath = join(tmpdir(), `report-${Date.now()}.html`);
    await report.saveAs(reportPath);
    const html = readFileSync(reportPath, 'utf8');
    expect(Number(/data-figure="computeGW" data-value="([^"]+)"/.exec(html)?.[1])).toBe(gwNow);
    expect(html).toContain('Heat-limited shells (radiator too small for the load): 650 km SSO dusk.');
    // the PDF from the page: the same figure, the 3D view as its picture (a JPEG), pages numbered
    await page.click('[data-testid="download-report"]');
    const [pdfDl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="report-pdf"]')]);
    expect(pdfDl.suggestedFilename()).toBe('colossus-1-in-orbit-300-mw-report.pdf');
    const pdfPath = join(tmpdir(), `report-${Date.now()}.pdf`);
    await pdfDl.saveAs(pdfPath);
    const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdfText).toContain(`${fmtSig(gwNow, 4)} GW`);
    expect(pdfText).toMatch(/Page 1 of \d+/);
    expect(pdfText).toContain('The 3D view when the report was made');
    expect(readFileSync(pdfPath).toString('latin1')).toContain('/Filter /DCTDecode');
    // the per-satellite CSV, in slices with progress: header and one row per satellite
    await page.click('[data-testid="download-report"]');
    const [csvDl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="report-csv"]')]);
    const csvPath = join(tmpdir(), `per-sat-${Date.now()}.csv`);
    await csvDl.saveAs(csvPath);
    const rows = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(PER_SATELLITE_CSV_HEADER);
    expect(rows.length).toBe(300 + 1);
    // written as bytes (writePerSatelliteCsvRow): every row has the header's fields, ids in order
    const width = PER_SATELLITE_CSV_HEADER.split(',').length;
    rows.slice(1).forEach((r, i) => {
      expect(splitCsvLine(r)).toHaveLength(width);
      expect(r.startsWith(`${i},`)).toBe(true);
    });
    // ground stations: a latitude out of range is refused in the table
    await page.click('button[role=tab]:has-text("Ground")');
    const lat = page.getByLabel('Station 1 Lat (deg)');
    await lat.fill('95');
    expect(await lat.getAttribute('aria-invalid')).toBe('true');
    expect(await page.textContent('td .field-error')).toBe('Station 1 Lat (deg): must be at most 90 deg');
    await lat.fill('60');
    await waitFor(async () => (await lat.getAttribute('aria-invalid')) === null, 'valid latitude applied');
    await page.selectOption('select:has(option:has-text("Choose a site"))', { label: 'Singapore (1.35, 103.82)' });
    await waitFor(async () => (await page.getByLabel('Station 9 name').inputValue()) === 'Singapore', 'gateway site added');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a click on the globe adds a ground station where the viewer then draws its marker', async () => {
    const s = presetScenario('suncatcher')!;
    const page = await h.newPage(`#${encodeShareFragment({ ...s, groundStations: [] })}`);
    await rollupGW(page);
    await page.click('button[role=tab]:has-text("Ground")');
    const canvas = page.locator('[data-testid="viewer-region"] canvas').first();
    const box = (await canvas.boundingBox())!;
    const x = Math.round(box.x + box.width / 2 + 40);
    const y = Math.round(box.y + box.height / 2 - 30);
    const win = { x: x - 8, y: y - 8, w: 16, h: 16 };
    const orange = (r: number, g: number, b: number) => r > 180 && g > 70 && g < 190 && b < 110;
    const before = countPixels(decodePng(await page.screenshot()), orange, win);
    await page.click('[data-testid="globe-pick"]');
    await page.mouse.click(x, y);
    await waitFor(async () => (await page.locator('table[aria-label="Ground stations"] tbody').count()) === 1, 'station added');
    const lat = Number(await page.getByLabel('Station 1 Lat (deg)').inputValue());
    const lon = Number(await page.getByLabel('Station 1 Lon (deg)').inputValue());
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(await page.getAttribute('[data-testid="globe-pick"]', 'aria-pressed')).toBe('false');
    // the viewer draws the new station's marker (orange) under the click: lat/lon went the right way round
    await waitFor(
      async () => countPixels(decodePng(await page.screenshot()), orange, win) > before + 10,
      'station marker at the click',
      30_000,
      500,
    );
    // the edit is undoable like any other
    await page.click('[data-testid="undo"]');
    await waitFor(async () => (await page.locator('table[aria-label="Ground stations"] tbody').count()) === 0, 'undo removes it');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('keeps several named scenarios: open, duplicate and delete them', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(h.baseUrl + starlink());
    await rollupGW(page);
    await page.fill('input[data-field="shells.starlink.planes"]', '36'); // 36 x 22
    await waitFor(async () => (await totalCount(page)) === 792, 'edited count');
    // switch at once: the edit made just before must still be saved
    await openPreset(page, 'Suncatcher cluster');
    await waitFor(async () => (await totalCount(page)) === 81, 'Suncatcher opened');
    const rows = async () => {
      await page.click('[data-testid="scenarios-menu"]');
      await page.waitForSelector('[data-testid="saved-scenario"]');
      await waitFor(async () => (await page.locator('[data-testid="saved-scenario"]').count()) > 0, 'list');
      return page.locator('[data-testid="saved-scenario"]').allTextContents();
    };
    await waitFor(async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved', 'autosave');
    let list = await rows();
    expect(list.length).toBe(2);
    expect(list.some((r) => r.includes('Starlink-like 72x22') && r.includes('792 sats'))).toBe(true);
    // open the Starlink study again
    await page.click('[data-testid="saved-scenario"]:has-text("Starlink") button:has-text("Open")');
    await waitFor(async () => (await totalCount(page)) === 792, 'Starlink study reopened with its edit');
    // duplicate it: the copy becomes the open scenario
    list = await rows();
    await page.click('[data-testid="saved-scenario"]:has-text("Starlink") button:has-text("Duplicate")');
    await waitFor(
      async () => ((await page.textContent('[data-testid="doc-name"]')) ?? '').includes('Starlink-like 72x22 copy'),
      'copy open',
    );
    await waitFor(async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved', 'autosave of the copy');
    list = await rows();
    expect(list.length).toBe(3);
    // delete the open copy: the most recent other scenario opens
    await page.click('[data-testid="saved-scenario"]:has-text("copy") button:has-text("Delete")');
    await waitFor(async () => !((await page.textContent('[data-testid="doc-name"]')) ?? '').includes('copy'), 'copy closed');
    await page.keyboard.press('Escape');
    list = await rows();
    expect(list.length).toBe(2);
    expect(list.some((r) => r.includes('copy'))).toBe(false);
    await ctx.close();
  });

  it('a share link opens the same scenario in a fresh browser profile', async () => {
    const page = await h.newPage(starlink());
    await rollupGW(page);
    await openPreset(page, 'Suncatcher cluster');
    await waitFor(async () => (await totalCount(page)) === 81, 'Suncatcher preset');
    await page.click('button[role=tab]:has-text("Scenario")');
    await page.fill('input[data-field="scenario.name"]', 'Shared study ✓');
    await page.click('button[role=tab]:has-text("Shells")');
    await page.fill('input[data-field="shells.cluster.altitudeKm"]', '700');
    const gw = await rollupGW(page);
    await page.click('[data-testid="share-button"]');
    const url = await page.inputValue('[data-testid="share-url"]');
    expect(url).toMatch(/#s=1\./);
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await ctx.newPage();
    await other.goto(url);
    await other.waitForSelector('input[data-field="shells.cluster.altitudeKm"]', { timeout: 60_000 });
    expect(await other.inputValue('input[data-field="shells.cluster.altitudeKm"]')).toBe('700');
    expect(await other.textContent('.messages')).toMatch(/Opened the shared scenario "Shared study ✓"/);
    expect(await other.textContent('[data-testid="doc-name"]')).toContain('Shared study ✓');
    expect(await rollupGW(other)).toBe(gw);
    await ctx.close();
    await page.close();
  });

  it('saves the scenario to a JSON file and opens it again; a broken file is refused with the field named', async () => {
    const page = await h.newPage(starlink());
    await rollupGW(page);
    await page.fill('input[data-field="shells.starlink.inclinationDeg"]', '70');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Save file")')]);
    expect(download.suggestedFilename()).toBe('Starlink-like-72x22.scenario.json');
    const saved = resolve(SHOTS, 'saved.scenario.json');
    await download.saveAs(saved);
    const doc = JSON.parse(readFileSync(saved, 'utf8'));
    expect(doc.shells[0].inclinationDeg).toBe(70);
    // a broken copy: altitude below the schema's minimum, and one that is not JSON
    const broken = resolve(SHOTS, 'broken.scenario.json');
    writeFileSync(broken, JSON.stringify({ ...doc, shells: [{ ...doc.shells[0], altitudeKm: 90 }] }));
    await page.setInputFiles('[data-testid="open-scenario-input"]', broken);
    const err = await page.waitForSelector('.message.error', { timeout: 60_000 });
    expect(await err.textContent()).toMatch(
      /broken\.scenario\.json:\s*shells\[0\]\.altitudeKm: altitude below 160 km[\s\S]*Nothing was changed/,
    );
    expect(await page.inputValue('input[data-field="shells.starlink.inclinationDeg"]')).toBe('70');
    // the good file opens as a new saved scenario with the same content
    await page.fill('input[data-field="shells.starlink.inclinationDeg"]', '53');
    await page.setInputFiles('[data-testid="open-scenario-input"]', saved);
    await waitFor(
      async () => (await page.inputValue('input[data-field="shells.starlink.inclinationDeg"]')) === '70',
      'file reopened',
      60_000,
    );
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a dropped element file opens the import report with rejected lines and reasons before anything is applied', async () => {
    // four real records, the second with its line-2 checksum digit changed and the fourth cut short
    const lines = readFileSync(CATALOGUE, 'utf8').split('\n').slice(0, 8);
    const last = lines[3].slice(-1);
    lines[3] = lines[3].slice(0, -1) + (last === '0' ? '1' : '0');
    lines[6] = lines[6].slice(0, 30);
    const text = `${lines.join('\n')}\n`;
    const page = await h.newPage(starlink());
    await rollupGW(page);
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.tle', { type: 'text/plain' }));
      const target = document.querySelector('.app')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="import-accepted"]')).toBe('2');
    expect(await page.textContent('[data-testid="import-rejected"]')).toBe('2');
    const rows = await page.locator('.reject-list tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^4\s*bad checksum/);
    expect(rows[1]).toMatch(/^7\s*line 1 wrong length/);
    expect(await totalCount(page)).toBe(1584);
    // accepting bad checksums re-reads the file: 3 accepted, 1 warning
    await page.check('text=Accept records with wrong TLE checksums');
    await waitFor(
      async () => (await page.textContent('[data-testid="import-accepted"]')) === '3',
      'checksum accepted with a warning',
      60_000,
    );
    expect(await page.textContent('[data-testid="import-warnings"]')).toBe('1');
    await page.click('[data-testid="import-apply"]');
    await waitFor(async () => (await totalCount(page)) === 1587, 'three satellites added', 60_000);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('imports the real catalogue through the file input, reports its counts, then adds it', async () => {
    const text = readFileSync(CATALOGUE, 'utf8');
    const records = text.split('\n').filter((l) => l.startsWith('1 ')).length; // independent count of TLE line 1s
    expect(records).toBe(25_975);
    const page = await h.newPage(starlink());
    await rollupGW(page);
    await waitFor(async () => (await totalCount(page)) === 1584, 'Starlink preset');
    await page.click('button:has-text("Import elements")');
    await page.setInputFiles('[data-testid="import-file-input"]', CATALOGUE);
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    const num = async (id: string) => Number(((await page.textContent(`[data-testid="${id}"]`)) ?? '').replace(/,/g, ''));
    const accepted = await num('import-accepted');
    const rejected = await num('import-rejected');
    expect(accepted + rejected).toBe(records);
    expect(accepted).toBe(25_975);
    expect(rejected).toBe(0);
    expect(await page.textContent('[data-testid="import-report"]')).toContain('TLE');
    // nothing applied yet
    expect(await totalCount(page)).toBe(1584);
    await page.screenshot({ path: resolve(SHOTS, 'workspace-import-report.png') });
    await page.click('[data-testid="import-apply"]');
    await waitFor(async () => (await totalCount(page)) === 1584 + accepted, 'catalogue added to the total', 60_000);
    const gw = await rollupGW(page);
    expect(gw).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="shell-table"]')).toContain('25,975');
    await page.screenshot({ path: resolve(SHOTS, 'workspace-imported.png') });
    // export the whole fleet (generated shell + catalogue) as OMM CSV: one row per satellite, in fleet order
    await page.click('[data-testid="export-menu"]');
    await page.screenshot({ path: resolve(SHOTS, 'workspace-export-menu.png') });
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-omm-csv"]')]);
    expect(dl.suggestedFilename()).toMatch(/-elements\.csv$/);
    const csvPath = join(tmpdir(), `elements-${Date.now()}.csv`);
    await dl.saveAs(csvPath);
    const rows = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(rows[0].startsWith('OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION')).toBe(true);
    expect(rows.length - 1).toBe(1584 + accepted);
    expect(rows[1].startsWith('Starlink 550/53-P1-S1,')).toBe(true);
    expect(rows[1585]).toMatch(/^NORAD 5,1958-002B,2022-08-09T/); // first catalogue object after the 1,584 generated ones
    await waitFor(
      async () => /Exported 27,559 of 27,559 satellites as OMM CSV/.test((await page.textContent('.messages')) ?? ''),
      'export message',
    );
    // the element text is part of the saved scenario: a reload parses it again (import worker)
    await waitFor(
      async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'saved',
      'autosave of the imported shell',
      60_000,
    );
    await page.reload();
    await waitFor(async () => (await totalCount(page).catch(() => 0)) === 1584 + accepted, 'imported shell restored after reload', 90_000);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('sampled analysis shows progress, keeps the page responsive, can be cancelled; a finished run labels figures sampled', async () => {
    // a week at 30 s steps (20,160 steps): long enough to watch and cancel
    const page = await h.newPage(starlink({ window: { start: '2026-03-20T12:00:00Z', durationMin: 10080, stepS: 30 } }));
    await rollupGW(page);
    await page.click('[data-testid="run-sampled"]');
    const bar = await page.waitForSelector('[data-testid="progress"] [role="progressbar"]', { timeout: 60_000 });
    await waitFor(async () => Number(await bar.getAttribute('aria-valuenow')) > 0, 'progress above 0', 120_000, 200);
    await page.screenshot({ path: resolve(SHOTS, 'workspace-sampled-progress.png') });
    // responsive: the main thread answers quickly between steps
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const rafMs = Date.now() - t0;
    expect(rafMs).toBeLessThan(5000);
    await page.click('[data-testid="cancel-task"]');
    await page.waitForSelector('[data-testid="progress"]', { state: 'detached', timeout: 30_000 });
    expect(await page.textContent('.messages')).toMatch(/cancelled/);
    expect(await page.textContent('[data-testid="rollup-mode"]')).toBe('analytic');

    // the preset's own window: one orbit at 30 s steps
    await openPreset(page, 'Starlink-like 72x22');
    await waitFor(async () => (await totalCount(page)) === 1584, 'Starlink preset');
    await rollupGW(page);
    await page.click('[data-testid="run-sampled"]');
    await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);
    const gw = Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
    expect(gw).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(SHOTS, 'workspace-sampled-done.png') });
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
