/**
 * The share link the report prints in its reproducibility block. The link format is the page's
 * (src/app/share.ts: `#s=1.<base64url(raw DEFLATE of the scenario JSON)>`); this pure copy of its
 * encoder lets the command line print the same link (the CLI may not import src/app), and a test
 * checks that the page's decoder reads it back (test/unit/core/report/json.test.ts).
 */
import { deflateSync, strToU8 } from 'fflate';
import type { Scenario } from '../scenario/schema';
import { base64Url } from './base64';

/** Longest share link the report prints; a longer one (large imported element sets) is replaced by a note. */
export const REPORT_SHARE_MAX_CHARS = 6_000;

export function shareFragmentOf(scenario: Scenario): string {
  return `s=1.${base64Url(deflateSync(strToU8(JSON.stringify(scenario)), { level: 9 }))}`;
}

/** The report's share entry: a link for `baseUrl` (its own fragment replaced), or why there is none. */
export function reportShare(scenario: Scenario, baseUrl: string | undefined): { url?: string; note?: string } {
  const fragment = shareFragmentOf(scenario);
  const base = baseUrl === undefined ? '' : baseUrl.replace(/#.*$/, '');
  const url = `${base}#${fragment}`;
  if (url.length > REPORT_SHARE_MAX_CHARS)
    return {
      note:
        `no link: it would be ${url.length.toLocaleString('en-US')} characters ` +
        `(over ${REPORT_SHARE_MAX_CHARS.toLocaleString('en-US')}); share the scenario file`,
    };
  const fileBacked = scenario.shells.some((s) => s.enabled && s.kind === 'imported' && s.text === '');
  return fileBacked ? { url, note: 'carries the scenario without its element file: open the file with it' } : { url };
}
