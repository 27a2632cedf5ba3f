/**
 * The editor's scenario operations (src/core/scenario/operations.ts): every result is checked with
 * the schema's own validation, counts against the fleet that buildFleet generates, and inputs are
 * never changed.
 */
import { describe, expect, it } from 'vitest';
import { buildFleet, MAX_FLEET_SATELLITES } from '../../../../src/core/fleet/generators';
import { DESIGN_PRESETS, presetScenario } from '../../../../src/core/presets';
import { validateScenario } from '../../../../src/core/scenario/load';
import {
  addDesign,
  addShell,
  addStation,
  convertShellKind,
  designUsers,
  duplicateDesign,
  duplicateShell,
  moveItem,
  moveShell,
  newWalkerShell,
  removeDesign,
  removeShell,
  shellCounts,
  stationAt,
  uniqueId,
  uniqueStationName,
  updateDesign,
  updateShell,
} from '../../../../src/core/scenario/operations';
import type { Scenario } from '../../../../src/core/scenario/schema';

const valid = (s: Scenario): Scenario => {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};
const frozen = (s: Scenario): Scenario => JSON.parse(JSON.stringify(s));

describe('names and ids', () => {
  it('uniqueId strips a trailing number and takes the first free suffix', () => {
    expect(uniqueId('shell', [])).toBe('shell');
    expect(uniqueId('shell', ['shell'])).toBe('shell-2');
    expect(uniqueId('shell-2', ['shell', 'shell-2', 'shell-3'])).toBe('shell-4');
    expect(uniqueId('', ['shell'])).toBe('shell-2');
    expect(uniqueId('x'.repeat(80), []).length).toBe(56);
  });
  it('uniqueStationName adds (2), (3) ... only when the name is taken', () => {
    const st = stationAt(0, 0);
    expect(uniqueStationName('A', [])).toBe('A');
    expect(
      uniqueStationName('A', [
        { ...st, name: 'A' },
        { ...st, name: 'A (2)' },
      ]),
    ).toBe('A (3)');
  });
  it('moveItem moves within range and copies otherwise', () => {
    expect(moveItem([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moveItem([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
    const l = [1, 2];
    const out = moveItem(l, 1, 2);
    expect(out).toEqual([1, 2]);
    expect(out).not.toBe(l);
  });
});

describe('shell counts', () => {
  it('total equals the satellites buildFleet generates; disabled shells count per shell but not in the total', () => {
    const s = presetScenario('orbital-compute-1m')!;
    const c = shellCounts(s, new Map());
    expect(c.total).toBe(buildFleet(s).count);
    expect(c.pending).toBe(0);
    const off = { ...s, shells: s.shells.map((sh, i) => (i === 0 ? { ...sh, enabled: false } : sh)) };
    const c2 = shellCounts(off, new Map());
    expect(c2.total).toBe(buildFleet(off).count);
    expect(c2.perShell.get(s.shells[0].id)).toBe(c.perShell.get(s.shells[0].id));
  });
  it('imported shells count their parsed elements, and are pending until parsed', () => {
    const s = presetScenario('suncatcher')!;
    const imp = { id: 'imp', name: 'Imported', designId: s.designs[0].id, enabled: true, kind: 'imported' as const };
    const withImp = { ...s, shells: [...s.shells, { ...imp, source: 'x.tle', text: '', acceptBadChecksums: false }] };
    const base = shellCounts(s, new Map()).total;
    expect(shellCounts(withImp, new Map())).toMatchObject({ total: base, pending: 1 });
    expect(shellCounts(withImp, new Map([['imp', 25]]))).toMatchObject({ total: base + 25, pending: 0 });
  });
});

describe('shell edits', () => {
  it('adds a valid Walker shell of 72 x 22 with a free id, without changing the input', () => {
    const s = presetScenario('starlink-72x22')!;
    const before = frozen(s);
    const sh = newWalkerShell(s);
    expect(s.shells.some((x) => x.id === sh.id)).toBe(false);
    const next = valid(addShell(s, sh));
    expect(next.shells.length).toBe(s.shells.length + 1);
    expect(buildFleet(next).count - buildFleet(s).count).toBe(72 * 22);
    expect(s).toEqual(before);
  });
  it('refuses a fleet beyond the limit with the fleet-size message', () => {
    const s = presetScenario('starlink-72x22')!;
    const huge = { ...newWalkerShell(s), totalSatellites: MAX_FLEET_SATELLITES + 72, planes: 72 };
    expect(() => addShell(s, huge)).toThrow(/satellites/);
  });
  it('duplicates after the original with a new id and " copy", removes and moves', () => {
    const s = presetScenario('orbital-compute-1m')!;
    const d = duplicateShell(s, 0);
    const next = valid(d.scenario);
    expect(next.shells[1].id).toBe(d.id);
    expect(d.id).not.toBe(s.shells[0].id);
    expect(next.shells[1].name).toBe(`${s.shells[0].name} copy`);
    expect({ ...next.shells[1], id: s.shells[0].id, name: s.shells[0].name }).toEqual(s.shells[0]);
    expect(valid(removeShell(next, 1)).shells).toEqual(s.shells);
    const moved = valid(moveShell(s, 0, 1));
    expect(moved.shells.map((x) => x.id)).toEqual(moveItem(s.shells, 0, 1).map((x) => x.id));
    expect(moveShell(s, 0, -1).shells.map((x) => x.id)).toEqual(s.shells.map((x) => x.id));
    expect(() => duplicateShell(s, 99)).toThrow(/shells\[99\]/);
  });
  it('updates one shell by id, and converts kinds keeping plane count and altitude', () => {
    const s = presetScenario('starlink-72x22')!;
    const id = s.shells[0].id;
    const next = valid(updateShell(s, id, (sh) => ({ ...sh, name: 'Renamed' })));
    expect(next.shells[0].name).toBe('Renamed');
    const sso = convertShellKind(s.shells[0], 'sso-dawn-dusk');
    expect(sso.kind).toBe('sso-dawn-dusk');
    if (sso.kind === 'sso-dawn-dusk' && s.shells[0].kind === 'walker-delta') {
      expect(sso.planes).toBe(s.shells[0].planes);
      expect(sso.planes * sso.satellitesPerPlane).toBe(s.shells[0].totalSatellites);
      expect(sso.altitudeKm).toBe(s.shells[0].altitudeKm);
    }
    const back = convertShellKind(sso, 'walker-delta');
    // J2 sun-synchronous condition cos i = -(a / 12,352 km)^3.5 (Wertz, SMAD): a = 6,928 km gives 97.6 deg
    if (back.kind === 'walker-delta') expect(back.inclinationDeg).toBeCloseTo(97.6, 0);
    valid(updateShell(s, id, (sh) => convertShellKind(sh, 'sso-dawn-dusk')));
  });
});

describe('design edits', () => {
  it('adds and duplicates under free ids, refuses to remove a design in use, removes an unused one', () => {
    const s = presetScenario('starlink-72x22')!;
    const used = s.shells[0].designId;
    expect(designUsers(s, used)).toBe(s.shells.filter((x) => x.designId === used).length);
    expect(() => removeDesign(s, used)).toThrow(/is flown by \d+ shell\(s\)/);
    const a = addDesign(s, DESIGN_PRESETS[0].make());
    const withNew = valid(a.scenario);
    expect(withNew.designs.length).toBe(s.designs.length + 1);
    expect(new Set(withNew.designs.map((d) => d.id)).size).toBe(withNew.designs.length);
    const dup = duplicateDesign(withNew, a.id);
    expect(valid(dup.scenario).designs.at(-1)?.name).toBe(`${withNew.designs.at(-1)?.name} copy`);
    expect(valid(removeDesign(dup.scenario, dup.id)).designs).toEqual(withNew.designs);
    const upd = valid(updateDesign(s, used, (d) => ({ ...d, name: 'New name' })));
    expect(upd.designs.find((d) => d.id === used)?.name).toBe('New name');
  });
});

describe('ground stations', () => {
  it('a clicked point becomes a station to 0.01 deg, renamed when the name is taken', () => {
    const st = stationAt(47.123456, -122.987654);
    expect(st).toEqual({ name: 'Station 47.12, -122.99', latDeg: 47.12, lonDeg: -122.99, altitudeKm: 0, minElevationDeg: 25 });
    const s = presetScenario('starlink-72x22')!;
    const once = valid(addStation(s, st));
    const twice = valid(addStation(once, st));
    expect(twice.groundStations.at(-1)?.name).toBe('Station 47.12, -122.99 (2)');
    expect(twice.groundStations.length).toBe(s.groundStations.length + 2);
  });
});
