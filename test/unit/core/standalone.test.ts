/**
 * The standalone file's scenario slot (src/core/standalone.ts): generated scenarios as plain JSON,
 * large ones (imported element texts) compressed; both read back to the same scenario with the
 * page's own decoder, and nothing in the slot can end the <script> element early.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, inflateWithBudget } from '../../../src/core/report/shareLink';
import { parseElements } from '../../../src/core/elements';
import { presetScenario } from '../../../src/core/presets';
import type { Scenario } from '../../../src/core/scenario/schema';
import { fillStandaloneTemplate, STANDALONE_PLAIN_MAX_CHARS, standalonePayload } from '../../../src/core/standalone';

const CATALOGUE = resolve(__dirname, '../../../../shared/data/catalog-2022-08-09.tle');

/** The parts of the built template fillStandaloneTemplate relies on (the real one is dist/viewer-standalone.html). */
const TEMPLATE = `<!doctype html><html><head><meta name="generator" content="orbital-dc-planner standalone viewer">
<title>Constellation viewer</title></head><body><div id="root"></div>
<script type="application/json" id="ocv-standalone">null</script>
<script type="module">/* viewer */</script></body></html>`;

function slotOf(html: string): unknown {
  const m = /<script type="application\/json" id="ocv-standalone">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no slot');
  return JSON.parse(m[1]);
}

function withCatalogue(records: number): Scenario {
  if (!existsSync(CATALOGUE)) throw new Error(`shared data missing: ${CATALOGUE} (tests read ../shared/data beside the repository)`);
  const lines = readFileSync(CATALOGUE, 'utf8').split('\n');
  const s = structuredClone(presetScenario('starlink-72x22')!);
  s.name = 'Catalogue slice </script><!-- test';
  s.shells.push({
    id: 'catalogue',
    name: `Catalogue 2022-08-09, first ${records}`,
    designId: s.designs[0].id,
    enabled: true,
    kind: 'imported',
    source: 'catalog-2022-08-09.tle',
    text: `${lines.slice(0, 2 * records).join('\n')}\n`,
    acceptBadChecksums: false,
  });
  return s;
}

describe('standalone scenario slot', () => {
  it('keeps a generated scenario as plain JSON', () => {
    const s = presetScenario('orbital-compute-1m')!;
    const html = fillStandaloneTemplate(TEMPLATE, s, { paused: true });
    expect(slotOf(html)).toEqual({ scenario: JSON.parse(JSON.stringify(s)), options: { paused: true } });
    expect(html).toContain(`<title>${s.name} - constellation viewer</title>`);
  });

  it('compresses a scenario carrying element text, and the page decoder gives it back unchanged', () => {
    const s = withCatalogue(3000);
    const json = JSON.stringify(s);
    expect(json.length).toBeGreaterThan(STANDALONE_PLAIN_MAX_CHARS);
    const html = fillStandaloneTemplate(TEMPLATE, s);
    const slot = slotOf(html) as { scenarioDeflated: string; options: unknown };
    expect(Object.keys(slot).sort()).toEqual(['options', 'scenarioDeflated']);
    expect(slot.scenarioDeflated.length).toBeLessThan(json.length * 0.6); // ~2.5x by DEFLATE, 4/3 back by base64
    const bytes = base64UrlToBytes(slot.scenarioDeflated);
    const out = inflateWithBudget(bytes!, 64 * 1024 * 1024);
    if (typeof out === 'string') throw new Error(out);
    expect(strFromU8(out)).toBe(json);
    // the element text inside still parses to the same 3,000 satellites
    const back = JSON.parse(strFromU8(out)) as Scenario;
    const shell = back.shells.find((x) => x.kind === 'imported');
    expect(shell?.kind === 'imported' && parseElements(shell.text).accepted).toBe(3000);
  });

  it('never lets the scenario end the script element early', () => {
    const s = structuredClone(presetScenario('suncatcher')!);
    s.name = '</script><script>alert(1)</script><!--';
    const payload = standalonePayload(s);
    expect(payload).not.toMatch(/<\/script|<!--/i);
    const html = fillStandaloneTemplate(TEMPLATE, s);
    expect(html.match(/<\/script>/g)?.length).toBe(2); // the slot's and the module's own
    expect((slotOf(html) as { scenario: Scenario }).scenario.name).toBe(s.name);
  });
});
