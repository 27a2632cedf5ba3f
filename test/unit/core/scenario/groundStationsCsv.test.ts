import { describe, expect, it } from 'vitest';
import { parseStationsCsv, stationsToCsv } from '../../../../src/core/scenario/groundStationsCsv';
import { splitCsvLine } from '../../../../src/core/csv';
import { GATEWAY_SITES } from '../../../../src/core/presets';

describe('ground stations CSV', () => {
  it('round-trips the gateway preset list exactly', () => {
    const csv = stationsToCsv(GATEWAY_SITES);
    const r = parseStationsCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.stations).toEqual(GATEWAY_SITES);
  });
  it('reads a header in another order with quoted names and reports bad rows by line', () => {
    const text = [
      'Latitude,Longitude,Name,Mask',
      '78.23,15.39,"Svalbard, SvalSat",10',
      '91,0,Too far north,25',
      'abc,0,Not a number,25',
      '',
      '-52.94,-70.85,Punta Arenas,',
    ].join('\n');
    const r = parseStationsCsv(text);
    expect(r.stations.map((s) => s.name)).toEqual(['Svalbard, SvalSat', 'Punta Arenas']);
    expect(r.stations[0]).toEqual({ name: 'Svalbard, SvalSat', latDeg: 78.23, lonDeg: 15.39, altitudeKm: 0, minElevationDeg: 10 });
    expect(r.stations[1].minElevationDeg).toBe(25);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(r.errors[0].reason).toMatch(/latDeg/);
    expect(r.errors[1].reason).toMatch(/not a number/);
  });
  it('accepts files without a header in the documented order', () => {
    const r = parseStationsCsv('Goonhilly,50.05,-5.18,0.1,25\n');
    expect(r.stations).toEqual([{ name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, altitudeKm: 0.1, minElevationDeg: 25 }]);
  });
  it('splits quoted fields with doubled quotes', () => {
    expect(splitCsvLine('"a ""b"", c",1,2')).toEqual(['a "b", c', '1', '2']);
  });
  it('reads semicolon and tab files (spreadsheet exports), and names with delimiters and spaces round-trip', () => {
    const want = { name: 'Kiruna', latDeg: 67.86, lonDeg: 20.96, altitudeKm: 0.4, minElevationDeg: 5 };
    for (const d of [';', '\t'])
      expect(parseStationsCsv(`name${d}lat${d}lon${d}alt_km${d}mask\nKiruna${d}67.86${d}20.96${d}0.4${d}5\n`).stations).toEqual([want]);
    const odd = [{ ...want, name: 'A; "B",\tC ' }];
    expect(parseStationsCsv(stationsToCsv(odd)).stations).toEqual([{ ...want, name: 'A; "B",\tC' }]);
  });
});
