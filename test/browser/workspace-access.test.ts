/**
 * Planner workspace in Chromium (built app), the paths a new user meets first: the keyboard path
 * to the main controls (skip links, the 3D view with focus, satellite stepping, Play's name), the
 * planner without IndexedDB (autosave off, and why), and hostile files through Open and the
 * import dialog (test/fixtures/hostile/: clear messages naming the field or line, nothing applied).
 * One small scenario (Suncatcher, 81 satellites) and one page per browser context.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openHarness, ROOT, waitFor, type Harness } from './harness';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { presetScenario } from '../../src/core/presets';

const HOSTILE = resolve(ROOT, 'test/fixtures/hostile');
const SHOTS = resolve(ROOT, 'test-results/workspace');
let h: Harness;
const small = () => `#${encodeShareFragment(presetScenario('suncatcher')!)}`;

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 60_000 });
}
const total = async (page: Page) => Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}|${el.getAttribute('data-testid') ?? ''}|${el.textContent?.trim().slice(0, 40) ?? ''}` : '';
  });

describe('keyboard and storage', () => {
  it('reaches the main controls by keyboard: skip links, the 3D view with focus, [ and ] through satellites, Play/Pause', async () => {
    const page = await h.newPage(small());
    await ready(page);
    // the first Tab lands on the skip links, not ~100 stops away
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button||Skip to the 3D view');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^div\|constellation-view\|/);
    // the view shows that it has focus (outline), so its shortcuts are discoverable
    const outline = await page.$eval('[data-testid="constellation-view"]', (el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press(']');
    await waitFor(async () => (await page.getAttribute('[data-testid="inspector"]', 'data-sat-id')) === '0', 'first satellite selected');
    await page.keyboard.press(']');
    await waitFor(async () => (await page.getAttribute('[data-testid="inspector"]', 'data-sat-id')) === '1', 'next satellite');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await waitFor(async () => (await page.getAttribute('[data-testid="inspector"]', 'data-sat-id')) === '80', 'wraps to the last of 81');
    await page.screenshot({ path: resolve(SHOTS, 'access-inspector.png') });
    // skip to the time controls: Play's accessible name is a word, and it follows the state
    // back to the top of the page: focusing the body restarts the tab order there
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
    });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button||Skip to the time controls');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^button\|play-pause\|/);
    const name0 = await page.getAttribute('[data-testid="play-pause"]', 'aria-label');
    expect(['Play', 'Pause']).toContain(name0);
    await page.keyboard.press('Enter');
    await waitFor(
      async () => (await page.getAttribute('[data-testid="play-pause"]', 'aria-label')) === (name0 === 'Play' ? 'Pause' : 'Play'),
      'play toggled by keyboard',
    );
    // the hidden file input of Open is not a tab stop; the field help marks are
    expect(await page.getAttribute('[data-testid="open-scenario-input"]', 'tabindex')).toBe('-1');
    const help = page.locator('[data-testid="help-mark"]').first();
    expect(await help.evaluate((el) => el.tagName)).toBe('BUTTON');
    expect(await help.getAttribute('tabindex')).toBeNull();
    // the Station camera names the station it shows
    await page.click('[data-testid="station-button"]');
    await waitFor(async () => /^Station: \S/.test((await page.textContent('[data-testid="station-button"]')) ?? ''), 'station named');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('without IndexedDB the planner works and says that autosave is off, and why', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(h.baseUrl + small());
    await ready(page);
    await waitFor(async () => (await page.getAttribute('[data-testid="save-status"]', 'data-status')) === 'off', 'autosave off', 30_000);
    expect(await page.textContent('[data-testid="save-status"]')).toMatch(/^Autosave off: this browser offers no IndexedDB storage here/);
    const msg = await page.waitForSelector('.message.warning:has-text("Autosave is off")');
    expect(await msg.textContent()).toMatch(
      /this browser offers no IndexedDB storage here\. Use "Save file" to keep your work\. The planner works/,
    );
    // editing still works, and the status stays honest (off, not "Saved")
    await page.fill('input[data-field="shells.cluster.satellitesPerPlane"]', '4');
    await waitFor(async () => (await total(page)) === 36, 'edit applied');
    expect(await page.getAttribute('[data-testid="save-status"]', 'data-status')).toBe('off');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('hostile files through Open and the import dialog', () => {
  it('refuses each with a message naming the field or line, and applies nothing', async () => {
    const page = await h.newPage(small());
    await ready(page);
    const name0 = await page.textContent('[data-testid="doc-name"]');
    const open = async (file: string) => {
      await page.evaluate(() => {
        for (const b of document.querySelectorAll<HTMLButtonElement>('.message button[aria-label="Dismiss message"]')) b.click();
      });
      await page.setInputFiles('[data-testid="open-scenario-input"]', resolve(HOSTILE, file));
      return (await page.waitForSelector(`.message:has-text("${file}")`, { timeout: 30_000 })).textContent();
    };
    const refused: Array<[string, RegExp]> = [
      ['deep-nesting.json', /shells\[0\]: must be an object, not a list/],
      ['billion-satellites.json', /shells: 1,000,000,000 satellites in total, more than the 4,000,000 the planner can hold/],
      ['future-version.json', /version: 99 is newer than this planner understands \(\d+\); update the planner/],
      ['missing-name.json', /shells\[0\]\.name: a name is required\nshells\[1\]\.kind: "halo-orbit" is not a known kind/],
      ['truncated.json', /not valid JSON/],
    ];
    for (const [file, re] of refused) {
      const text = await open(file);
      expect(text, file).toMatch(new RegExp(`^Could not open ${file.replace('.', '\\.')}:`));
      expect(text, file).toMatch(re);
      expect(text, file).toMatch(/Nothing was changed\./);
      expect(text, file).not.toMatch(/Invalid input|expected \w+, received/);
      expect(await page.textContent('[data-testid="doc-name"]'), file).toBe(name0);
    }
    // a huge array (made here to keep the corpus small): 10,001 ground stations, refused by count
    const base = JSON.parse(readFileSync(resolve(HOSTILE, 'unknown-fields.json'), 'utf8'));
    const station = { name: 'S', latDeg: 0, lonDeg: 0, altitudeKm: 0, minElevationDeg: 25 };
    const huge = JSON.stringify({ ...base, groundStations: Array.from({ length: 10_001 }, (_, k) => ({ ...station, name: `S${k}` })) });
    await page.setInputFiles('[data-testid="open-scenario-input"]', {
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.from(huge),
    });
    await page.waitForSelector('.message:has-text("huge.json")');
    expect(await page.textContent('.message:has-text("huge.json")')).toMatch(
      /groundStations: at most 10,000 entries \(this one has 10,001\)/,
    );
    expect(await page.textContent('[data-testid="doc-name"]')).toBe(name0);
    // unknown fields: opened, and the fields dropped are named
    await open('unknown-fields.json');
    await page.waitForSelector('.message.warning:has-text("unknown to this planner")');
    expect(await page.textContent('.message.warning:has-text("unknown to this planner")')).toMatch(
      /2 fields unknown to this planner were ignored: shells\[0\]\.thrusters, colourScheme/,
    );
    expect(await page.textContent('[data-testid="doc-name"]')).toMatch(/^Unknown fields/);
    // names with markup are text, never markup
    await open('markup-names.json');
    await waitFor(async () => /Markup/.test((await page.textContent('[data-testid="doc-name"]')) ?? ''), 'markup scenario opened');
    expect(await page.textContent('[data-testid="doc-name"]')).toContain('<img src=x onerror="window.__pwned=1">Markup');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.app img[src="x"], .app b:has-text("bold")').count()).toBe(0);

    // broken element files through the import dialog: each bad record named by line and reason; nothing applied
    const before = await total(page);
    await page.click('button:has-text("Import elements")');
    for (const [file, lines] of [
      ['broken-elements.tle', [/^2\s*bad checksum on line 1/, /^5\s*bad checksum on line 1/, /^8\s*line 1 not followed by line 2/]],
      ['broken-omm.json', [/^1\s*epoch unparsable: 'not a date'/, /^2\s*missing field EPOCH/]],
    ] as const) {
      await page.setInputFiles('[data-testid="import-file-input"]', resolve(HOSTILE, file));
      await waitFor(async () => (await page.textContent('[data-testid="import-rejected"]')) === String(lines.length), `${file} rejects`);
      expect(await page.textContent('[data-testid="import-accepted"]')).toBe('0');
      const rows = await page.locator('.reject-list tbody tr').allTextContents();
      for (let k = 0; k < lines.length; k++) expect(rows[k], file).toMatch(lines[k]);
      expect(await page.isDisabled('[data-testid="import-apply"]')).toBe(true);
    }
    expect(await page.locator('.reject-list img, .reject-list b').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await total(page)).toBe(before);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
