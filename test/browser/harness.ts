/**
 * Shared browser-test helper: serve the built dist/ with Vite's preview() (the COOP/COEP headers
 * of vite.config.ts apply, so pages are cross-origin isolated), drive Chromium through
 * playwright-core, and read screenshots as RGBA pixels (PNG decoded here with fflate).
 *
 *   const h = await openHarness();            // server + browser
 *   const page = await h.newPage('embed.html?sats=20000&paused=1');
 *   const img = decodePng(await page.screenshot());
 *   await h.close();
 */
import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzlibSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createNetServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  server: PreviewServer;
  /** Open `path` (relative to the site root) in a new 1280x800 page; console errors are collected in `errors`. */
  newPage(path: string): Promise<Page & { errors: string[] }>;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  if (!existsSync(resolve(ROOT, 'dist/index.html')) && !existsSync(resolve(ROOT, 'dist/embed.html')))
    throw new Error('dist/ is missing: build first (`npx vite build`; `npm test` does it)');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    configFile: resolve(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-quic', '--disable-sync'],
    });
  } catch (e) {
    await new Promise<void>((r) => server.httpServer.close(() => r()));
    throw e;
  }
  return {
    baseUrl,
    browser,
    server,
    async newPage(path: string) {
      const page = (await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 })) as Page & { errors: string[] };
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') page.errors.push(`console: ${m.text()}`);
      });
      await page.goto(new URL(path, baseUrl).toString());
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    },
  };
}

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major from the top. */
  data: Uint8Array;
}

/** Decode an 8-bit RGB/RGBA (non-interlaced) PNG, as Chromium screenshots are. */
export function decodePng(buf: Uint8Array): RgbaImage {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  for (let i = 0; i < 8; i++) if (buf[i] !== sig[i]) throw new Error('not a PNG');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Uint8Array[] = [];
  while (p < buf.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(buf[p + 4], buf[p + 5], buf[p + 6], buf[p + 7]);
    const body = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = dv.getUint32(p + 8);
      height = dv.getUint32(p + 12);
      const depth = body[8];
      colourType = body[9];
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || body[12] !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType}, interlace ${body[12]})`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const total = idat.reduce((s, b) => s + b.length, 0);
  const z = new Uint8Array(total);
  let o = 0;
  for (const b of idat) {
    z.set(b, o);
    o += b.length;
  }
  const raw = unzlibSync(z);
  const bpp = colourType === 6 ? 4 : 3;
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = cur[x * bpp];
      out[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = cur[x * bpp + 2];
      out[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

/** Count pixels in a rectangle that satisfy `pred(r, g, b)`. */
export function countPixels(
  img: RgbaImage,
  pred: (r: number, g: number, b: number) => boolean,
  rect = { x: 0, y: 0, w: img.width, h: img.height },
): number {
  let n = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const k = (y * img.width + x) * 4;
      if (pred(img.data[k], img.data[k + 1], img.data[k + 2])) n++;
    }
  return n;
}

/** RGB at (x, y). */
export function pixel(img: RgbaImage, x: number, y: number): [number, number, number] {
  const k = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[k], img.data[k + 1], img.data[k + 2]];
}

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes (then throw with `what`). */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 30_000, everyMs = 100): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
