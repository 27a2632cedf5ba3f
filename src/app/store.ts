/**
 * The workspace store's implementation: the scenario with its undo history, messages, the selected
 * shell, theme, and the long-running task (progress + cancel), in a store made by createStore
 * (src/core/store.ts). Its shape and the actions' interface are defined below ui
 * (src/ui/workspace.ts). Every scenario edit is validated before it is committed, so the scenario
 * held here (and handed to the engine) is always valid. The selected satellite is held once, in
 * the viewer store (createPageViewer).
 */
import { validateScenario } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';
import { createHistory, pushHistory, redoHistory, resetHistory, undoHistory } from '../core/scenario/history';
import { createStore } from '../core/store';
import { createViewerStore, defaultViewerState, type ViewerStore } from '../render/store';
import type { EditResult, MessageLevel, WorkspaceActions, WorkspaceState, WorkspaceStore } from '../ui/workspace';

let messageSeq = 1;
let taskSeq = 1;

export function createWorkspace(scenario: Scenario, docId: string): WorkspaceStore {
  return createStore<WorkspaceState>({
    docId,
    history: createHistory(scenario),
    messages: [],
    saveStatus: 'unsaved',
    saveNote: null,
    selectedShellId: scenario.shells[0]?.id ?? null,
    theme: 'dark',
    task: null,
    ready: false,
    globePick: null,
  });
}

/** After an edit: "unsaved" until autosave runs, unless autosave is off (it stays off). */
const unsavedOr = (s: WorkspaceState): WorkspaceState['saveStatus'] => (s.saveStatus === 'off' ? 'off' : 'unsaved');

/**
 * The page's 3D-view store, made next to the workspace store: the clock starts at the analysis
 * window start (where the analytic figures beside it apply), and the capacity card in the scene is
 * off (the capacity panel sits next to it; embeds and screenshots of the viewer alone keep it).
 * It holds the one selection (`selectedId`) that the panels, the inspector and the frame loop read.
 */
export function createPageViewer(scenario: Scenario): ViewerStore {
  const startMs = Date.parse(scenario.window.start);
  return createViewerStore({
    ...defaultViewerState(startMs),
    epochMs: Date.parse(scenario.epoch),
    windowStartMs: startMs,
    windowEndMs: startMs + scenario.window.durationMin * 60_000,
    layers: { ...defaultViewerState().layers, capacity: false },
  });
}

/**
 * Actions on a workspace store (the ui's WorkspaceActions). Pure functions of the two stores so
 * tests can drive them in Node; `viewer` holds the selection, which opening a document clears.
 */
export function workspaceActions(store: WorkspaceStore, viewer: ViewerStore): WorkspaceActions {
  const post = (level: MessageLevel, text: string): number => {
    const id = messageSeq++;
    store.setState((s) => ({ messages: [...s.messages.slice(-7), { id, level, text }] }));
    return id;
  };
  const dismiss = (id: number): void => store.setState((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));

  /**
   * Apply `fn` to the scenario. The result is validated as a whole; an invalid result is
   * refused (returned as errors naming the field) and the scenario is left unchanged.
   * `key` coalesces consecutive edits of one field into one undo step.
   */
  const edit = (fn: (s: Scenario) => Scenario, key: string | null = null): EditResult => {
    const cur = store.getState().history.present;
    let next: Scenario;
    try {
      next = fn(cur);
    } catch (e) {
      return { ok: false, errors: [(e as Error).message] };
    }
    if (next === cur) return { ok: true };
    const r = validateScenario(next);
    if (!r.ok) return { ok: false, errors: r.errors };
    store.setState((s) => ({ history: pushHistory(s.history, r.scenario, key, Date.now()), saveStatus: unsavedOr(s) }));
    return { ok: true };
  };

  const undo = (): void => store.setState((s) => ({ history: undoHistory(s.history), saveStatus: unsavedOr(s) }));
  const redo = (): void => store.setState((s) => ({ history: redoHistory(s.history), saveStatus: unsavedOr(s) }));

  /** Open another scenario document (no undo across documents). */
  const open = (scenario: Scenario, docId: string): void => {
    store.setState((s) => ({
      history: resetHistory(scenario),
      docId,
      saveStatus: unsavedOr(s),
      selectedShellId: scenario.shells[0]?.id ?? null,
    }));
    viewer.setState({ selectedId: null });
  };

  const startTask = (label: string, cancel: (() => void) | null): number => {
    const id = taskSeq++;
    store.setState({ task: { id, label, fraction: null, detail: '', cancel } });
    viewer.setState({ backgroundTask: true });
    return id;
  };
  const progressTask = (id: number, fraction: number | null, detail = ''): void => {
    const t = store.getState().task;
    if (t && t.id === id) store.setState({ task: { ...t, fraction, detail } });
  };
  const endTask = (id: number): void => {
    const t = store.getState().task;
    if (t && t.id === id) {
      store.setState({ task: null });
      viewer.setState({ backgroundTask: false });
    }
  };

  return { post, dismiss, edit, undo, redo, open, startTask, progressTask, endTask };
}
