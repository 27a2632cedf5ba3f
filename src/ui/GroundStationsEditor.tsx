/**
 * Ground stations: table editing (name, latitude, longitude, altitude, elevation mask), CSV
 * import/export, a preset list of real gateway sites, and click-on-globe to add one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useScenario, useWorkspace, useWs } from './workspace';
import { GATEWAY_SITES } from '../core/presets';
import type { GroundStation } from '../core/scenario/schema';
import { checkNumber, fieldMessage, formatNumber, parseTypedNumber } from './fields';
import { HelpButton, useHelpToggle } from './help';
import { parseStationsCsv, stationsToCsv } from '../core/scenario/groundStationsCsv';
import { uniqueStationName } from '../core/scenario/operations';

type Col = { key: keyof GroundStation; label: string; unit: string; min: number; max: number };
const NUM_COLS: Col[] = [
  { key: 'latDeg', label: 'Lat', unit: 'deg', min: -90, max: 90 },
  { key: 'lonDeg', label: 'Lon', unit: 'deg', min: -180, max: 360 },
  { key: 'altitudeKm', label: 'Alt', unit: 'km', min: -0.5, max: 9 },
  { key: 'minElevationDeg', label: 'Mask', unit: 'deg', min: 0, max: 90 },
];

export function GroundStationsEditor() {
  const scenario = useScenario();
  const { actions, store, services } = useWorkspace();
  const globePick = useWs((s) => s.globePick);
  const stations = scenario.groundStations;
  const fileRef = useRef<HTMLInputElement>(null);
  const presetId = useId();

  const editStations = (fn: (g: GroundStation[]) => GroundStation[], key: string | null = null) => {
    const r = actions.edit((s) => ({ ...s, groundStations: fn(s.groundStations) }), key);
    return r.ok ? null : r.errors;
  };
  const importCsv = async (f: File) => {
    const r = parseStationsCsv(await f.text());
    if (r.stations.length === 0) {
      actions.post(
        'error',
        `${f.name}: no ground stations read.\n${r.errors
          .slice(0, 8)
          .map((e) => `line ${e.line}: ${e.reason}`)
          .join('\n')}`,
      );
      return;
    }
    const errs = editStations((g) => [...g, ...r.stations]);
    if (errs) return actions.post('error', `${f.name}: ${errs.join('; ')}`);
    const skipped = r.errors.length
      ? `\nSkipped ${r.errors.length} row(s):\n${r.errors
          .slice(0, 8)
          .map((e) => `line ${e.line}: ${e.reason}`)
          .join('\n')}`
      : '';
    actions.post(r.errors.length ? 'warning' : 'info', `Added ${r.stations.length} ground station(s) from ${f.name}.${skipped}`);
  };

  return (
    <div>
      <div className="card">
        <div className="btn-row">
          <button
            className="btn"
            onClick={() =>
              editStations((g) => [
                ...g,
                { name: uniqueStationName('New station', g), latDeg: 0, lonDeg: 0, altitudeKm: 0, minElevationDeg: 25 },
              ])
            }
          >
            + Add row
          </button>
          <button
            className={`btn${globePick === 'station' ? ' primary' : ''}`}
            aria-pressed={globePick === 'station'}
            data-testid="globe-pick"
            onClick={() => store.setState({ globePick: globePick === 'station' ? null : 'station' })}
            title="Then click on the globe in the 3D view (Esc to stop)"
          >
            {globePick === 'station' ? 'Click the globe… (Esc)' : 'Add by clicking the globe'}
          </button>
        </div>
        <div className="btn-row" style={{ marginTop: 6 }}>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            aria-label="Import ground stations CSV"
            data-testid="stations-csv-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importCsv(f);
            }}
          />
          <button className="btn" onClick={() => fileRef.current?.click()}>
            Import CSV…
          </button>
          <button
            className="btn"
            onClick={() =>
              services.files.downloadText(`${scenario.name.replace(/\W+/g, '-')}-ground-stations.csv`, stationsToCsv(stations), 'text/csv')
            }
          >
            Export CSV
          </button>
        </div>
        <div className="field" style={{ marginTop: 6 }}>
          <label htmlFor={presetId}>Add a real gateway site</label>
          <select
            id={presetId}
            value=""
            onChange={(e) => {
              const site = GATEWAY_SITES.find((s) => s.name === e.target.value);
              if (site) editStations((g) => [...g, { ...site, name: uniqueStationName(site.name, g) }]);
            }}
          >
            <option value="" disabled>
              Choose a site…
            </option>
            {GATEWAY_SITES.map((s) => (
              <option key={s.name} value={s.name} disabled={stations.some((x) => x.name === s.name)}>
                {s.name} ({s.latDeg.toFixed(2)}, {s.lonDeg.toFixed(2)})
              </option>
            ))}
          </select>
        </div>
        <p className="muted" style={{ margin: '6px 0 0' }}>
          {stations.length} station(s). CSV columns: name, lat_deg, lon_deg, altitude_km, min_elevation_deg.
        </p>
      </div>
      <div style={{ overflowX: 'auto' }}>
        {/* one group per station: the name over the whole width (never cut), its numbers under it */}
        <table className="data stations" aria-label="Ground stations">
          <thead>
            <tr>
              {NUM_COLS.map((c) => (
                <ColumnHead key={c.key} col={c} />
              ))}
              <th>
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          {stations.map((st, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is edited and removed by its index in the list
            <tbody key={i} className="station">
              <tr className="station-name">
                <td className="name" colSpan={NUM_COLS.length}>
                  <CellInput
                    label={`Station ${i + 1} name`}
                    value={st.name}
                    numeric={false}
                    commit={(t) => editStations((g) => g.map((x, k) => (k === i ? { ...x, name: t } : x)), `gs:${i}:name`)}
                  />
                </td>
                <td rowSpan={2} className="remove">
                  <button
                    className="btn icon danger"
                    aria-label={`Remove ${st.name}`}
                    onClick={() => editStations((g) => g.filter((_, k) => k !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
              <tr>
                {NUM_COLS.map((c) => (
                  <td key={c.key}>
                    <CellInput
                      label={`Station ${i + 1} ${c.label} (${c.unit})`}
                      value={formatNumber(st[c.key] as number)}
                      numeric
                      check={(t) => checkNumber(parseTypedNumber(t), { min: c.min, max: c.max }, c.unit)}
                      commit={(t) =>
                        editStations((g) => g.map((x, k) => (k === i ? { ...x, [c.key]: parseTypedNumber(t) } : x)), `gs:${i}:${c.key}`)
                      }
                    />
                  </td>
                ))}
              </tr>
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}

/** A table cell input validated as typed; the error is the input's title and an aria-invalid mark. */
function CellInput({
  label,
  value,
  numeric,
  check,
  commit,
}: {
  label: string;
  value: string;
  numeric: boolean;
  check?: (t: string) => string | null;
  commit: (t: string) => string[] | null;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (last.current !== value) {
      last.current = value;
      setText(value);
      setError(null);
    }
  }, [value]);
  return (
    <>
      <input
        type="text"
        aria-label={label}
        inputMode={numeric ? 'decimal' : undefined}
        value={text}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const local = numeric ? check?.(t) : t.trim() === '' ? 'must not be empty' : null;
          if (local) return setError(`${label}: ${local}`);
          const errs = commit(t);
          if (errs) return setError(`${label}: ${fieldMessage(errs)}`);
          last.current = numeric ? formatNumber(parseTypedNumber(t) ?? Number.NaN) : t;
          setError(null);
        }}
      />
      {error ? (
        <span className="field-error" role="alert" style={{ display: 'block', whiteSpace: 'normal' }}>
          {error}
        </span>
      ) : null}
    </>
  );
}

/** Where each column's default comes from (the doc comments of GroundStationSchema, src/core/scenario/schema.ts). */
const COLUMN_HELP: Partial<Record<Col['key'], string>> = {
  latDeg: 'Geodetic latitude of the station.',
  lonDeg: 'Longitude, east positive.',
  altitudeKm: 'Height above the ellipsoid; new rows start at 0 km, the gateway sites carry their own.',
  minElevationDeg:
    'Elevation mask: satellites lower in the sky do not count as in view. Default 25 deg, the Starlink gateway mask ' +
    '(PHYSICS.md Latency: Starlink 25, Kuiper 30, Telesat 10).',
};

/** A column heading with a "?" (keyboard and touch) that shows the unit, range and the default's source. */
function ColumnHead({ col }: { col: Col }) {
  const h = useHelpToggle();
  return (
    <th className="col-head">
      {col.label} <HelpButton label={`${col.label} (${col.unit})`} open={h.open} onToggle={h.toggle} controls={h.id} />
      {h.open ? (
        <span
          className={`help-pop col-help${col.key === 'altitudeKm' || col.key === 'minElevationDeg' ? ' end' : ''}`}
          id={h.id}
          role="note"
          data-testid="help-pop"
        >
          <span className="help-text">
            {COLUMN_HELP[col.key] ?? ''} Unit: {col.unit}; allowed {col.min} to {col.max}.
          </span>
        </span>
      ) : null}
    </th>
  );
}
