/**
 * The 2,000,000-satellite case in the planner itself (issue 16): the default scenario with every
 * shell doubled (2,000,000 satellites) opened from a share link in headless Chromium. Measured:
 * time until the analytic figures show (the analysis worker), until the view's first satellites
 * and its first SGP4 tick, the satellites drawn, the compute figure against the same core run in
 * Node, and the peak resident memory of the browser (the sum over Chromium's processes: browser,
 * renderer, GPU, workers; polled every 250 ms from /proc) and of the page's JS heap. Then the
 * sampled run of the same 2M from the page (Run sampled, on the page's worker pool, the view still
 * running): time to the sampled figures, its compute figure, the peak memory during it (PSS: during
 * the pass, progress below 100 %, and overall), the cores each Chromium process type used, and the
 * ArrayBuffer memory of each JS context (page, workers) with the view running, halfway through the
 * pass and after the run.
 *
 *   npx vite build && npx tsx bench/page-2m.ts        (npm run bench:page2m)
 *   npm run bench:page2m -- --scale 1                 the default 1M itself (issue 17: page memory of a sampled 1M run)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { defaultScenario } from '../src/core/presets';
import { runAnalysisJob } from '../src/core/report/analysisJob';
import { encodeShareFragment } from '../src/core/report/shareLink';
import type { Scenario } from '../src/core/scenario/schema';
import { openHarness, waitFor } from '../test/browser/harness';

/** The descendants of `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we read it
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p: number | undefined = parent.get(pid);
    for (let depth = 0; p !== undefined && p > 1 && depth < 64; depth++) {
      if (p === root) {
        out.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return out;
}

/**
 * Proportional set size of every descendant of `root`, bytes: each shared page (the Chromium
 * binary, its data files, shared memory between the renderer and the GPU process) counted once,
 * split between the processes that map it. RSS summed over processes counts those pages once per
 * process. From /proc/<pid>/smaps_rollup (Linux 4.14+).
 */
function descendantsPssBytes(root: number): number {
  let sum = 0;
  for (const pid of descendants(root)) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // the process ended while we read it
    }
  }
  return sum;
}

/** CPU time of the descendants of `root` by Chromium process type (--type=gpu-process, renderer, ...; 'browser' without), clock ticks. */
function cpuTicksByType(root: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of descendants(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      out.set(type, (out.get(type) ?? 0) + Number(rest[11]) + Number(rest[12])); // utime + stime
    } catch {
      // the process ended while we read it
    }
  }
  return out;
}

/** Resident memory of every descendant of `root`, bytes (Linux /proc; shared pages once per process). */
function descendantsRssBytes(root: number): number {
  let sum = 0;
  for (const pid of descendants(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // fields after the command name in parentheses: state ppid ... ; rss is field 24 (pages)
      sum += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]) * 4096;
    } catch {
      // the process ended while we read it
    }
  }
  return sum;
}

/**
 * ArrayBuffer memory of each JS context of the page (the page and each worker, by script name), MB:
 * V8's backingStorageSize from CDP Runtime.getHeapUsage (typed arrays and ArrayBuffers; shared
 * memory is not in it). Says which thread holds what; the PSS sums say what the machine pays.
 */
async function backingStoresMb(browser: import('playwright-core').Browser): Promise<Record<string, number>> {
  const b = await browser.newBrowserCDPSession();
  try {
    let id = 0;
    const pending = new Map<number, (v: unknown) => void>();
    b.on('Target.receivedMessageFromTarget', (ev: { message: string }) => {
      const m = JSON.parse(ev.message) as { id: number; result?: unknown };
      pending.get(m.id)?.(m.result ?? null);
      pending.delete(m.id);
    });
    const { targetInfos } = (await b.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const out: Record<string, number> = {};
    for (const t of targetInfos) {
      if (t.type !== 'worker' && t.type !== 'page') continue;
      if (t.type === 'page' && !t.url.startsWith('http')) continue;
      const { sessionId } = (await b.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as { sessionId: string };
      const i = ++id;
      const r = (await Promise.race([
        new Promise((res) => {
          pending.set(i, res);
          void b.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method: 'Runtime.getHeapUsage' }) });
        }),
        new Promise((res) => setTimeout(() => res(null), 3000)),
      ])) as { backingStorageSize?: number } | null;
      const name = t.type === 'page' ? 'page' : (/([a-z]+)\.worker/.exec(t.url)?.[1] ?? 'worker');
      let key = name;
      for (let k = 2; key in out; k++) key = `${name}_${k}`;
      out[key] = r?.backingStorageSize !== undefined ? Math.round(r.backingStorageSize / 2 ** 20) : Number.NaN;
    }
    return out;
  } finally {
    await b.detach().catch(() => {});
  }
}

const base = defaultScenario();
const at = process.argv.indexOf('--scale');
const scale = at > 0 ? Number(process.argv[at + 1]) : 2;
if (scale !== 1 && scale !== 2) throw new Error('--scale takes 1 (the default 1M) or 2 (every shell doubled, 2M)');
const two: Scenario =
  scale === 1
    ? base
    : {
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
const load0 = loadavg()[0];
const node = runAnalysisJob(two, []);
if (node.fleet.count !== scale * 1_000_000) throw new Error(`expected ${scale * 1_000_000} satellites, got ${node.fleet.count}`);

const h = await openHarness();
let peakRss = descendantsRssBytes(process.pid);
let peakPss = descendantsPssBytes(process.pid);
const poll = setInterval(() => {
  peakRss = Math.max(peakRss, descendantsRssBytes(process.pid));
  peakPss = Math.max(peakPss, descendantsPssBytes(process.pid));
}, 250);
try {
  const t0 = performance.now();
  const page = await h.newPage(`#${encodeShareFragment(two)}`);
  await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 600_000 });
  await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 600_000);
  const analyticMs = performance.now() - t0;
  const gw = Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
  const total = Number(((await page.textContent('[data-testid="total-count"]')) ?? '').replace(/,/g, ''));
  await waitFor(() => page.locator('[data-testid="status"][data-phase="ready"]').count(), 'first SGP4 tick', 600_000);
  const readyMs = performance.now() - t0;
  const firstSatellitesMs = Number(await page.evaluate(`(performance.getEntriesByName('viewer:first-satellites')[0] || {}).startTime`));
  // let the view run a few ticks, then read the heap
  await page.waitForTimeout(5000);
  const heap = Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : NaN'));
  const backingView = await backingStoresMb(h.browser);
  peakRss = Math.max(peakRss, descendantsRssBytes(process.pid));
  peakPss = Math.max(peakPss, descendantsPssBytes(process.pid));
  const peakAnalyticRss = peakRss;
  const peakAnalyticPss = peakPss;
  // the sampled run of the whole fleet in the page
  const ts = performance.now();
  const cpu0 = cpuTicksByType(process.pid);
  // a DOM click: the page's main thread is busy with millions for seconds, past Playwright's post-click wait
  await page.evaluate(`document.querySelector('[data-testid="run-sampled"]').click()`);
  // the pass itself (progress below 100 %) apart from its end (the sums in the page, the per-satellite figures)
  let peakPassPss = 0;
  let running = true;
  let backingPass: Record<string, number> = {};
  const passPoll = (async () => {
    let sampledBacking = false;
    while (running) {
      const now = await page
        .getAttribute('[data-testid="progress"] [role="progressbar"]', 'aria-valuenow', { timeout: 1000 })
        .catch(() => null);
      if (now !== null && Number(now) < 100) peakPassPss = Math.max(peakPassPss, descendantsPssBytes(process.pid));
      // once, halfway through the pass
      if (!sampledBacking && now !== null && Number(now) >= 50 && Number(now) < 100) {
        sampledBacking = true;
        backingPass = await backingStoresMb(h.browser);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 3_600_000, 500);
  running = false;
  await passPoll;
  const cpu1 = cpuTicksByType(process.pid);
  const runS = (performance.now() - ts) / 1000;
  // cores each Chromium process type used during the run (clock ticks of 10 ms)
  const coresByType = Object.fromEntries(
    [...cpu1]
      .map(([type, ticks]) => [type, +((ticks - (cpu0.get(type) ?? 0)) / 100 / runS).toFixed(2)])
      .filter(([, c]) => (c as number) > 0.01),
  );
  await waitFor(async () => (await page.getAttribute('.capacity', 'aria-busy')) === 'false', 'analysis to settle', 600_000);
  const sampledMs = performance.now() - ts;
  const gwSampled = Number(await page.getAttribute('[data-testid="usable-gw"]', 'data-gw'));
  const backingAfter = await backingStoresMb(h.browser);
  peakRss = Math.max(peakRss, descendantsRssBytes(process.pid));
  peakPss = Math.max(peakPss, descendantsPssBytes(process.pid));
  const row = {
    satellites: total,
    analytic_figures_ms: Math.round(analyticMs),
    first_satellites_ms: Math.round(firstSatellitesMs),
    first_sgp4_tick_ms: Math.round(readyMs),
    compute_gw_page: gw,
    compute_gw_node: node.rollup.totals.computeGW,
    same_as_node: gw === node.rollup.totals.computeGW,
    peak_browser_rss_mb_analytic: Math.round(peakAnalyticRss / 2 ** 20),
    peak_browser_pss_mb_analytic: Math.round(peakAnalyticPss / 2 ** 20),
    sampled_figures_ms: Math.round(sampledMs),
    compute_gw_page_sampled: gwSampled,
    peak_browser_rss_mb: Math.round(peakRss / 2 ** 20),
    peak_browser_pss_mb: Math.round(peakPss / 2 ** 20),
    peak_browser_pss_mb_during_pass: Math.round(peakPassPss / 2 ** 20),
    sampled_run_cores_by_process: coresByType,
    page_js_heap_mb: Math.round(heap / 2 ** 20),
    array_buffers_mb_view: backingView,
    array_buffers_mb_mid_pass: backingPass,
    array_buffers_mb_after_run: backingAfter,
    page_errors: page.errors.length,
    load_avg_1min_start: load0,
    load_avg_1min_end: loadavg()[0],
  };
  console.log(JSON.stringify(row));
  console.error(
    `${scale}M planner: figures after ${(analyticMs / 1000).toFixed(1)} s, ` +
      `first satellites at ${(firstSatellitesMs / 1000).toFixed(1)} s, ` +
      `first SGP4 tick after ${(readyMs / 1000).toFixed(1)} s; ${row.same_as_node ? 'same' : 'DIFFERENT'} compute as Node (${gw} GW); ` +
      `peak browser RSS ${row.peak_browser_rss_mb_analytic} MB (PSS ${row.peak_browser_pss_mb_analytic} MB), ` +
      `page JS heap ${row.page_js_heap_mb} MB; sampled run ${(sampledMs / 1000).toFixed(1)} s (${gwSampled} GW), ` +
      `peak browser RSS with it ${row.peak_browser_rss_mb} MB (PSS ${row.peak_browser_pss_mb} MB, ` +
      `${row.peak_browser_pss_mb_during_pass} MB during the pass); cores during it ${JSON.stringify(coresByType)}; ` +
      `load average ${load0.toFixed(1)} -> ${row.load_avg_1min_end.toFixed(1)}`,
  );
  if (page.errors.length) console.error(page.errors.join('\n'));
  await page.close();
} finally {
  clearInterval(poll);
  await h.close();
}
