import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { fmtInt, fmtSig } from '../../../../src/core/format';
import { presetScenario } from '../../../../src/core/presets';
import { SCENARIO_VERSION } from '../../../../src/core/scenario/schema';
import { constellationMapChart, loadLand } from '../../../../src/core/report/constellationMap';
import * as satellite from 'satellite.js';
import { canonicalJson, scenarioHash } from '../../../../src/core/report/hash';
import { buildReportModel, type ReportInput, reportData } from '../../../../src/core/report/model';
import { renderReportPdf } from '../../../../src/engine/report/pdf';
import { runAnalysis } from '../../../../src/core/report/run';
import type { Scenario } from '../../../../src/core/scenario/schema';
import { testFonts } from './fonts';
import { pdfFile, pdfFonts, pdfInfo, pdfText, rawPdf } from './pdfText';

const HOSTILE_SCENARIO = '<script>alert("x")</script> (a) \\ b';
const HOSTILE_SHELL = 'Shell <b>(1)</b> \\ x';
const HOSTILE_STATION = 'Station <img src=x onerror=alert(1)> (α)';

function hostileScenario(): Scenario {
  const sc = presetScenario('suncatcher')!;
  return {
    ...sc,
    name: HOSTILE_SCENARIO,
    shells: sc.shells.map((s) => ({ ...s, name: HOSTILE_SHELL })),
    groundStations: [{ ...sc.groundStations[0], name: HOSTILE_STATION }, ...sc.groundStations.slice(1)],
  } as Scenario;
}

async function input(scenario: Scenario): Promise<ReportInput> {
  const fleet = buildFleet(scenario);
  const run = runAnalysis(fleet, scenario, 'analytic');
  return {
    scenario,
    fleet,
    run,
    generatedAtMs: Date.UTC(2026, 11, 3),
    source: 'test',
    version: '0.1.0',
    land: await loadLand(),
    share: { url: 'https://planner.example/#s=1.abc(def)' },
  };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('feasibility report (PDF), read back with poppler', () => {
  it('has selectable text with the names as plain text, the figures, page footers and a contents page that points right', async () => {
    const inp = await input(hostileScenario());
    const bytes = await renderReportPdf(buildReportModel(inp), { fonts: testFonts(), createdAtMs: inp.generatedAtMs });
    const file = pdfFile(bytes);
    const info = pdfInfo(file);
    const text = pdfText(file);
    const flat = squash(text);
    expect(info.pageSize).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info.title).toBe(`${HOSTILE_SCENARIO}: feasibility report`);
    // names from the file come back as the same characters (markup, parentheses and backslashes included)
    expect(flat).toContain(HOSTILE_SCENARIO);
    expect(flat).toContain(HOSTILE_SHELL);
    expect(flat).toContain(HOSTILE_STATION);
    // figures
    const t = inp.run.rollup.totals;
    expect(flat).toContain(fmtInt(inp.fleet.count));
    expect(flat).toContain(`${fmtSig(t.computeGW, 4)} GW`);
    // every page has its footer
    const pages = text.split('\f').filter((p, i, a) => i < a.length - 1 || p.trim());
    expect(pages.length).toBe(info.pages);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${info.pages}`);
    });
    // the contents lines name the page each section starts on
    const toc = pdfText(file, true).split('\f')[0];
    for (const title of [
      'Findings',
      'Constellation',
      'Per shell',
      'Charts',
      'Ground stations',
      'Reproducibility',
      'Appendix: scenario document',
    ]) {
      const m = new RegExp(`^\\s*${title}[ .]+(\\d+)\\s*$`, 'm').exec(toc);
      expect(m, title).not.toBeNull();
      const page = Number(m![1]);
      expect(pages[page - 1]).toContain(title);
    }
    // reproducibility: the scenario hash is SHA-256 of the canonical JSON (node:crypto as the independent hash)
    const sha = createHash('sha256').update(canonicalJson(inp.scenario), 'utf8').digest('hex');
    expect(flat.replace(/\s/g, '')).toContain(`SHA-256${sha}`);
    expect(flat).toContain('https://planner.example/#s=1.abc(def)');
    // the scenario document rides along as the appendix
    expect(flat).toContain(`"version": ${SCENARIO_VERSION}`);
  });

  it('embeds subset fonts with Unicode maps, has bookmarks and destinations but no actions, JavaScript or images', async () => {
    const inp = await input(hostileScenario());
    const model = buildReportModel(inp);
    const file = pdfFile(await renderReportPdf(model, { fonts: testFonts() }));
    const fonts = pdfFonts(file);
    expect(fonts.length).toBe(3);
    for (const f of fonts) expect(f).toMatchObject({ emb: true, sub: true, uni: true });
    const raw = rawPdf(file);
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    // one bookmark per section (PDF string syntax: parentheses escaped)
    for (const sec of model.sections) expect(raw).toContain(`/Title (${sec.title.replace(/[()\\]/g, '\\$&')})`);
    expect(raw.match(/\/Subtype \/Link/g)?.length).toBe(model.sections.length);
    for (const bad of ['/JavaScript', '/JS ', '/JS(', '/Launch', '/URI', '/SubmitForm', '/ImportData', '/OpenAction', '/AA ', '/S /GoTo'])
      expect(raw, bad).not.toContain(bad);
    // charts and map are vector paths
    expect(raw).not.toContain('/Subtype /Image');
  });

  it('prints on US Letter with --paper letter', async () => {
    const inp = await input(presetScenario('starlink-72x22')!);
    const file = pdfFile(await renderReportPdf(buildReportModel(inp), { fonts: testFonts(), paper: 'letter' }));
    expect(pdfInfo(file).pageSize).toMatch(/^612 x 792 pts \(letter\)/);
    expect(pdfText(file)).toContain('Starlink-like 72x22');
  });

  it('scenario hash does not depend on key order and changes with the content', () => {
    const sc = presetScenario('suncatcher')!;
    const reversed = JSON.parse(JSON.stringify(sc, Object.keys(sc).reverse()));
    const shuffled = Object.fromEntries(Object.entries(sc).reverse());
    expect(scenarioHash(shuffled)).toBe(scenarioHash(sc));
    expect(scenarioHash({ ...sc, name: `${sc.name}!` })).not.toBe(scenarioHash(sc));
    // known value: SHA-256 of '{"a":1,"b":[2,"x"]}'
    expect(scenarioHash({ b: [2, 'x'], a: 1 })).toBe(createHash('sha256').update('{"a":1,"b":[2,"x"]}').digest('hex'));
    expect(reversed.name).toBe(sc.name);
  });
});

describe('constellation map', () => {
  it('puts each satellite under its satellite.js position and bins a large fleet into occupied 2-degree cells', async () => {
    const sc = presetScenario('starlink-72x22')!;
    const inp = await input(sc);
    const d = reportData(inp);
    const p = d.points!;
    expect(p.valid).toBe(inp.fleet.count);
    const e = inp.fleet.elements;
    for (const i of [0, 77, 1583]) {
      const rec = satellite.json2satrec({
        OBJECT_NAME: 'X',
        OBJECT_ID: 'X',
        EPOCH: new Date(e.epochMs[i]).toISOString().replace('Z', ''),
        MEAN_MOTION: e.meanMotionRevPerDay[i],
        ECCENTRICITY: e.eccentricity[i],
        INCLINATION: e.inclinationDeg[i],
        RA_OF_ASC_NODE: e.raanDeg[i],
        ARG_OF_PERICENTER: e.argPerigeeDeg[i],
        MEAN_ANOMALY: e.meanAnomalyDeg[i],
        NORAD_CAT_ID: 1,
        BSTAR: e.bstar[i],
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
      } as unknown as Parameters<typeof satellite.json2satrec>[0]);
      const pv = satellite.propagate(rec, new Date(p.timeMs));
      const gd = satellite.eciToGeodetic(pv!.position as satellite.EciVec3<number>, satellite.gstime(new Date(p.timeMs)));
      // geocentric (map) vs geodetic (satellite.js) latitude differ by < 0.2 deg
      expect(Math.abs(p.latDeg[i] - satellite.degreesLat(gd.latitude))).toBeLessThan(0.25);
      expect(Math.abs(((p.lonDeg[i] - satellite.degreesLong(gd.longitude) + 540) % 360) - 180)).toBeLessThan(0.01);
      expect(e.inclinationDeg[i]).toBeCloseTo(53, 6);
    }
    const chart = constellationMapChart(inp.fleet, p, [], { mode: 'density' });
    const cells = new Set<string>();
    for (let i = 0; i < inp.fleet.count; i++) cells.add(`${Math.floor((p.lonDeg[i] + 180) / 2)},${Math.floor((90 - p.latDeg[i]) / 2)}`);
    let drawn = 0;
    for (const q of chart.prims) if (q.t === 'rects' && q.fill !== '#000' && q.fill !== '#fff') drawn += q.xywh.length / 4;
    expect(drawn).toBe(cells.size);
  });
});
