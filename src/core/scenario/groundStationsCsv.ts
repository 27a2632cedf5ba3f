/**
 * Ground stations as CSV: `name,lat_deg,lon_deg,altitude_km,min_elevation_deg`.
 * Reading accepts a header with common column names in any order (or no header, in that
 * order), the dialect of src/core/csv.ts (`,`, `;` or TAB as the first line shows; quoted fields;
 * cells trimmed), and reports every bad row with its line number and reason. Pure (used by the
 * page's ground-station editor).
 */
import { csvField, csvLines, detectCsvDelimiter, splitCsvLine, type CsvDelimiter } from '../csv';
import { type GroundStation, GroundStationSchema } from './schema';

export const CSV_HEADER = 'name,lat_deg,lon_deg,altitude_km,min_elevation_deg';

export interface CsvRowError {
  line: number;
  reason: string;
}
export interface StationsCsvResult {
  stations: GroundStation[];
  errors: CsvRowError[];
}

export function stationsToCsv(stations: readonly GroundStation[]): string {
  const rows = stations.map((s) => [csvField(s.name), s.latDeg, s.lonDeg, s.altitudeKm, s.minElevationDeg].join(','));
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

const COLUMN_NAMES: Record<keyof GroundStation, RegExp> = {
  name: /^(name|station|site)$/i,
  latDeg: /^(lat|latitude|lat_deg|latdeg|latitude_deg)$/i,
  lonDeg: /^(lon|long|lng|longitude|lon_deg|londeg|longitude_deg)$/i,
  altitudeKm: /^(alt|altitude|altitude_km|alt_km|altitudekm|height_km)$/i,
  minElevationDeg: /^(mask|min_elevation|min_elevation_deg|elevation_mask|mask_deg|minelevationdeg|min_el)$/i,
};
const ORDER: Array<keyof GroundStation> = ['name', 'latDeg', 'lonDeg', 'altitudeKm', 'minElevationDeg'];

export function parseStationsCsv(text: string): StationsCsvResult {
  const lines = csvLines(text);
  let delimiter: CsvDelimiter | null = null;
  const stations: GroundStation[] = [];
  const errors: CsvRowError[] = [];
  let cols: Array<keyof GroundStation | null> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    delimiter ??= detectCsvDelimiter(raw);
    const cells = splitCsvLine(raw, delimiter).map((c) => c.trim());
    if (cols === null) {
      const mapped = cells.map((c) => ORDER.find((k) => COLUMN_NAMES[k].test(c.replace(/\s+/g, '_'))) ?? null);
      if (mapped.filter(Boolean).length >= 3) {
        const missing = ['name', 'latDeg', 'lonDeg'].filter((k) => !mapped.includes(k as keyof GroundStation));
        if (missing.length) {
          errors.push({ line: i + 1, reason: `header lacks column(s): ${missing.join(', ')}` });
          return { stations, errors };
        }
        cols = mapped;
        continue;
      }
      cols = ORDER.slice();
    }
    const doc: Record<string, unknown> = {};
    let bad: string | null = null;
    cols.forEach((k, j) => {
      if (!k || bad) return;
      const v = cells[j] ?? '';
      if (k === 'name') doc.name = v;
      else if (v === '' && (k === 'altitudeKm' || k === 'minElevationDeg')) return;
      else {
        const n = Number(v);
        if (v === '' || !Number.isFinite(n)) bad = `${k}: "${v.slice(0, 30)}" is not a number`;
        else doc[k] = n;
      }
    });
    if (!bad) {
      doc.altitudeKm ??= 0;
      const r = GroundStationSchema.safeParse(doc);
      if (r.success) stations.push(r.data);
      else bad = r.error.issues.map((iss) => `${iss.path.join('.') || 'row'}: ${iss.message}`).join('; ');
    }
    if (bad) errors.push({ line: i + 1, reason: bad });
  }
  return { stations, errors };
}
