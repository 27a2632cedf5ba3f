/**
 * `plan report`: the PDF read back with poppler (pdftotext, pdfinfo) for the default 1M scenario,
 * a custom scenario file with hostile names and the real catalogue; the compute figure against
 * `plan analyze --json`; the JSON checked with its zod schema; the per-shell CSV; formats and
 * paper from the options.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment } from '../../../src/core/report/shareLink';
import { loadInput } from '../../../src/cli/input';
import { main } from '../../../src/cli/main';
import { fmtInt, fmtSig } from '../../../src/core/format';
import { presetScenario } from '../../../src/core/presets';
import { elementsHash } from '../../../src/core/report/hash';
import { csvColumnName, ReportJsonSchema } from '../../../src/core/report/json';
import { reportShare } from '../../../src/core/report/shareLink';
import { serializeScenario } from '../../../src/core/scenario/load';
import type { Scenario } from '../../../src/core/scenario/schema';
import { pdfFile, pdfInfo, pdfText } from '../engine/report/pdfText';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-report-'));
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
}
async function plan(argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, stdout: c.out.join(''), stderr: c.err.join('') };
}
async function analyzeJson(file: string) {
  const r = await plan(['analyze', file, '--json', '-']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { satellites: number; totals: { computeGW: number } };
}
/** The PDF's text and pages; every page carries "Page k of N". */
function readPdf(path: string) {
  const bytes = new Uint8Array(readFileSync(path));
  const file = pdfFile(bytes);
  const info = pdfInfo(file);
  const text = pdfText(file);
  const pages = text.split('\f').slice(0, info.pages);
  pages.forEach((p, i) => {
    expect(p).toContain(`Page ${i + 1} of ${info.pages}`);
  });
  return { bytes, info, text, flat: text.replace(/\s+/g, ' ') };
}

describe('plan report --out x.pdf', () => {
  it('default scenario (1M, analytic): satellite count and compute figure as plan analyze --json, under 2 MB', async () => {
    const a = await analyzeJson('preset:orbital-compute-1m');
    const out = join(tmp, 'default.pdf');
    const r = await plan(['report', 'preset:orbital-compute-1m', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote the analytic feasibility report \(pdf, a4\) to .*default\.pdf/);
    const { bytes, info, flat } = readPdf(out);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(info.pageSize).toMatch(/\(A4\)/);
    expect(a.satellites).toBe(1_000_000);
    expect(flat).toContain('1,000,000 satellites');
    expect(flat).toContain(`${fmtSig(a.totals.computeGW, 4)} GW`);
    // the map bins a million satellites into cells
    expect(flat).toContain('2° cells in the colour of the shell');
  }, 120_000);

  it('a custom scenario file with markup, parentheses and backslashes in its names, on US Letter', async () => {
    const sc = presetScenario('starlink-72x22')!;
    const name = 'Mine <script>alert(1)</script> (v2) \\ final';
    const shell = 'Shell (A) <i>x</i> \\';
    const custom = { ...sc, name, shells: sc.shells.map((s) => ({ ...s, name: shell })) } as Scenario;
    const file = join(tmp, 'custom.json');
    writeFileSync(file, serializeScenario(custom));
    const a = await analyzeJson(file);
    const out = join(tmp, 'custom.pdf');
    const r = await plan(['report', file, '--out', out, '--paper', 'letter', '--share-base', 'https://planner.example/app']);
    expect(r.code, r.stderr).toBe(0);
    const { info, flat, text } = readPdf(out);
    expect(info.pageSize).toMatch(/^612 x 792 pts \(letter\)/);
    expect(info.title).toBe(`${name}: feasibility report`);
    expect(flat).toContain(name);
    expect(flat).toContain(shell);
    expect(flat).toContain(`${fmtInt(a.satellites)} satellites`);
    expect(flat).toContain(`${fmtSig(a.totals.computeGW, 4)} GW`);
    expect(flat).toContain('scenario file custom.json');
    // the share link printed in the PDF opens the same scenario in the page's decoder
    const loaded = loadInput(file).scenario;
    expect(loaded.name).toBe(name);
    const link = reportShare(loaded, 'https://planner.example/app').url!;
    expect(text.replace(/\s+/g, '')).toContain(link);
    const back = decodeShareFragment(link.slice(link.indexOf('#')));
    expect(back.ok && back.scenario).toEqual(loaded);
  }, 120_000);

  it('the real catalogue: satellite count and compute figure as plan analyze --json', async () => {
    const catalog = requireSharedData(CATALOG);
    const a = await analyzeJson(catalog);
    const out = join(tmp, 'catalog.pdf');
    const r = await plan(['report', catalog, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const { flat, bytes } = readPdf(out);
    expect(a.satellites).toBe(25_975);
    expect(flat).toContain('25,975 satellites');
    expect(flat).toContain(`${fmtSig(a.totals.computeGW, 4)} GW`);
    expect(flat).toContain('element file catalog-2022-08-09.tle');
    // the scenario of an element file does not carry the elements: the elements hash pins them
    const hash = elementsHash(loadInput(catalog).fleet.elements, 25_975);
    expect(flat.replace(/\s/g, '')).toContain(`ElementshashSHA-256${hash}`);
    expect(flat).toContain('carries the scenario without its element file');
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});

describe('plan report --format json|csv|html', () => {
  it('JSON: every figure, checked against the schema; units in the field names; same compute as analyze', async () => {
    const a = await analyzeJson('preset:starlink-72x22');
    const r = await plan(['report', 'preset:starlink-72x22', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = ReportJsonSchema.parse(JSON.parse(r.stdout));
    expect(doc.totals.computeGW).toBe(a.totals.computeGW);
    expect(doc.headline.computeGW).toBe(a.totals.computeGW);
    expect(doc.satellites).toBe(a.satellites);
    expect(doc.scenario.hashSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.charts.powerMarginKW.counts.reduce((s, c) => s + c, 0) + doc.charts.powerMarginKW.nonFinite).toBe(a.satellites);
    expect(doc.map?.drawing).toBe('dots');
    // every number of the totals names its unit, or is a count, share, fraction or equivalent
    const unit = /(GW|Ms|Km2|MWh|T|Usd|Share|Fraction|Equivalents|[sS]atellites)$/;
    for (const [k, v] of Object.entries(doc.totals)) if (typeof v === 'number' || v === null) expect(k).toMatch(unit);
    // a document that lost a field fails the schema
    const broken = JSON.parse(r.stdout);
    delete broken.scenario.hashSha256;
    expect(ReportJsonSchema.safeParse(broken).success).toBe(false);
  }, 60_000);

  it('CSV from the extension: one row per shell and a total row, columns with units', async () => {
    const out = join(tmp, 'shells.csv');
    const r = await plan(['report', 'preset:orbital-compute-1m', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    expect(head.slice(0, 3)).toEqual(['shell_id', 'name', 'kind']);
    for (const c of ['compute_gw', 'latency_p50_ms', 'array_area_km2', 'battery_energy_mwh', 'total_cost_usd', 'mass_to_orbit_t'])
      expect(head).toContain(c);
    expect(csvColumnName('costPerGWUsd')).toBe('cost_per_gw_usd');
    const a = await analyzeJson('preset:orbital-compute-1m');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(7 + 1);
    const k = head.indexOf('compute_gw');
    const sum = rows.slice(0, -1).reduce((s, r) => s + Number(r[k]), 0);
    expect(rows[rows.length - 1][2]).toBe('total');
    expect(Number(rows[rows.length - 1][k])).toBe(a.totals.computeGW);
    expect(sum).toBeCloseTo(a.totals.computeGW, 9);
  }, 60_000);

  it('HTML on stdout without --out; unknown extensions and --paper for HTML are one-line errors', async () => {
    const r = await plan(['report', 'preset:suncatcher']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    const x = await plan(['report', 'preset:suncatcher', '--out', join(tmp, 'r.txt')]);
    expect(x.code).toBe(2);
    expect(x.stderr).toBe(
      'plan: cannot tell the report format from "r.txt": name it .pdf, .html, .csv or .json, or give --format pdf|html|csv|json\n',
    );
    const p = await plan(['report', 'preset:suncatcher', '--out', join(tmp, 'r.html'), '--paper', 'letter']);
    expect(p.code).toBe(2);
    expect(p.stderr).toBe('plan: --paper is for the PDF report (this one is html)\n');
    const f = await plan(['report', 'preset:suncatcher', '--format', 'docx']);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe('plan: --format must be pdf, html, csv, json (not "docx")\n');
    expect(statSync(tmp).isDirectory()).toBe(true);
  }, 60_000);
});
