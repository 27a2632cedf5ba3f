/**
 * Shells editor: add, duplicate, remove, reorder; kind; altitude, inclination, T/P/F, LTAN;
 * live satellite count per shell and in total, with a warning past 1,000,000.
 */
import { useMemo } from 'react';
import { useScenario, useWorkspace, useWs } from './workspace';
import { MAX_FLEET_SATELLITES } from '../core/fleet/generators';
import type { ImportedShell, Shell, SsoShell, WalkerShell } from '../core/scenario/schema';
import { ssoInclinationDeg } from '../core/orbit';
import {
  addShell,
  convertShellKind,
  duplicateShell,
  moveShell,
  newWalkerShell,
  removeShell,
  shellCounts,
  updateShell,
} from '../core/scenario/operations';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { fmtInt, fmtSig } from './format';
import { scenarioHint } from './schemaMeta';

/** The planner is designed around 1,000,000 satellites and must still work at 2,000,000. */
export const SATELLITE_WARN_TOTAL = 1_000_000;
export const SATELLITE_TESTED_TOTAL = 2_000_000;

/** What the parse of an imported shell's elements found (shown under the shell). */
export interface ImportSummary {
  format: string;
  accepted: number;
  rejected: number;
  warnings: number;
}

export function ShellsEditor({
  importedCounts,
  importSummaries,
  onImport,
}: {
  importedCounts: ReadonlyMap<string, number>;
  importSummaries?: ReadonlyMap<string, ImportSummary>;
  onImport: () => void;
}) {
  const scenario = useScenario();
  const { actions, store } = useWorkspace();
  const selected = useWs((s) => s.selectedShellId);
  const counts = useMemo(() => shellCounts(scenario, importedCounts), [scenario, importedCounts]);

  // the shell edits are src/core/scenario/operations.ts; `edit` validates each one
  const editShell = (id: string, key: string, fn: (sh: Shell) => Shell) => {
    const r = actions.edit((s) => updateShell(s, id, fn), `shell:${id}:${key}`);
    return r.ok ? null : r.errors;
  };

  /** After the render that adds shell `id`: bring its card into view and put the cursor in its name. */
  const revealShell = (id: string) =>
    requestAnimationFrame(() => {
      const card = document.querySelector(`[data-shell="${CSS.escape(id)}"]`);
      card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      (card?.querySelector('input[type="text"]') as HTMLInputElement | null)?.focus({ preventScroll: true });
    });
  const add = () => {
    const sh = newWalkerShell(store.getState().history.present);
    const r = actions.edit((s) => addShell(s, sh));
    if (r.ok) {
      store.setState({ selectedShellId: sh.id });
      revealShell(sh.id);
    } else actions.post('error', r.errors.join('\n'));
  };
  const duplicate = (i: number) => {
    let id = '';
    const r = actions.edit((s) => {
      const d = duplicateShell(s, i);
      id = d.id;
      return d.scenario;
    });
    if (r.ok) {
      store.setState({ selectedShellId: id });
      revealShell(id);
    } else actions.post('error', r.errors.join('\n'));
  };
  const remove = (i: number) => {
    const r = actions.edit((s) => removeShell(s, i));
    if (!r.ok) actions.post('error', r.errors.join('\n'));
  };
  const move = (i: number, d: number) => actions.edit((s) => moveShell(s, i, d));

  const designOptions = scenario.designs.map((d) => ({ value: d.id, label: d.name }));
  return (
    <div>
      <div className="card" aria-live="polite">
        <div className="card-head">
          <span className="title">
            Total{' '}
            <span className="count" data-testid="total-count">
              {fmtInt(counts.total)}
            </span>{' '}
            satellites
          </span>
          <span className="muted">{scenario.shells.length} shells</span>
        </div>
        {counts.total > SATELLITE_TESTED_TOTAL ? (
          <div className="banner error" role="status">
            {fmtInt(counts.total)} satellites is beyond the 2,000,000 the planner is built and tested for (limit{' '}
            {fmtInt(MAX_FLEET_SATELLITES)}); expect slow views.
          </div>
        ) : counts.total > SATELLITE_WARN_TOTAL ? (
          <div className="banner warning" role="status" data-testid="count-warning">
            More than 1,000,000 satellites: beyond the FCC filing's ceiling. The planner still works up to 2,000,000; views and sampled
            analysis get slower.
          </div>
        ) : null}
        {counts.pending > 0 ? <div className="muted">Reading {counts.pending} imported element file(s)…</div> : null}
        <div className="btn-row">
          <button className="btn" onClick={add} data-testid="add-shell">
            + Add shell
          </button>
          <button className="btn" onClick={onImport} data-testid="import-elements">
            Import elements…
          </button>
        </div>
      </div>
      {scenario.shells.map((sh, i) => (
        <section
          key={sh.id}
          className={`card${selected === sh.id ? ' selected' : ''}`}
          data-shell={sh.id}
          aria-label={`Shell ${sh.name}`}
          onFocusCapture={() => store.getState().selectedShellId !== sh.id && store.setState({ selectedShellId: sh.id })}
        >
          <div className="card-head">
            <h4 className="title">{sh.name}</h4>
            <span className="count" data-testid={`count-${sh.id}`}>
              {fmtInt(counts.perShell.get(sh.id) ?? 0)}
            </span>
            <button className="btn icon" aria-label={`Move ${sh.name} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button
              className="btn icon"
              aria-label={`Move ${sh.name} down`}
              disabled={i === scenario.shells.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button className="btn icon" aria-label={`Duplicate ${sh.name}`} title="Duplicate" onClick={() => duplicate(i)}>
              <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" style={{ verticalAlign: -1 }}>
                <rect x="0.5" y="3.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" />
                <path d="M3.5 3.5V1.5a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H8.5" fill="none" stroke="currentColor" />
              </svg>
            </button>
            <button className="btn icon danger" aria-label={`Remove ${sh.name}`} title="Remove" onClick={() => remove(i)}>
              ×
            </button>
          </div>
          <div className="grid2 dense">
            <TextField
              label="Name"
              name={`shells.${sh.id}.name`}
              value={sh.name}
              maxLength={120}
              commit={(v) => editShell(sh.id, 'name', (x) => ({ ...x, name: v }))}
              wide
            />
            <SelectField
              label="Kind"
              name={`shells.${sh.id}.kind`}
              value={sh.kind}
              options={[
                { value: 'walker-delta', label: 'Walker delta', disabled: sh.kind === 'imported' },
                { value: 'walker-star', label: 'Walker star', disabled: sh.kind === 'imported' },
                { value: 'sso-dawn-dusk', label: 'Dawn-dusk SSO', disabled: sh.kind === 'imported' },
                { value: 'imported', label: 'Imported', disabled: sh.kind !== 'imported' },
              ]}
              commit={(k) =>
                k === 'imported'
                  ? ['import an element file to create an imported shell']
                  : editShell(sh.id, 'kind', (x) => convertShellKind(x, k))
              }
            />
            <SelectField
              label="Design"
              name={`shells.${sh.id}.designId`}
              value={sh.designId}
              options={designOptions}
              commit={(v) => editShell(sh.id, 'design', (x) => ({ ...x, designId: v }))}
              wide
            />
            <CheckField
              label="Enabled"
              name={`shells.${sh.id}.enabled`}
              value={sh.enabled}
              commit={(v) => editShell(sh.id, 'enabled', (x) => ({ ...x, enabled: v }))}
            />
          </div>
          <ShellKindFields shell={sh} editShell={editShell} summary={importSummaries?.get(sh.id)} />
        </section>
      ))}
    </div>
  );
}

type EditShell = (id: string, key: string, fn: (sh: Shell) => Shell) => string[] | null;

function ShellKindFields({ shell: sh, editShell, summary }: { shell: Shell; editShell: EditShell; summary?: ImportSummary }) {
  if (sh.kind === 'walker-delta' || sh.kind === 'walker-star') {
    const S = sh.totalSatellites / sh.planes;
    const ed = (key: string, fn: (x: WalkerShell) => WalkerShell) => editShell(sh.id, key, (x) => fn(x as WalkerShell));
    const h = (f: string) => scenarioHint('WalkerShellSchema', f);
    return (
      <div className="grid3" style={{ marginTop: 4 }}>
        <NumberField
          label="Altitude"
          unit="km"
          name={`shells.${sh.id}.altitudeKm`}
          value={sh.altitudeKm}
          min={160}
          max={40000}
          hint={h('altitudeKm')}
          commit={(v) => ed('alt', (x) => ({ ...x, altitudeKm: v }))}
        />
        <NumberField
          label="Inclination"
          unit="deg"
          name={`shells.${sh.id}.inclinationDeg`}
          value={sh.inclinationDeg}
          min={0}
          max={180}
          commit={(v) => ed('inc', (x) => ({ ...x, inclinationDeg: v }))}
        />
        <NumberField
          label="RAAN offset"
          unit="deg"
          name={`shells.${sh.id}.raanOffsetDeg`}
          value={sh.raanOffsetDeg}
          min={-360}
          max={360}
          commit={(v) => ed('raan', (x) => ({ ...x, raanOffsetDeg: v }))}
        />
        <NumberField
          label="T (total)"
          name={`shells.${sh.id}.totalSatellites`}
          value={sh.totalSatellites}
          integer
          min={1}
          max={2_000_000}
          hint="Total satellites T = P × S; must be a multiple of P"
          suggest={(v) => [Math.floor(v / sh.planes) * sh.planes, Math.ceil(v / sh.planes) * sh.planes]}
          commit={(v) => ed('T', (x) => ({ ...x, totalSatellites: v }))}
        />
        <NumberField
          label="P (planes)"
          name={`shells.${sh.id}.planes`}
          value={sh.planes}
          integer
          min={1}
          max={100000}
          hint="Orbital planes; satellites per plane S is kept, so T = P × S changes"
          commit={(v) => ed('P', (x) => ({ ...x, planes: v, totalSatellites: v * (x.totalSatellites / x.planes) }))}
        />
        <NumberField
          label="S (per plane)"
          name={`shells.${sh.id}.perPlane`}
          value={S}
          integer
          min={1}
          max={2_000_000}
          hint="Satellites per plane; T = P × S"
          commit={(v) => ed('S', (x) => ({ ...x, totalSatellites: v * x.planes }))}
        />
        <NumberField
          label="F (phasing)"
          name={`shells.${sh.id}.phasing`}
          value={sh.phasing}
          integer
          min={0}
          hint="Walker phasing: offset between adjacent planes F·360/T deg, 0 ≤ F < P"
          suggest={(v) => (v >= sh.planes ? [sh.planes - 1] : [])}
          commit={(v) => ed('F', (x) => ({ ...x, phasing: v }))}
        />
        <NumberField
          label="Eccentricity"
          name={`shells.${sh.id}.eccentricity`}
          value={sh.eccentricity}
          min={0}
          max={0.1}
          commit={(v) => ed('ecc', (x) => ({ ...x, eccentricity: v }))}
        />
        <NumberField
          label="Arg. perigee"
          unit="deg"
          name={`shells.${sh.id}.argPerigeeDeg`}
          value={sh.argPerigeeDeg}
          min={0}
          max={360}
          commit={(v) => ed('argp', (x) => ({ ...x, argPerigeeDeg: v }))}
        />
      </div>
    );
  }
  if (sh.kind === 'sso-dawn-dusk') {
    const ed = (key: string, fn: (x: SsoShell) => SsoShell) => editShell(sh.id, key, (x) => fn(x as SsoShell));
    const h = (f: string) => scenarioHint('SsoShellSchema', f);
    const arc = (sh as SsoShell & { inPlaneArcDeg?: number }).inPlaneArcDeg;
    return (
      <div className="grid3" style={{ marginTop: 4 }}>
        <NumberField
          label="Altitude"
          unit="km"
          name={`shells.${sh.id}.altitudeKm`}
          value={sh.altitudeKm}
          min={160}
          max={6000}
          hint={h('altitudeKm')}
          commit={(v) => ed('alt', (x) => ({ ...x, altitudeKm: v }))}
        />
        <div className="field">
          <label>Inclination (SSO)</label>
          <div className="field-input">
            <output data-testid={`sso-inc-${sh.id}`}>{fmtSig(ssoInclinationDeg(sh.altitudeKm), 5)}</output>
            <span className="unit">deg</span>
          </div>
        </div>
        <SelectField
          label="LTAN"
          name={`shells.${sh.id}.ltanHours`}
          value={sh.ltanHours}
          hint={h('ltanHours')}
          options={[
            { value: 6, label: '06 dawn' },
            { value: 18, label: '18 dusk' },
          ]}
          commit={(v) => ed('ltan', (x) => ({ ...x, ltanHours: v as 6 | 18 }))}
        />
        <NumberField
          label="Planes"
          name={`shells.${sh.id}.planes`}
          value={sh.planes}
          integer
          min={1}
          max={100000}
          commit={(v) => ed('P', (x) => ({ ...x, planes: v }))}
        />
        <NumberField
          label="Per plane"
          name={`shells.${sh.id}.satellitesPerPlane`}
          value={sh.satellitesPerPlane}
          integer
          min={1}
          max={1000000}
          commit={(v) => ed('S', (x) => ({ ...x, satellitesPerPlane: v }))}
        />
        <NumberField
          label="Phasing F"
          name={`shells.${sh.id}.phasing`}
          value={sh.phasing}
          integer
          min={0}
          hint={h('phasing')}
          commit={(v) => ed('F', (x) => ({ ...x, phasing: v }))}
        />
        <NumberField
          label="RAAN spread"
          unit="deg"
          name={`shells.${sh.id}.raanSpreadDeg`}
          value={sh.raanSpreadDeg}
          min={0}
          max={30}
          hint={h('raanSpreadDeg')}
          commit={(v) => ed('spread', (x) => ({ ...x, raanSpreadDeg: v }))}
        />
        {arc !== undefined ? (
          <NumberField
            label="In-plane arc"
            unit="deg"
            name={`shells.${sh.id}.inPlaneArcDeg`}
            value={arc}
            min={0}
            gt
            max={360}
            hint={h('inPlaneArcDeg')}
            commit={(v) => ed('arc', (x) => ({ ...x, inPlaneArcDeg: v }) as SsoShell)}
          />
        ) : null}
      </div>
    );
  }
  const imp = sh as ImportedShell;
  return (
    <div style={{ marginTop: 4 }} className="muted">
      From <span className="mono">{imp.source || 'an element file'}</span>
      {imp.acceptBadChecksums ? ' (bad checksums accepted with a warning)' : ''}; {fmtInt(imp.text.length)} characters of elements kept in
      the scenario.
      {summary ? (
        <div className={summary.accepted === 0 || summary.rejected > 0 ? 'field-error' : undefined} data-testid={`import-summary-${sh.id}`}>
          {summary.format.toUpperCase()}: {fmtInt(summary.accepted)} accepted, {fmtInt(summary.rejected)} rejected,{' '}
          {fmtInt(summary.warnings)} warnings
          {summary.accepted === 0 ? ' — no usable elements in this shell' : ''}
        </div>
      ) : (
        <div>Reading the elements…</div>
      )}
    </div>
  );
}
