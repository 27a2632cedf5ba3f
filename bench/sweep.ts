/**
 * Trade-study benchmark: a 20-point analytic sweep of the 1M default (the radiator area of the
 * 100 kW design, 80 to 320 m^2), as the page runs it and on one thread in Node.
 *
 * - `sweep_serial_ms`: the same 20 variants one after another in this thread (runSweep with the
 *   in-thread evaluation, src/core/trade/sweep.ts): the cost of the work itself.
 * - `sweep_page_ms`: the page's Trade study on the worker pool (one variant at a time per
 *   worker), in headless Chromium against the built app (`dist/`, from `npx vite build`), timed
 *   from "Run sweep" to the last point by the page itself; skipped (null) when dist/ or
 *   Chromium is missing. Target: <= 10 s on 2 cores.
 * - `sweep_page_vs_serial_x`: serial / page (what the workers gain).
 * `--n` does not apply (the default scenario is 1M); `--skip page` leaves the browser out.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { defaultScenario } from '../src/core/presets';
import { evaluateScenario, planSweep, runSweep } from '../src/core/trade';
import type { BenchSection } from './sections';

const PATH = 'designs[0].radiator.areaM2';
const POINTS = 20;

async function serialMs(): Promise<number> {
  const s = defaultScenario();
  const planned = planSweep(s, [{ path: PATH, from: 80, to: 320, steps: POINTS }]);
  if (!planned.ok) throw new Error(planned.error);
  const t0 = performance.now();
  await runSweep(planned.plan, async (v) => {
    const { cancelled: _c, ...f } = evaluateScenario(v, 'analytic');
    return f;
  });
  return performance.now() - t0;
}

async function pageMs(log: (s: string) => void): Promise<number | null> {
  const root = resolve(import.meta.dirname, '..');
  if (!existsSync(resolve(root, 'dist/index.html'))) {
    log('sweep: dist/ missing (run `npx vite build`): page figure skipped');
    return null;
  }
  const { openHarness, waitFor } = await import('../test/browser/harness');
  const h = await openHarness();
  try {
    const page = await h.newPage('');
    await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 180_000 });
    // The 1M view renders in software at about a frame a second here, so playwright's
    // actionability waits time out: drive the controls through the DOM (React sees the events).
    const dom = (js: string) => page.evaluate(js);
    const set = (sel: string, value: string) =>
      dom(`(() => { const el = document.querySelector('${sel}');
        const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(value)});
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true })); })()`);
    await dom(`document.querySelector('[data-testid="trade-button"]').click()`);
    await page.waitForSelector('[data-testid="trade-param"]', { timeout: 60_000 });
    await set('[data-testid="trade-param"]', PATH);
    await set('[data-testid="trade-from"]', '80');
    await set('[data-testid="trade-to"]', '320');
    await set('[data-testid="trade-steps"]', String(POINTS));
    await dom(`document.querySelector('[data-testid="trade-run"]').click()`);
    let text = '';
    await waitFor(
      async () => {
        text = (await page.textContent('[data-testid="trade-status"]')) ?? '';
        return new RegExp(`${POINTS} of ${POINTS} points in`).test(text);
      },
      'the sweep to finish',
      300_000,
    );
    const m = /points in ([\d.]+) s/.exec(text);
    return m ? Number(m[1]) * 1000 : null;
  } finally {
    await h.close();
  }
}

export const sweepSection: BenchSection = {
  id: 'sweep',
  title: `trade study: ${POINTS}-point analytic sweep of the 1M default (${PATH})`,
  async run(opts) {
    const load0 = loadavg()[0];
    opts.log('sweep: serial, this thread');
    const serial = await serialMs();
    const page = opts.skip.has('page') ? null : await pageMs(opts.log);
    const fields = {
      sweep_points: POINTS,
      sweep_serial_ms: Math.round(serial),
      sweep_page_ms: page === null ? null : Math.round(page),
      sweep_page_vs_serial_x: page === null ? null : Number((serial / page).toFixed(2)),
      sweep_load_avg_1m: Number(load0.toFixed(2)),
    };
    return {
      fields,
      rows: [
        {
          label: 'serial, one thread',
          value: `${(serial / 1000).toFixed(2)} s`,
          note: `${(serial / POINTS).toFixed(0)} ms per 1M variant`,
        },
        {
          label: 'page, worker pool',
          value: page === null ? 'skipped' : `${(page / 1000).toFixed(2)} s`,
          note: page === null ? 'needs dist/ and Chromium' : `target <= 10 s on 2 cores; ${(serial / page).toFixed(2)}x the serial time`,
        },
        { label: 'load average (1 min)', value: load0.toFixed(2) },
      ],
    };
  },
};
