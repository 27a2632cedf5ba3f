import { describe, expect, it } from 'vitest';
import { createHistory, pushHistory, redoHistory, undoHistory } from '../../../src/core/scenario/history';
import { createPageViewer, createWorkspace, workspaceActions } from '../../../src/app/store';
import { decodeShareFragment, encodeShareFragment, base64UrlToBytes, bytesToBase64Url, shareUrl } from '../../../src/core/report/shareLink';
import { defaultScenario, presetScenario } from '../../../src/core/presets';
import { SCENARIO_VERSION } from '../../../src/core/scenario/schema';
import { deflateSync, strToU8 } from 'fflate';

describe('undo history', () => {
  it('undoes and redoes in order; a new edit drops the redo branch', () => {
    let h = createHistory(0);
    h = pushHistory(h, 1, null, 0);
    h = pushHistory(h, 2, null, 10);
    h = undoHistory(h);
    expect(h.present).toBe(1);
    h = undoHistory(h);
    expect(h.present).toBe(0);
    expect(undoHistory(h)).toBe(h);
    h = redoHistory(h);
    expect(h.present).toBe(1);
    h = pushHistory(h, 5, null, 20);
    expect(h.future).toEqual([]);
    expect(redoHistory(h)).toBe(h);
  });
  it('coalesces consecutive edits of one field within the window into one step', () => {
    let h = createHistory('');
    h = pushHistory(h, '5', 'alt', 0);
    h = pushHistory(h, '55', 'alt', 500);
    h = pushHistory(h, '550', 'alt', 1000);
    expect(h.past).toEqual(['']);
    h = pushHistory(h, '5500', 'alt', 5000); // too late: a new step
    expect(h.past).toEqual(['', '550']);
    h = pushHistory(h, 'x', 'name', 5100); // another field: a new step
    expect(h.past.length).toBe(3);
  });
});

describe('workspace store', () => {
  it('refuses an invalid edit with the field named and keeps the scenario unchanged', () => {
    const s = presetScenario('starlink-72x22')!;
    const store = createWorkspace(s, 'doc');
    const a = workspaceActions(store, createPageViewer(s));
    const r = a.edit((x) => ({ ...x, shells: x.shells.map((sh) => ({ ...sh, altitudeKm: 100 })) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/^shells\[0\]\.altitudeKm: .*160 km/m);
    expect(store.getState().history.present).toBe(s);
    expect(store.getState().history.past.length).toBe(0);
    const ok = a.edit((x) => ({ ...x, name: 'Renamed' }));
    expect(ok.ok).toBe(true);
    expect(store.getState().history.present.name).toBe('Renamed');
    a.undo();
    expect(store.getState().history.present).toBe(s);
    a.redo();
    expect(store.getState().history.present.name).toBe('Renamed');
  });
  it('an edit that throws becomes an error, not an exception', () => {
    const s = presetScenario('starlink-72x22')!;
    const store = createWorkspace(s, 'doc');
    const r = workspaceActions(store, createPageViewer(s)).edit(() => {
      throw new Error('boom');
    });
    expect(r).toEqual({ ok: false, errors: ['boom'] });
  });
  it('holds the selected satellite once, in the viewer store; opening another document clears it and selects its first shell', () => {
    const s = presetScenario('starlink-72x22')!;
    const store = createWorkspace(s, 'doc');
    const viewer = createPageViewer(s);
    const a = workspaceActions(store, viewer);
    expect('selectedSatelliteId' in store.getState()).toBe(false);
    expect(viewer.getState().selectedId).toBeNull();
    viewer.setState({ selectedId: 17 });
    const other = presetScenario('suncatcher')!;
    a.open(other, 'doc2');
    expect(viewer.getState().selectedId).toBeNull();
    expect(store.getState().selectedShellId).toBe(other.shells[0].id);
    expect(store.getState().docId).toBe('doc2');
  });
  it('a task in the page slows the view ticks until it ends (only the task that started it ends it)', () => {
    const s = presetScenario('starlink-72x22')!;
    const store = createWorkspace(s, 'doc');
    const viewer = createPageViewer(s);
    const a = workspaceActions(store, viewer);
    expect(viewer.getState().backgroundTask).toBe(false);
    const id = a.startTask('Sampled analysis', null);
    expect(viewer.getState().backgroundTask).toBe(true);
    a.endTask(id + 1000);
    expect(viewer.getState().backgroundTask).toBe(true);
    a.endTask(id);
    expect(viewer.getState().backgroundTask).toBe(false);
    expect(store.getState().task).toBeNull();
  });

  it('the page viewer starts its clock at the analysis window start with the scenario epoch and window', () => {
    const s = presetScenario('starlink-72x22')!;
    const v = createPageViewer(s).getState();
    const startMs = Date.parse(s.window.start);
    expect(v.clock.baseSimMs).toBe(startMs);
    expect(v.windowStartMs).toBe(startMs);
    expect(v.windowEndMs).toBe(startMs + s.window.durationMin * 60_000);
    expect(v.epochMs).toBe(Date.parse(s.epoch));
    expect(v.layers.capacity).toBe(false);
  });
});

describe('share links', () => {
  it('round-trips the 1M default scenario exactly and stays short', () => {
    const s = defaultScenario();
    const frag = encodeShareFragment(s);
    expect(frag.startsWith('s=1.')).toBe(true);
    expect(frag.length).toBeLessThan(3000);
    const r = decodeShareFragment(`#${frag}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario).toEqual(s);
    const url = shareUrl('http://127.0.0.1:4173/index.html#old', s);
    expect(url).toBe(`http://127.0.0.1:4173/index.html#${frag}`);
  });
  it('base64url round-trips arbitrary bytes', () => {
    const b = new Uint8Array(1000).map((_, i) => (i * 37) & 255);
    for (const n of [0, 1, 2, 3, 4, 999])
      expect(Array.from(base64UrlToBytes(bytesToBase64Url(b.subarray(0, n)))!)).toEqual(Array.from(b.subarray(0, n)));
    expect(base64UrlToBytes('ab+c')).toBeNull();
  });
  it('gives a clear message for cut, damaged, too-new and invalid links', () => {
    const frag = encodeShareFragment(presetScenario('suncatcher')!);
    const cut = decodeShareFragment(frag.slice(0, Math.floor(frag.length / 2)));
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error).toMatch(/broken/);
    const newer = decodeShareFragment('s=2.AAAA');
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.error).toMatch(/newer planner .*link format 2/);
    const pack = (doc: unknown) => `s=1.${bytesToBase64Url(deflateSync(strToU8(JSON.stringify(doc))))}`;
    const future = decodeShareFragment(pack({ ...defaultScenario(), version: SCENARIO_VERSION + 1 }));
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatch(/newer than this planner/);
    const bad = decodeShareFragment(pack({ ...defaultScenario(), epoch: 'yesterday' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/epoch: /);
    const notJson = decodeShareFragment(`s=1.${bytesToBase64Url(deflateSync(strToU8('{not json')))}`);
    expect(notJson.ok).toBe(false);
    expect(decodeShareFragment('nothing=here').ok).toBe(false);
  });
});
