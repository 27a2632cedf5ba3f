/**
 * The propagation engine in the page, in both result paths: SharedArrayBuffer when the page is
 * cross-origin isolated (the preview server sends COOP/COEP), transferred buffers when it is not
 * (a plain static server without those headers, as an embedding wiki or slide deck would be).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
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

describe('propagation engine in the page', () => {
  it('uses SharedArrayBuffer frames when the page is cross-origin isolated', async () => {
    const page = await h.newPage(QUERY);
    expect(await page.evaluate('crossOriginIsolated')).toBe(true);
    await waitFor(async () => (/SGP4 \(shared\)/.test(await statusOf(page)) ? true : null), 'status "SGP4 (shared)"', 60_000);
    const img = decodePng(await page.screenshot());
    expect(countPixels(img, (r, g, b) => r + g + b > 200)).toBeGreaterThan(500);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('falls back to transferred buffers without isolation, and satellites still move', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(plain.baseUrl + QUERY);
    expect(await page.evaluate('crossOriginIsolated')).toBe(false);
    await waitFor(async () => (/SGP4 \(transfer\)/.test(await statusOf(page)) ? true : null), 'status "SGP4 (transfer)"', 60_000);
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
});
