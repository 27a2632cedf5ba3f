/** Top bar: scenarios (open, duplicate, delete, new from preset), undo/redo, files, share and embed (ShareDialog), theme. */
import { type RefObject, useEffect, useRef, useState } from 'react';
import { usePopupFocus } from '../render/focus';
import { effectiveTheme, readThemeChoice, saveThemeChoice, THEME_CHOICES, type ThemeChoice } from './theme';
import { useScenario, useWorkspace, useWs } from './workspace';
import type { SavedScenarioInfo } from './services';
import { PRESETS, defaultScenario } from '../core/presets';
import { fmtInt } from './format';
import { ShareDialog } from './ShareDialog';
import { EXPORT_FILE, EXPORT_FORMATS, TLE_MAX_SATELLITES, type ExportFormat } from '../core/fleet/export';
import type { Fleet } from '../core/fleet/fleet';

/** What the save indicator says: the state of the copy in this browser, never the reverse. */
const SAVE_LABEL = {
  saved: 'Saved in this browser',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Not saved (see message)',
  off: 'Autosave off',
} as const;

export function Topbar({
  totalSatellites,
  fleet,
  onTradeStudy,
}: {
  totalSatellites: number;
  fleet: Fleet | null;
  /** Opens the trade study (sweeps, optimum, comparison). */
  onTradeStudy?: () => void;
}) {
  const scenario = useScenario();
  const { actions, store, services } = useWorkspace();
  const { readScenarioFile, saveScenarioFile } = services.files;
  const { newScenarioId } = services.persistence;
  const canUndo = useWs((s) => s.history.past.length > 0);
  const canRedo = useWs((s) => s.history.future.length > 0);
  const saveStatus = useWs((s) => s.saveStatus);
  const saveNote = useWs((s) => s.saveNote);
  const theme = useWs((s) => s.theme);
  const [themeChoice, setThemeChoice] = useState<ThemeChoice>(readThemeChoice);
  const [menu, setMenu] = useState<'scenarios' | 'share' | 'export' | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const openFile = async (f: File) => {
    const r = await readScenarioFile(f);
    if (!r.ok) {
      actions.post(
        'error',
        `Could not open ${f.name}:\n${r.errors.slice(0, 6).join('\n')}` +
          `${r.errors.length > 6 ? `\n(and ${r.errors.length - 6} more)` : ''}\nNothing was changed.`,
      );
      return;
    }
    actions.open(r.scenario, newScenarioId());
    actions.post('info', `Opened "${r.scenario.name}" from ${f.name} as a new saved scenario.`);
    if (r.ignored.length)
      actions.post(
        'warning',
        `${f.name}: ${r.ignored.length >= 20 ? '20 or more fields' : `${r.ignored.length} field${r.ignored.length > 1 ? 's' : ''}`} ` +
          `unknown to this planner ${r.ignored.length > 1 ? 'were' : 'was'} ` +
          `ignored: ${r.ignored.slice(0, 6).join(', ')}${r.ignored.length > 6 ? ', …' : ''}.`,
      );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveScenarioFile(store.getState().history.present);
      } else if (e.key.toLowerCase() === 'o') {
        e.preventDefault();
        fileRef.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <header className="topbar">
      <span className="brand">Orbital DC planner</span>
      <div style={{ position: 'relative' }}>
        <button
          className="btn"
          aria-haspopup="true"
          aria-expanded={menu === 'scenarios'}
          onClick={() => setMenu(menu === 'scenarios' ? null : 'scenarios')}
          data-testid="scenarios-menu"
        >
          Scenarios ▾
        </button>
        {menu === 'scenarios' ? <ScenariosMenu onClose={() => setMenu(null)} /> : null}
      </div>
      <span className="doc-name" title={scenario.name} data-testid="doc-name">
        {scenario.name} · {fmtInt(totalSatellites)} sats
      </span>
      <span className="spacer" />
      {onTradeStudy ? (
        <button
          className="btn"
          onClick={onTradeStudy}
          title="Sweep a field, find its best value, compare scenarios"
          data-testid="trade-button"
        >
          Trade study
        </button>
      ) : null}
      <button className="btn" disabled={!canUndo} onClick={actions.undo} title="Undo (Ctrl+Z)" data-testid="undo">
        ↶ Undo
      </button>
      <button className="btn" disabled={!canRedo} onClick={actions.redo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
        ↷ Redo
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        tabIndex={-1}
        aria-hidden="true"
        className="sr-only"
        aria-label="Open scenario file"
        data-testid="open-scenario-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openFile(f);
        }}
      />
      <button className="btn" onClick={() => fileRef.current?.click()} title="Open a scenario JSON file (Ctrl+O)">
        Open…
      </button>
      <button className="btn" onClick={() => saveScenarioFile(scenario)} title="Save the scenario as a JSON file (Ctrl+S)">
        Save file
      </button>
      <div style={{ position: 'relative' }}>
        <button
          className="btn"
          aria-haspopup="true"
          aria-expanded={menu === 'export'}
          onClick={() => setMenu(menu === 'export' ? null : 'export')}
          title="Export the satellites' mean elements (TLE, OMM) for other tools"
          data-testid="export-menu"
        >
          Export ▾
        </button>
        {menu === 'export' ? <ExportMenu fleet={fleet} onClose={() => setMenu(null)} /> : null}
      </div>
      <div style={{ position: 'relative' }}>
        <button
          className="btn"
          aria-expanded={menu === 'share'}
          onClick={() => setMenu(menu === 'share' ? null : 'share')}
          data-testid="share-button"
        >
          Share ▸
        </button>
        {menu === 'share' ? <ShareDialog onClose={() => setMenu(null)} /> : null}
      </div>
      <label className="theme-choice">
        <span className="sr-only">Theme</span>
        <select
          value={themeChoice}
          data-testid="theme-choice"
          title={`Theme: ${themeChoice === 'system' ? `follows the system (now ${theme})` : themeChoice}`}
          onChange={(e) => {
            const c = e.target.value as ThemeChoice;
            setThemeChoice(c);
            saveThemeChoice(c);
            store.setState({ theme: effectiveTheme(c) });
          }}
        >
          {THEME_CHOICES.map(([k, label]) => (
            <option key={k} value={k}>
              {k === 'system' ? '◐ ' : k === 'dark' ? '☾ ' : '☀ '}
              {label}
            </option>
          ))}
        </select>
      </label>
      <span
        className={`save-status${saveStatus === 'error' || saveStatus === 'off' ? ' error' : ''}`}
        data-testid="save-status"
        data-status={saveStatus}
        role="status"
        title={saveNote ?? undefined}
      >
        {SAVE_LABEL[saveStatus]}
        {saveNote ? <span className="sr-only">: {saveNote}</span> : null}
      </span>
    </header>
  );
}

/**
 * A pop-up menu of the top bar: focus moves into it, Tab stays in it, Escape or a click outside it
 * (and outside its toggle button) closes it, and focus goes back to the button (src/render/focus.ts).
 */
function useCloseOnEscape(onClose: () => void, ref: RefObject<HTMLDivElement | null>) {
  usePopupFocus(ref, { onClose });
  useEffect(() => {
    const k = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const down = (e: PointerEvent) => {
      const t = e.target as Element | null;
      if (t && !t.closest('.menu') && !t.closest('[aria-expanded]')) onClose();
    };
    window.addEventListener('keydown', k);
    window.addEventListener('pointerdown', down);
    return () => {
      window.removeEventListener('keydown', k);
      window.removeEventListener('pointerdown', down);
    };
  }, [onClose]);
}

function ExportMenu({ fleet, onClose }: { fleet: Fleet | null; onClose: () => void }) {
  const scenario = useScenario();
  const { services } = useWorkspace();
  const busy = useWs((s) => s.task !== null);
  const [confirmTle, setConfirmTle] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useCloseOnEscape(onClose, box);
  const n = fleet?.count ?? 0;
  const tooManyForTle = n > TLE_MAX_SATELLITES;
  const files = Math.ceil(n / TLE_MAX_SATELLITES);
  const run = (f: ExportFormat, split?: number) => {
    onClose();
    if (fleet) void services.elements.exportElements(fleet, scenario, f, split);
  };
  return (
    <div ref={box} className="menu" role="dialog" aria-label="Export elements" style={{ right: 0, width: 380 }} data-testid="export-dialog">
      <p className="muted" style={{ marginTop: 0 }}>
        Mean elements of all {fmtInt(n)} satellites, in fleet order, for STK, GMAT, satellite.js and other SGP4 tools. Satellites keep their
        catalogue numbers; the others are numbered from 1.
      </p>
      {tooManyForTle ? (
        <p className="banner warning" data-testid="export-tle-limit">
          TLE holds at most {fmtInt(TLE_MAX_SATELLITES)} satellites per file (5-character catalogue numbers): this fleet has {fmtInt(n)}.
          OMM has no such limit.
        </p>
      ) : null}
      {confirmTle ? (
        <div role="alertdialog" aria-labelledby="tle-confirm-title" className="confirm" data-testid="export-tle-confirm">
          <p id="tle-confirm-title" style={{ marginTop: 0 }}>
            One TLE file would hold only the first {fmtInt(TLE_MAX_SATELLITES)} of {fmtInt(n)} satellites. How should the rest be written?
          </p>
          <div className="btn-row">
            {/* biome-ignore lint/a11y/noAutofocus: the confirmation takes focus when it opens (dialog pattern); Cancel returns it */}
            <button className="btn primary" data-testid="export-tle-omm" onClick={() => run('omm-json')} autoFocus>
              OMM JSON instead (all {fmtInt(n)})
            </button>
            <button className="btn" data-testid="export-tle-split" onClick={() => run('tle', TLE_MAX_SATELLITES)}>
              {files} TLE files, each numbered from 1
            </button>
            <button className="btn" data-testid="export-tle-first" onClick={() => run('tle')}>
              First {fmtInt(TLE_MAX_SATELLITES)} only
            </button>
            <button className="btn" data-testid="export-tle-cancel" onClick={() => setConfirmTle(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="btn-row" style={{ flexWrap: 'wrap' }}>
          {EXPORT_FORMATS.map((f) => (
            <button
              key={f}
              className="btn"
              disabled={!fleet || n === 0 || busy}
              data-testid={`export-${f}`}
              onClick={() => (f === 'tle' && tooManyForTle ? setConfirmTle(true) : run(f))}
            >
              {EXPORT_FILE[f].label}
              {f === 'tle' && tooManyForTle ? ` (max ${fmtInt(TLE_MAX_SATELLITES)}…)` : ''}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function ScenariosMenu({ onClose }: { onClose: () => void }) {
  const { actions, store, services } = useWorkspace();
  const { deleteScenario, listScenarios, loadScenario, newScenarioId, saveScenario } = services.persistence;
  const docId = useWs((s) => s.docId);
  const [list, setList] = useState<SavedScenarioInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useCloseOnEscape(onClose, box);
  const refresh = () =>
    listScenarios().then(
      (l) => setList(l),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void refresh();
  }, []);
  const open = async (id: string) => {
    const r = await loadScenario(id);
    if (!r.ok) return actions.post('error', r.error);
    actions.open(r.scenario, id);
    onClose();
  };
  const duplicate = async (id: string) => {
    const r = id === store.getState().docId ? { ok: true as const, scenario: store.getState().history.present } : await loadScenario(id);
    if (!r.ok) return actions.post('error', r.error);
    const copy = { ...r.scenario, name: `${r.scenario.name} copy`.slice(0, 200) };
    const nid = newScenarioId();
    try {
      await saveScenario(nid, copy, 0);
    } catch (e) {
      return actions.post('error', `Could not duplicate: ${(e as Error).message}`);
    }
    actions.open(copy, nid);
    onClose();
  };
  const remove = async (info: SavedScenarioInfo) => {
    if (!window.confirm(`Delete the saved scenario "${info.name}"? This cannot be undone.`)) return;
    try {
      await deleteScenario(info.id);
    } catch (e) {
      actions.post('error', `Could not delete "${info.name}": ${(e as Error).message}`);
      return;
    }
    if (info.id === store.getState().docId) {
      // the open scenario was deleted: open the most recent other one, or a fresh default
      const others = (await listScenarios().catch(() => [] as SavedScenarioInfo[])).filter((x) => x.id !== info.id);
      const next = others.length ? await loadScenario(others[0].id) : null;
      if (next?.ok) actions.open(next.scenario, next.id);
      else actions.open(defaultScenario(), newScenarioId());
      actions.post('info', `Deleted "${info.name}".`);
    }
    void refresh();
  };
  const fromPreset = (key: string) => {
    const p = PRESETS.find((x) => x.key === key);
    if (!p) return;
    actions.open(p.make(), newScenarioId());
    onClose();
  };
  return (
    <div ref={box} className="menu" role="dialog" aria-label="Saved scenarios" style={{ left: 0 }}>
      <h3 style={{ marginTop: 2 }}>Saved in this browser</h3>
      {error ? <div className="banner error">{error}</div> : null}
      <div className="menu-list">
        {list === null ? <div className="muted">Loading…</div> : null}
        {list?.length === 0 ? <div className="muted">Nothing saved yet.</div> : null}
        {list?.map((info) => (
          <div key={info.id} className={`menu-row${info.id === docId ? ' current' : ''}`} data-testid="saved-scenario">
            <span className="name" title={`${info.name} · ${new Date(info.updatedMs).toLocaleString()}`}>
              {info.name}
              <span className="muted"> · {fmtInt(info.satellites)} sats</span>
            </span>
            <button className="btn" onClick={() => void open(info.id)} disabled={info.id === docId}>
              Open
            </button>
            <button className="btn" onClick={() => void duplicate(info.id)}>
              Duplicate
            </button>
            <button className="btn danger" onClick={() => void remove(info)} aria-label={`Delete ${info.name}`}>
              Delete
            </button>
          </div>
        ))}
      </div>
      <h3>New from preset</h3>
      <div className="btn-row">
        {PRESETS.map((p) => (
          <button key={p.key} className="btn" onClick={() => fromPreset(p.key)}>
            {p.label}
          </button>
        ))}
      </div>
    </div>
  );
}
