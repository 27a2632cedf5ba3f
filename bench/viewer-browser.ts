/**
 * Browser benchmark of the 3D viewer: main-thread milliseconds per frame and per engine tick, and
 * bytes uploaded to the GPU per frame, while playing, at 100k and 1M satellites, with the ground
 * stations and their links on. Headless Chromium renders with SwiftShader (software), so frame
 * rate here says nothing about a real GPU; the main-thread time and the upload volume are what
 * this measures (docs/ENGINE.md "States for the GPU", "Station links in the workers"). Per tick it also splits out the
 * station links: main-thread ms spent on them (merging the workers' candidates, or the strided
 * fallback scan), how many ticks took the workers' choice and how many fell back. Load averages
 * (os.loadavg(), as `uptime` prints them) are printed beside every row: the machine is shared.
 *
 *   npx vite build && npx tsx bench/viewer-browser.ts [--seconds 8] [--only 1M]
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { openHarness, waitFor } from '../test/browser/harness';

interface Stats {
  frames: number;
  totalFrameMs: number;
  maxFrameMs: number;
  totalUploadBytes: number;
  uploadFrames: number;
  stateUploadFrames: number;
  stateUploadFrameMs: number;
  ticks: number;
  totalTickMs: number;
  firstSatellitesAtMs: number;
  shown: number;
  /** Not in builds before the links moved to the workers (then undefined). */
  linkChoices?: number;
  workerLinkChoices?: number;
  linkFallbacks?: number;
  totalLinkMs?: number;
  totalWorkerLinkMs?: number;
  linksDrawn?: number;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const diff = (b: number | undefined, a: number | undefined) => (b === undefined || a === undefined ? Number.NaN : b - a);

async function api<T>(page: Page, msg: Record<string, unknown>): Promise<T> {
  const r = (await page.evaluate(
    `new Promise((resolve) => {
    const id = Math.random();
    const on = (e) => { if (e.data && e.data.type === 'ocv:reply' && e.data.requestId === id) { removeEventListener('message', on); ` +
      `resolve(e.data); } };
    addEventListener('message', on);
    postMessage(Object.assign(${JSON.stringify(msg)}, { requestId: id }), '*');
  })`,
  )) as { ok: boolean; result: T; error?: string };
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 8;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
const cases = [
  { label: '100k (Walker 550/53)', path: 'embed.html?sats=100000&paused=1&t=2026-03-20T12:00:00Z&aa=0' },
  { label: '1M (default preset)', path: 'embed.html?paused=1&t=2026-03-20T12:00:00Z&aa=0' },
].filter((c) => !only || c.label.startsWith(only));

const h = await openHarness();
const rows: string[] = [];
try {
  for (const c of cases) {
    const page = await h.newPage(c.path);
    await waitFor(() => page.locator('[data-testid="status"][data-phase="ready"]').count(), `${c.label}: first SGP4 tick`, 180_000);
    const first = await page.evaluate(`(performance.getEntriesByName('viewer:first-satellites')[0] || {}).startTime`);
    // Ground stations and their links on (the defaults, set here so the figures always include them).
    await api(page, { type: 'ocv:setLayers', layers: { groundStations: true, links: true } });
    await api(page, { type: 'ocv:setSpeed', speed: 60 });
    await api(page, { type: 'ocv:play' });
    await page.waitForTimeout(1500); // let the loop settle
    const loadBefore = load();
    const a = await api<Stats>(page, { type: 'ocv:getStats' });
    await page.waitForTimeout(seconds * 1000);
    const b = await api<Stats>(page, { type: 'ocv:getStats' });
    const loadAfter = load();
    await api(page, { type: 'ocv:pause' });
    const frames = b.frames - a.frames;
    const ticks = b.ticks - a.ticks;
    const row = {
      case: c.label,
      shown: b.shown,
      firstSatellitesMs: Math.round(Number(first)),
      fps: +(frames / seconds).toFixed(2),
      meanFrameMs: +((b.totalFrameMs - a.totalFrameMs) / Math.max(1, frames)).toFixed(2),
      maxFrameMsSinceLoad: +b.maxFrameMs.toFixed(1),
      meanUploadBytesPerFrame: Math.round((b.totalUploadBytes - a.totalUploadBytes) / Math.max(1, frames)),
      stateUploadFrames: b.stateUploadFrames - a.stateUploadFrames,
      meanMsStateUploadFrames: +(
        (b.stateUploadFrameMs - a.stateUploadFrameMs) /
        Math.max(1, b.stateUploadFrames - a.stateUploadFrames)
      ).toFixed(1),
      meanMsOtherFrames: +(
        (b.totalFrameMs - a.totalFrameMs - (b.stateUploadFrameMs - a.stateUploadFrameMs)) /
        Math.max(1, frames - (b.stateUploadFrames - a.stateUploadFrames))
      ).toFixed(2),
      ticksPerS: +(ticks / seconds).toFixed(2),
      meanTickMs: +((b.totalTickMs - a.totalTickMs) / Math.max(1, ticks)).toFixed(2),
      bytesPerTick: ticks > 0 ? Math.round((b.totalUploadBytes - a.totalUploadBytes) / ticks) : 0,
      linkMsPerTick: +(diff(b.totalLinkMs, a.totalLinkMs) / Math.max(1, ticks)).toFixed(2),
      workerLinkMsPerTick: +(diff(b.totalWorkerLinkMs, a.totalWorkerLinkMs) / Math.max(1, ticks)).toFixed(2),
      workerLinkTicks: diff(b.workerLinkChoices, a.workerLinkChoices),
      fallbackLinkTicks: diff(b.linkFallbacks, a.linkFallbacks),
      linksDrawn: b.linksDrawn ?? Number.NaN,
      loadBefore,
      loadAfter,
    };
    console.log(JSON.stringify(row));
    rows.push(
      `| ${row.case} | ${row.firstSatellitesMs} | ${row.fps} | ${row.meanFrameMs} | ${row.meanMsOtherFrames} ` +
        `| ${row.stateUploadFrames}/${frames}, ${row.meanMsStateUploadFrames} ms ` +
        `| ${row.meanUploadBytesPerFrame.toLocaleString('en-US')} | ` +
        `${row.bytesPerTick.toLocaleString('en-US')} | ${row.ticksPerS} | ${row.meanTickMs} | ${row.linkMsPerTick} ` +
        `| ${row.workerLinkMsPerTick} ` +
        `| ${row.workerLinkTicks}/${row.fallbackLinkTicks} | ${row.linksDrawn} | ${row.loadBefore} -> ${row.loadAfter} |`,
    );
    if (page.errors.length) console.log('page errors:', page.errors);
    await page.close();
  }
} finally {
  await h.close();
}
console.log(
  '\n| case | first satellites, ms | fps (SwiftShader) | main-thread ms/frame (all) | ms/frame without state upload | frames with ' +
    'state upload, their ms | bytes uploaded/frame (mean) | bytes/tick | ticks/s | main-thread ms/tick (applying the frame) ' +
    "| + main-thread ms/tick on links (merging the workers' candidates in the pool, or fallback scans) " +
    '| worker ms/tick on links (slowest shard) ' +
    '| ticks with worker links / main-thread fallback | links drawn | load average (1, 5, 15 min) before -> after |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
