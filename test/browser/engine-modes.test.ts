/**
 * The propagation engine in the page, in both result paths: SharedArrayBuffer when the page is
 * cross-origin isolated (the preview server sends COOP/COEP), transferred buffers when it is not
 * (a plain static server without those headers, as an embedding wiki or slide deck would be).
 * Without isolation the page runs one worker fewer (src/engine/index.ts defaultWorkerCount), and
 * the planner's sampled analysis gives the same figures as in the isolated page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { presetScenario } from '../../src/core/presets';
import { defaultWorkerCount } from '../../src/engine';
import { decodePng, countPixels, freePort, openHarness, ROOT, waitFor, type Harness } from './harness';

const DIST = resolve(ROOT, 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** A static file server for dist/ that sends no isolation headers. */
async function plainServer(): Promise<{ server: Server; baseUrl: string }> {
  const port = await freePort();
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { server, baseUrl: `http://127.0.0.1:${port}/` };
}

let h: Harness;
let plain: { server: Server; baseUrl: string };
beforeAll(async () => {
  h = await openHarness();
  plain = await plainServer();
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => plain?.server.close(r));
});

const QUERY = 'embed.html?sats=20000&speed=600&aa=0';

async function statusOf(page: { evaluate: (s: string) => Promise<unknown> }): Promise<string> {
  return String(await page.evaluate('document.body.innerText'));
}

/** ocv:getState from the embed page itself (its own origin is trusted). */
async function embedState(
  page: Page,
): Promise<{ engine: { mode: string; workers: number } | null; crossOriginIsolated: boolean; satellites: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const id = `s${Math.random()}`;
        const on = (e: MessageEvent) => {
          if (e.data?.type === 'ocv:reply' && e.data.requestId === id) {
            removeEventListener('message', on);
            resolve(e.data.result);
          }
        };
        addEventListener('message', on);
        postMessage({ type: 'ocv:getState', requestId: id }, location.origin);
      }),
  );
}

describe('propagation engine in the page', () => {
  it('uses SharedArrayBuffer frames and a worker per core when the page is cross-origin isolated', async () => {
    const page = await h.newPage(QUERY);
    expect(await page.evaluate('crossOriginIsolated')).toBe(true);
    const cores = Number(await page.evaluate('navigator.hardwareConcurrency'));
    const workers = defaultWorkerCount(true, cores);
    const label = `SGP4 (shared, ${workers} worker${workers === 1 ? '' : 's'})`;
    await waitFor(async () => ((await statusOf(page)).includes(label) ? true : null), `status "${label}"`, 60_000);
    expect(await embedState(page)).toMatchObject({ engine: { mode: 'shared', workers }, crossOriginIsolated: true, satellites: 20_000 });
    const img = decodePng(await page.screenshot());
    expect(countPixels(img, (r, g, b) => r + g + b > 200)).toBeGreaterThan(500);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('falls back to transferred buffers and one worker fewer without isolation, and satellites still move', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(plain.baseUrl + QUERY);
    expect(await page.evaluate('crossOriginIsolated')).toBe(false);
    const cores = Number(await page.evaluate('navigator.hardwareConcurrency'));
    const workers = defaultWorkerCount(false, cores);
    expect(workers).toBe(Math.max(1, Math.min(8, cores - 1)));
    const label = `SGP4 (transfer, ${workers} worker${workers === 1 ? '' : 's'})`;
    await waitFor(async () => ((await statusOf(page)).includes(label) ? true : null), `status "${label}"`, 60_000);
    expect(await embedState(page)).toMatchObject({ engine: { mode: 'transfer', workers }, crossOriginIsolated: false, satellites: 20_000 });
    const a = decodePng(await page.screenshot());
    await page.waitForTimeout(3000);
    const b = decodePng(await page.screenshot());
    let changed = 0;
    for (let k = 0; k < a.data.length; k += 4)
      if (Math.abs(a.data[k] - b.data[k]) + Math.abs(a.data[k + 1] - b.data[k + 1]) > 60) changed++;
    expect(changed).toBeGreaterThan(200); // the picture moves at 600x
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the planner without isolation: fewer workers, and the analytic and sampled figures equal the isolated page', async () => {
    const scenario = presetScenario('starlink-72x22')!;
    const hash = `#${encodeShareFragment(scenario)}`;
    const figures = async (base: string, isolated: boolean) => {
      const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${base}index.html${hash}`);
        expect(await page.evaluate('crossOriginIsolated')).toBe(isolated);
        const cores = Number(await page.evaluate('navigator.hardwareConcurrency'));
        const workers = defaultWorkerCount(isolated, cores);
        const label = `1,584 satellites · SGP4 (${isolated ? 'shared' : 'transfer'}, ${workers} worker${workers === 1 ? '' : 's'})`;
        await waitFor(async () => ((await page.textContent('[data-testid="status"]'))?.includes(label) ? true : null), label, 90_000);
        const gw = async () => {
          await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 60_000 });
          await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 60_000);
          return Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
        };
        const analytic = await gw();
        await page.click('[data-testid="run-sampled"]');
        await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);
        const sampled = await gw();
        const perShell = await page.locator('[data-testid="shell-table"]').innerText();
        expect(errors).toEqual([]);
        return { workers, analytic, sampled, perShell };
      } finally {
        await page.close();
      }
    };
    const isolated = await figures(h.baseUrl, true);
    const plainPage = await figures(plain.baseUrl, false);
    if (isolated.workers > 1) expect(plainPage.workers).toBe(isolated.workers - 1);
    expect(plainPage.analytic).toBe(isolated.analytic);
    expect(plainPage.sampled).toBeGreaterThan(0);
    // the sampled pass ran on other shards (another worker count), with the same result
    expect(plainPage.sampled).toBeCloseTo(isolated.sampled, 9);
    expect(plainPage.perShell).toBe(isolated.perShell);
  }, 420_000);
});
