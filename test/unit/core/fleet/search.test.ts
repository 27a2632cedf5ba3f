/**
 * Satellite search (name, catalogue number, international designator) and `#sat=` references, on
 * the real 2022 catalogue imported beside a generated shell. Expected ids come from the catalogue
 * text itself (the line order of each record), not from the search code.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseElements } from '../../../../src/core/elements';
import { buildFleet } from '../../../../src/core/fleet/generators';
import type { Fleet } from '../../../../src/core/fleet/fleet';
import { resolveSatelliteRef, searchSatellites } from '../../../../src/core/fleet/search';
import { presetScenario } from '../../../../src/core/presets';
import type { Scenario } from '../../../../src/core/scenario/schema';
import { CATALOG, requireSharedData } from '../../cli/shared-data';

let fleet: Fleet;
let lines: string[];
/** Fleet id of the catalogue record whose line 1 starts with `1 <norad>`: its index among the line-1s, after the generated shell. */
let idOf: (norad: number) => number;
let generated: number;

beforeAll(() => {
  const text = readFileSync(requireSharedData(CATALOG), 'utf8');
  lines = text.split('\n').filter((l) => l.startsWith('1 '));
  // ISS (ZARYA) is NORAD 25544, 1998-067A: give that record its name, as a 3-line TLE would.
  const named = text.replace(/^(1 25544U)/m, 'ISS (ZARYA)\n$1');
  const parsed = parseElements(named);
  expect(parsed.accepted).toBe(25975);
  const base = presetScenario('starlink-72x22') as Scenario;
  const scenario: Scenario = {
    ...base,
    shells: [
      ...base.shells,
      { id: 'cat', name: 'catalogue', designId: base.designs[0].id, kind: 'imported', source: 'cat', text: '', enabled: true },
    ] as Scenario['shells'],
  };
  fleet = buildFleet(scenario, { imported: new Map([['cat', parsed.columns]]) });
  generated = fleet.shells[0].count;
  idOf = (norad) => generated + lines.findIndex((l) => Number(l.slice(2, 7)) === norad);
});

describe('searchSatellites', () => {
  it('finds a catalogue object by number, designator (OMM or TLE form) and name', () => {
    expect(idOf(25544)).toBeGreaterThan(generated);
    const byNumber = searchSatellites(fleet, '25544');
    expect(byNumber[0]).toMatchObject({ id: idOf(25544), noradId: 25544, objectId: '1998-067A', match: 'norad', name: 'ISS (ZARYA)' });
    expect(searchSatellites(fleet, '1998-067A')[0]).toMatchObject({ id: idOf(25544), match: 'designator' });
    expect(searchSatellites(fleet, '98067a')[0]).toMatchObject({ id: idOf(25544), match: 'designator' });
    expect(searchSatellites(fleet, 'iss (z')[0]).toMatchObject({ id: idOf(25544), match: 'name' });
    expect(searchSatellites(fleet, 'zarya')[0]).toMatchObject({ id: idOf(25544), match: 'name' });
    // unnamed catalogue objects go by "NORAD <n>"
    expect(searchSatellites(fleet, 'NORAD 5')[0]).toMatchObject({ id: idOf(5), name: 'NORAD 5' });
  });

  it('an exact number comes before numbers that merely start with it', () => {
    const hits = searchSatellites(fleet, '5', 8);
    expect(hits[0].noradId).toBe(5);
    for (const h of hits.slice(1)) expect(String(h.noradId).startsWith('5') || h.name.includes('5')).toBe(true);
    expect(hits.length).toBe(8);
  });

  it('designator prefixes list the pieces of one launch', () => {
    const want = lines.filter((l) => l.slice(9, 14) === '98067').length;
    const hits = searchSatellites(fleet, '1998-067', 1000);
    expect(hits.filter((h) => h.objectId.startsWith('1998-067')).length).toBe(want);
  });

  it('generated satellites by their names, without scanning the shell', () => {
    const sh = fleet.shells[0];
    const hit = searchSatellites(fleet, `${sh.name}-P3-S7`)[0];
    expect(hit).toMatchObject({ id: 2 * sh.satellitesPerPlane + 6, match: 'name', name: `${sh.name}-P3-S7` });
    expect(searchSatellites(fleet, sh.name.slice(0, 5).toLowerCase()).map((h) => h.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(searchSatellites(fleet, `${sh.name}-P99-S1`)).toEqual([]);
  });

  it('nothing for an empty query or no fleet, and a limit', () => {
    expect(searchSatellites(fleet, '   ')).toEqual([]);
    expect(searchSatellites(null, 'ISS')).toEqual([]);
    expect(searchSatellites(fleet, 'NORAD', 3)).toHaveLength(3);
  });
});

describe('resolveSatelliteRef (#sat= links)', () => {
  it('ids, catalogue numbers, exact names and designators', () => {
    expect(resolveSatelliteRef(fleet, '12')).toEqual({ ok: true, id: 12 });
    expect(resolveSatelliteRef(fleet, 'norad:25544')).toEqual({ ok: true, id: idOf(25544) });
    expect(resolveSatelliteRef(fleet, 'ISS (ZARYA)')).toEqual({ ok: true, id: idOf(25544) });
    expect(resolveSatelliteRef(fleet, 'iss (zarya)')).toEqual({ ok: true, id: idOf(25544) });
    expect(resolveSatelliteRef(fleet, '1998-067A')).toEqual({ ok: true, id: idOf(25544) });
    expect(resolveSatelliteRef(fleet, `${fleet.shells[0].name}-P1-S2`)).toEqual({ ok: true, id: 1 });
  });
  it('says why a reference names nothing', () => {
    expect(resolveSatelliteRef(fleet, String(fleet.count))).toEqual({
      ok: false,
      error: `there is no satellite ${fleet.count} (this scenario has ${fleet.count.toLocaleString('en-US')}, ids 0 to ${fleet.count - 1})`,
    });
    expect(resolveSatelliteRef(fleet, 'ISS')).toEqual({ ok: false, error: 'no satellite in this scenario is called "ISS"' });
    expect(resolveSatelliteRef(fleet, 'norad:1')).toEqual({ ok: false, error: 'no satellite in this scenario is called "norad:1"' });
    expect(resolveSatelliteRef(fleet, '')).toEqual({ ok: false, error: 'the link names no satellite' });
  });
});
