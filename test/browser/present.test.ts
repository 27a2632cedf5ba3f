/**
 * Presentations (issue 12) in Chromium: the embed in a plain host page on another origin (a second
 * local HTTP server) with its own scenario from a share link, trusted and untrusted origins,
 * ocv:loadScenario with bad input, names with markup, PNG at 2x / 4x, a WebM clip, and the
 * standalone file from file:// with every network request refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { parseElements } from '../../src/core/elements';
import { presetScenario } from '../../src/core/presets';
import type { Scenario } from '../../src/core/scenario/schema';
import { readWebmInfo } from '../../src/app/capture/webm';
import { countPixels, decodePng, freePort, openHarness, ROOT, waitFor, type Harness } from './harness';

const T0 = '2026-03-20T12:00:00Z';
const MARKUP_NAME = '<img src=x onerror="document.title=1"><b>Talk</b> & "slides"';

/** A small custom scenario: the 81-satellite Suncatcher cluster plus a 400-satellite Walker shell, renamed. */
function customScenario(): Scenario {
  const s = structuredClone(presetScenario('suncatcher')!);
  s.name = MARKUP_NAME;
  s.shells.push({
    id: 'talk-walker',
    name: '<i>550 km</i> shell',
    designId: s.designs[0].id,
    kind: 'walker-delta',
    enabled: true,
    altitudeKm: 550,
    inclinationDeg: 53,
    totalSatellites: 400,
    planes: 20,
    phasing: 1,
    eccentricity: 0,
    raanOffsetDeg: 0,
    argPerigeeDeg: 0,
  } as Scenario['shells'][number]);
  return s;
}

/** The host page: plain HTML on its own origin, no CSP, one iframe; `ask` sends a command and waits for the reply. */
const HOST_HTML =
  `<!doctype html><html><head><title>host</title></head><body style="margin:0;background:#222">
<iframe id="v" style="width:960px;height:540px;border:0" allow="fullscreen"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.type && e.data.type !== 'ocv:reply') window.events.push({ type: ` +
  `e.data.type, origin: e.origin, data: e.data }); });
  window.ask = (msg, timeoutMs = 10000) => new Promise((resolve) => {
    const id = 'r' + Math.random();
    const f = document.getElementById('v');
    const t = setTimeout(() => { removeEventListener('message', on); resolve({ timeout: true }); }, timeoutMs);
    const on = (e) => {
      if (e.source === f.contentWindow && e.data && e.data.type === 'ocv:reply' && e.data.requestId === id) {
        clearTimeout(t); removeEventListener('message', on);
        if (!(e.data.result instanceof Blob)) { resolve(e.data); return; }
        // A clip: its bytes (base64) and what a <video> element of the host page makes of it.
        const blob = e.data.result;
        const v = document.createElement('video');
        v.muted = true;
        v.onloadedmetadata = async () => {
          const buf = new Uint8Array(await blob.arrayBuffer());
          let bin = '';
          for (let i = 0; i < buf.length; i += 32768) bin += String.fromCharCode(...buf.subarray(i, i + 32768));
          resolve({ ok: true, result: { type: blob.type, base64: btoa(bin), videoDuration: v.duration, width: v.videoWidth, height: ` +
  `v.videoHeight } });
        };
        v.onerror = () => resolve({ ok: false, error: 'the host page cannot play the clip' });
        v.src = URL.createObjectURL(blob);
      }
    };
    addEventListener('message', on);
    f.contentWindow.postMessage(Object.assign({}, msg, { requestId: id }), '*');
  });
  window.blobBytes = async (b) => Array.from(new Uint8Array(await b.arrayBuffer()));
</script></body></html>`;

describe('presentations: embed on another origin, snapshots, clips', () => {
  let h: Harness;
  let hostServer: Server;
  let hostOrigin: string;
  let host: Page;
  let viewerOrigin: string;
  let frame: Frame;

  const ask = async <T = unknown>(msg: Record<string, unknown>, timeoutMs = 10_000) =>
    (await host.evaluate(([m, t]) => (window as unknown as { ask: (m: unknown, t: number) => Promise<unknown> }).ask(m, t), [
      msg,
      timeoutMs,
    ] as const)) as {
      ok?: boolean;
      result?: T;
      error?: string;
      timeout?: boolean;
    };

  beforeAll(async () => {
    h = await openHarness();
    viewerOrigin = new URL(h.baseUrl).origin;
    const port = await freePort();
    hostServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HOST_HTML);
    });
    await new Promise<void>((r) => hostServer.listen(port, '127.0.0.1', () => r()));
    hostOrigin = `http://127.0.0.1:${port}`;
    expect(hostOrigin).not.toBe(viewerOrigin);
    host = await h.browser.newPage({ viewport: { width: 1000, height: 600 } });
    await host.goto(`${hostOrigin}/`);
    const src =
      `${h.baseUrl}embed.html?paused=1&t=${T0}&aa=0&analysis=0&origins=${encodeURIComponent(hostOrigin)}` +
      `#${encodeShareFragment(customScenario())}`;
    await host.evaluate((s) => {
      (document.getElementById('v') as HTMLIFrameElement).src = s;
    }, src);
    frame = await waitFor(() => host.frames().find((f) => f.url().startsWith(h.baseUrl)), 'the viewer frame');
  });

  afterAll(async () => {
    await host?.close();
    await new Promise<void>((r) => (hostServer ? hostServer.close(() => r()) : r()));
    await h?.close();
  });

  it('shows the custom scenario from the share link; a trusted host gets answers and events', async () => {
    const st = await waitFor(async () => {
      const r = await ask<{ satellites: number; scenarioName: string }>({ type: 'ocv:getState' });
      return r.ok && r.result!.satellites === 481 ? r.result! : null;
    }, '481 satellites drawn');
    expect(st.scenarioName).toBe(MARKUP_NAME);
    const events = (await host.evaluate('window.events')) as Array<{ type: string; origin: string }>;
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ocv:ready', 'ocv:scenario']));
    for (const e of events) expect(e.origin).toBe(viewerOrigin);
  });

  it('keeps names with markup as text', async () => {
    const legend = await frame.locator('.ocv-legend').innerText();
    expect(legend).toContain('<i>550 km</i> shell');
    expect(await frame.locator('.ocv-legend i, img').count()).toBe(0);
    expect(await frame.title()).toBe('Constellation viewer');
  });

  it('refuses a bad ocv:loadScenario with a message naming the field and keeps the scenario', async () => {
    const bad = structuredClone(customScenario()) as unknown as Record<string, unknown>;
    (bad.shells as Array<Record<string, unknown>>)[1].altitudeKm = 'high';
    const r = await ask({ type: 'ocv:loadScenario', scenario: bad });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^ocv:loadScenario: the scenario is not valid: shells\[1\]/);
    expect(await frame.locator('[data-testid="embed-error"]').innerText()).toContain('shells[1]');
    const huge = await ask({ type: 'ocv:loadScenario', scenario: { ...customScenario(), version: 99 } });
    expect(huge.error).toMatch(/version: 99 is newer/);
    const st = await ask<{ satellites: number; scenarioName: string }>({ type: 'ocv:getState' });
    expect(st.result).toMatchObject({ satellites: 481, scenarioName: MARKUP_NAME });
    // A good one replaces it.
    const ok = await ask<{ satellites: number }>({ type: 'ocv:loadScenario', scenario: presetScenario('suncatcher') });
    expect(ok.result).toMatchObject({ satellites: 81 });
    await waitFor(async () => (await ask<{ satellites: number }>({ type: 'ocv:getState' })).result?.satellites === 81, '81 satellites');
    expect(await frame.locator('[data-testid="embed-error"]').count()).toBe(0);
  });

  it('PNG snapshots have the requested pixel size (1x, 2x, 4x of 960 x 540)', async () => {
    for (const scale of [1, 2, 4]) {
      const r = await ask<string>({ type: 'ocv:snapshot', scale }, 30_000);
      expect(r.ok).toBe(true);
      const png = decodePng(Buffer.from(r.result!.split(',')[1], 'base64'));
      expect([png.width, png.height]).toEqual([960 * scale, 540 * scale]);
    }
  });

  it('records a WebM clip with a valid EBML header and a duration', async () => {
    const r = await ask<{ type: string; base64: string; videoDuration: number; width: number; height: number }>(
      { type: 'ocv:record', seconds: 1.5 },
      30_000,
    );
    expect(r.error).toBeUndefined();
    const clip = r.result!;
    expect(clip.type).toBe('video/webm');
    const bytes = new Uint8Array(Buffer.from(clip.base64, 'base64'));
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML magic
    const info = readWebmInfo(bytes);
    expect(info?.docType).toBe('webm');
    // 1.5 s asked; the recorder stops within a few frames of that.
    expect(info!.durationMs!).toBeGreaterThan(1300);
    expect(info!.durationMs!).toBeLessThan(2500);
    // The browser reads the same length from the file (without the Duration element it says Infinity).
    expect(Math.abs(clip.videoDuration * 1000 - info!.durationMs!)).toBeLessThan(50);
    expect([clip.width, clip.height]).toEqual([960, 540]);
  });

  it('an untrusted origin gets no answer and no events', async () => {
    const other = await h.browser.newPage();
    try {
      await other.goto(`${hostOrigin}/`);
      await other.evaluate((s) => {
        (document.getElementById('v') as HTMLIFrameElement).src = s;
      }, `${h.baseUrl}embed.html?preset=suncatcher&paused=1&engine=0&analysis=0`);
      const f = await waitFor(() => other.frames().find((x) => x.url().startsWith(h.baseUrl)), 'the viewer frame');
      await waitFor(() => f.locator('[data-testid="status"]').count(), 'the viewer mounted', 30_000);
      const r = (await other.evaluate(() =>
        (window as unknown as { ask: (m: unknown, t: number) => Promise<unknown> }).ask({ type: 'ocv:getState' }, 1500),
      )) as {
        timeout?: boolean;
      };
      expect(r.timeout).toBe(true);
      expect(await other.evaluate('window.events')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

/** A file:// page on which every request but the file itself is refused (recorded); console errors collected. */
async function offlinePage(h: Harness, file: string): Promise<{ page: Page; refused: string[]; problems: string[] }> {
  const page = await h.browser.newPage({ viewport: { width: 1024, height: 576 } });
  const refused: string[] = [];
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === `file://${file}`) return route.continue();
    refused.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, refused, problems };
}

const CATALOGUE = join(ROOT, '../shared/data/catalog-2022-08-09.tle');

describe('presentations: the standalone file', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('carries an imported element shell (a slice of the real catalogue): the same satellites render from file:// offline', async () => {
    if (!existsSync(CATALOGUE)) throw new Error(`shared data missing: ${CATALOGUE} (tests read ../shared/data beside the repository)`);
    const records = 4000;
    const text = `${readFileSync(CATALOGUE, 'utf8')
      .split('\n')
      .slice(0, 2 * records)
      .join('\n')}\n`;
    const accepted = parseElements(text).accepted; // the core parser's count, what the viewer must draw
    expect(accepted).toBe(records); // the 2022 catalogue has no bad records
    const base = presetScenario('starlink-72x22')!;
    const scenario = {
      ...structuredClone(base),
      name: 'Catalogue 2022-08-09, first 4,000',
      shells: [
        {
          id: 'catalogue',
          name: 'catalog-2022-08-09.tle',
          designId: base.designs[0].id,
          enabled: true,
          kind: 'imported',
          source: 'catalog-2022-08-09.tle',
          text,
          acceptBadChecksums: false,
        },
      ],
    } as Scenario;
    const dir = mkdtempSync(join(tmpdir(), 'ocv-standalone-imp-'));
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const out = join(dir, 'view.html');
    const r = spawnSync(process.execPath, ['scripts/plan.mjs', 'embed', join(dir, 'scenario.json'), '--out', out, '--paused'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/wrote the standalone viewer of "Catalogue 2022-08-09, first 4,000" \(4000 satellites\)/);
    expect(r.stderr).not.toMatch(/left out|draws nothing/);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('"scenarioDeflated":"'); // 560 kB of TLE text, stored compressed
    expect(html).not.toContain('1 00005U 58002B');
    const { page, refused, problems } = await offlinePage(h, out);
    try {
      await page.goto(`file://${out}`);
      const status = page.locator('[data-testid="status"][data-phase="ready"]');
      await waitFor(() => status.count(), 'SGP4 from the inline workers', 90_000);
      expect(await status.innerText()).toMatch(/^4,000 satellites · SGP4 \(transfer, \d+ workers?\)$/);
      expect(await page.locator('.ocv-legend').innerText()).toContain('catalog-2022-08-09.tle');
      const img = decodePng(await page.screenshot({ path: join(ROOT, 'test-results/present-standalone-catalogue.png') }));
      expect(countPixels(img, (r, g, b) => r > 190 && g > 125 && g < 185 && b < 70)).toBeGreaterThan(300); // the shell's orange points
      expect(refused).toEqual([]);
      expect(problems.filter((p) => !/GL Driver|GPU stall/.test(p))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('plan embed writes one file that renders moving satellites from file:// with every network request refused', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ocv-standalone-')), 'view.html');
    const r = spawnSync(process.execPath, ['scripts/plan.mjs', 'embed', 'preset:starlink-72x22', '--out', out, '--speed', '300'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/wrote the standalone viewer of "Starlink-like 72x22" \(1584 satellites\)/);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(statSync(out).size).toBeGreaterThan(500_000);
    // One file: no external script, stylesheet or worker file is referenced.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|new Worker\(new URL/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);

    const { page, refused, problems } = await offlinePage(h, out);
    try {
      await page.goto(`file://${out}`);
      expect(await page.title()).toBe('Starlink-like 72x22 - constellation viewer');
      await waitFor(() => page.locator('[data-testid="status"][data-phase="ready"]').count(), 'SGP4 from the inline workers', 60_000);
      // Moving: two pictures of the fleet a second apart differ where satellites are (speed 300x).
      const shellColour = (r: number, g: number, b: number) => r > 190 && g > 125 && g < 185 && b < 70;
      const a = decodePng(await page.screenshot());
      await page.waitForTimeout(1000);
      const b = decodePng(await page.screenshot());
      expect(countPixels(a, shellColour)).toBeGreaterThan(300);
      let moved = 0;
      for (let i = 0; i < a.data.length; i += 4) {
        const wasSat = shellColour(a.data[i], a.data[i + 1], a.data[i + 2]);
        const isSat = shellColour(b.data[i], b.data[i + 1], b.data[i + 2]);
        if (wasSat !== isSat) moved++;
      }
      expect(moved).toBeGreaterThan(200);
      expect(refused).toEqual([]); // it asked for nothing
      expect(problems.filter((p) => !/GL Driver|GPU stall/.test(p))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
