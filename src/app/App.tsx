/**
 * The planner workspace: editor (left), 3D view and charts (centre), capacity (right).
 * Keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+S save file, Ctrl/Cmd+O open file.
 */
import { useEffect, useMemo, useState } from 'react';
import { WorkspaceContext, useWorkspace, useWs, type Workspace as WorkspaceValue } from '../ui/workspace';
import { startAutosave } from './boot';
import { Topbar } from '../ui/Topbar';
import { ShellsEditor } from '../ui/ShellsEditor';
import { shellCounts } from '../core/scenario/operations';
import { DesignEditor } from '../ui/DesignEditor';
import { GroundStationsEditor } from '../ui/GroundStationsEditor';
import { ScenarioSettings } from '../ui/ScenarioSettings';
import { CapacityPanel } from '../ui/CapacityPanel';
import { ChartsPanel } from '../ui/ChartsPanel';
import { ProgressBar } from '../ui/ProgressBar';
import { Messages } from '../ui/Messages';
import { ImportDialog } from '../ui/ImportDialog';
import { ViewerRegion } from './ViewerRegion';
import { useImports } from './imports';
import { useAnalysis } from './analysis';
import { onTablistKey } from '../ui/tabs';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { setDraftScope } from '../ui/drafts';
import { SweepFieldContext } from '../ui/fields';
import { TradeStudyDialog } from '../ui/TradeStudy';
import { fieldNameToParamPath } from '../core/trade/paths';

/** Skip links (the first tab stops): straight to the 3D view, the time controls, the editor, the figures. */
const SKIPS: ReadonlyArray<[string, string]> = [
  ['Skip to the 3D view', '[data-testid="constellation-view"]'],
  ['Skip to the time controls', '[data-testid="play-pause"]'],
  ['Skip to the editor', '.left [role="tab"][aria-selected="true"]'],
  ['Skip to the capacity figures', '[data-testid="run-sampled"]'],
];

type LeftTab = 'shells' | 'designs' | 'stations' | 'scenario';
const LEFT_TABS: readonly LeftTab[] = ['shells', 'designs', 'stations', 'scenario'];

/** The page root: provides the workspace (both stores, the actions and the page services, made in main.tsx) to every panel. */
export function App({ workspace }: { workspace: WorkspaceValue }) {
  const ws = workspace;
  return (
    <WorkspaceContext.Provider value={ws}>
      <Workspace />
    </WorkspaceContext.Provider>
  );
}

function isTextEditing(el: Element | null): boolean {
  return (
    !!el &&
    (el.tagName === 'TEXTAREA' ||
      (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text' && el.closest('[data-native-undo]') !== null))
  );
}

function Workspace() {
  const scenario = useWs((s) => s.history.present);
  const docId = useWs((s) => s.docId);
  setDraftScope(docId);
  const [tab, setTab] = useState<LeftTab>('shells');
  const [importOpen, setImportOpen] = useState<File | null | 'picker'>(null);
  const [dragOver, setDragOver] = useState(false);
  // Trade study dialog: closed, or open (optionally on one field, from an editor field's sweep action)
  const [trade, setTrade] = useState<{ path?: string; seq: number } | null>(null);
  const imports = useImports(scenario);
  const counts = useMemo(() => shellCounts(scenario, imports.counts), [scenario, imports.counts]);
  const analysis = useAnalysis(scenario, imports);
  const importSummaries = useMemo(
    () =>
      new Map(
        [...imports.results].map(([id, r]) => [
          id,
          { format: r.format, accepted: r.accepted, rejected: r.rejected.length, warnings: r.warnings.length },
        ]),
      ),
    [imports.results],
  );

  // Autosave (IndexedDB) for the lifetime of the page.
  const { store, actions } = useWorkspace();
  useEffect(
    () => startAutosave(store, actions, (s) => shellCounts(s, imports.countsRef.current).total),
    [store, actions, imports.countsRef],
  );

  // Undo / redo everywhere (fields commit every valid keystroke, so the scenario history is the undo).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !isTextEditing(document.activeElement)) {
        e.preventDefault();
        if (e.shiftKey) actions.redo();
        else actions.undo();
      } else if (k === 'y' && !e.shiftKey) {
        e.preventDefault();
        actions.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  const sweepAction = useMemo(
    () => ({
      pathOf: (name: string) => fieldNameToParamPath(scenario, name),
      sweep: (path: string) => setTrade((t) => ({ path, seq: (t?.seq ?? 0) + 1 })),
    }),
    [scenario],
  );

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const f = e.dataTransfer.files?.[0];
    if (f) setImportOpen(f);
  };

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragOver(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragOver(false);
      }}
      onDrop={onDrop}
    >
      <nav className="skip-links" aria-label="Skip links">
        {SKIPS.map(([label, sel]) => (
          <button
            key={label}
            type="button"
            className="skip-link"
            onClick={() => (document.querySelector(sel) as HTMLElement | null)?.focus()}
          >
            {label}
          </button>
        ))}
      </nav>
      <Topbar totalSatellites={counts.total} fleet={analysis.fleet} onTradeStudy={() => setTrade((t) => t ?? { seq: 1 })} />
      <div className="main">
        <aside className="left" aria-label="Scenario editor">
          <div className="tabs" role="tablist" aria-label="Editor" onKeyDown={(e) => onTablistKey(e, LEFT_TABS, tab, setTab)}>
            {(
              [
                ['shells', 'Shells'],
                ['designs', 'Designs'],
                ['stations', 'Ground'],
                ['scenario', 'Scenario'],
              ] as Array<[LeftTab, string]>
            ).map(([k, label]) => (
              <button
                key={k}
                role="tab"
                aria-selected={tab === k}
                tabIndex={tab === k ? 0 : -1}
                aria-controls={`tab-${k}`}
                id={`tabbtn-${k}`}
                onClick={() => setTab(k)}
              >
                {label}
              </button>
            ))}
          </div>
          <div className="tab-body" role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tabbtn-${tab}`}>
            <SweepFieldContext.Provider value={sweepAction}>
              <ErrorBoundary name="editor" key={docId}>
                {tab === 'shells' ? (
                  <ShellsEditor
                    importedCounts={imports.counts}
                    importSummaries={importSummaries}
                    onImport={() => setImportOpen('picker')}
                  />
                ) : null}
                {tab === 'designs' ? <DesignEditor /> : null}
                {tab === 'stations' ? <GroundStationsEditor /> : null}
                {tab === 'scenario' ? <ScenarioSettings /> : null}
              </ErrorBoundary>
            </SweepFieldContext.Provider>
          </div>
        </aside>
        <main className="centre">
          <div className="viewer-region" aria-label="3D view">
            <ErrorBoundary name="3D view">
              <ViewerRegion
                scenario={scenario}
                fleet={analysis.fleet}
                metrics={(analysis.sampled?.scenario === scenario ? analysis.sampled : analysis.analytic)?.metrics ?? null}
                rollup={(analysis.sampled?.scenario === scenario ? analysis.sampled : analysis.analytic)?.rollup ?? null}
                fleetCurrent={analysis.scenario === scenario && imports.pending === 0}
              />
            </ErrorBoundary>
            {dragOver ? <div className="drop-overlay">Drop an element file (TLE, OMM JSON/CSV/XML/KVN) to import it</div> : null}
          </div>
          <div>
            <ProgressBar />
            <ErrorBoundary name="charts">
              <ChartsPanel scenario={scenario} analysis={analysis} />
            </ErrorBoundary>
          </div>
        </main>
        <aside className="right" aria-label="Capacity">
          <ErrorBoundary name="capacity panel">
            <CapacityPanel scenario={scenario} analysis={analysis} counts={counts} />
          </ErrorBoundary>
        </aside>
      </div>
      <Messages />
      {trade ? (
        <ErrorBoundary name="trade study">
          <TradeStudyDialog key={trade.seq} initialPath={trade.path} imported={[...imports.columns]} onClose={() => setTrade(null)} />
        </ErrorBoundary>
      ) : null}
      {importOpen !== null ? (
        <ImportDialog initialFile={importOpen === 'picker' ? null : importOpen} onClose={() => setImportOpen(null)} />
      ) : null}
    </div>
  );
}
