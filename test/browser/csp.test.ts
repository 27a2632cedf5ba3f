/**
 * Content-Security-Policy (issue 16): the preview server sends the strict policy of vite.config.ts,
 * and the planner's main flows (import, sampled run, report, export, share dialog with the embed
 * preview) run without one violation. Violations are collected from securitypolicyviolation events in
 * every frame and from "Refused to ..." console messages of the page and its workers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/core/report/shareLink';
import { presetScenario } from '../../src/core/presets';
import { openHarness, ROOT, waitFor, type Harness } from './harness';

describe('Content-Security-Policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is sent for the planner and the embed page: no inline script, no eval, embed frameable', async () => {
    const planner = await fetch(h.baseUrl);
    const csp = planner.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe/);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'self'");
    const embed = (await fetch(new URL('embed.html', h.baseUrl))).headers.get('content-security-policy') ?? '';
    expect(embed).toContain('frame-ancestors *');
    expect(embed).toContain("script-src 'self';");
  });

  it('the main flows of the planner raise no violation', async () => {
    const s = presetScenario('starlink-72x22')!;
    const small = { ...s, window: { ...s.window, durationMin: 10, stepS: 60 } };
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) =>
        (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation?.(
          `${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    const refused = (t: string) => /Refused to|Content Security Policy|securitypolicy/i.test(t);
    page.on('console', (m) => refused(m.text()) && violations.push(`console: ${m.text()}`));
    page.on('worker', (w) => w.on('console', (m) => refused(m.text()) && violations.push(`worker console: ${m.text()}`)));
    try {
      await page.goto(`${h.baseUrl}#${encodeShareFragment(small)}`);
      await page.waitForSelector('[data-testid="usable-gw"][data-gw]:not([data-gw=""])', { timeout: 90_000 });

      // import: three real TLE records through the import dialog
      const tle = readFileSync(resolve(ROOT, '../shared/data/catalog-2022-08-09.tle'), 'utf8').split('\n').slice(0, 6).join('\n');
      const file = join(tmpdir(), `csp-${Date.now()}.tle`);
      writeFileSync(file, `${tle}\n`);
      await page.click('button:has-text("Import elements")');
      await page.setInputFiles('[data-testid="import-file-input"]', file);
      await page.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
      await page.click('[data-testid="import-apply"]');

      // sampled run
      await page.click('[data-testid="run-sampled"]');
      await waitFor(async () => (await page.textContent('[data-testid="rollup-mode"]')) === 'sampled', 'sampled figures', 170_000, 250);

      // report and export
      await page.click('[data-testid="download-report"]');
      const [report] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.click('[data-testid="report-pdf"]')]);
      expect(report.suggestedFilename()).toMatch(/\.(html|pdf)$/);
      await page.click('[data-testid="export-menu"]');
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-omm-csv"]')]);
      expect(dl.suggestedFilename()).toMatch(/\.csv$/);

      // share dialog with the live embed preview (the embed page in an iframe of the planner)
      await page.click('[data-testid="share-button"]');
      await page.waitForSelector('[data-testid="embed-preview"]');
      const preview = await waitFor(() => page.frames().find((f) => f.url().includes('embed.html')), 'the preview frame');
      await waitFor(() => preview.locator('[data-testid="status"][data-phase="ready"]').count(), 'the preview drawing with SGP4', 90_000);
      const [standalone] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.click('[data-testid="download-standalone"]'),
      ]);
      expect(standalone.suggestedFilename()).toMatch(/-viewer\.html$/);
      expect(violations).toEqual([]);
      // Control: an inline script added now is refused and seen by the listener (so the empty list above means something).
      await page.evaluate(() => {
        const el = document.createElement('script');
        el.textContent = 'window.__inline = 1';
        document.body.append(el);
      });
      await waitFor(() => violations.length > 0, 'the control violation', 10_000);
      expect(violations[0]).toMatch(/script-src/);
      expect(await page.evaluate('window.__inline')).toBeUndefined();
    } finally {
      await page.close();
    }
  });
});
