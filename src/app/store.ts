/**
 * The workspace store: the scenario with its undo history, messages, selection, theme, and
 * the long-running task (progress + cancel). A small external store read through
 * useSyncExternalStore; every scenario edit is validated before it is committed, so the
 * scenario held here (and handed to the engine) is always valid.
 */
import { useSyncExternalStore } from 'react';
import { validateScenario } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';
import { createHistory, pushHistory, redoHistory, resetHistory, undoHistory, type History } from './history';

export type MessageLevel = 'info' | 'warning' | 'error';
export interface UiMessage {
  id: number;
  level: MessageLevel;
  text: string;
}

export interface TaskState {
  id: number;
  label: string;
  /** 0..1, or null while the amount of work is unknown. */
  fraction: number | null;
  detail: string;
  cancel: (() => void) | null;
}

export type Theme = 'dark' | 'light';

export interface WorkspaceState {
  docId: string;
  history: History<Scenario>;
  messages: UiMessage[];
  /** 'off': no usable IndexedDB (saveNote says why); 'error': the last save failed, the copy saved before it is kept. */
  saveStatus: 'saved' | 'saving' | 'unsaved' | 'error' | 'off';
  /** Why autosave is off or failed, in words (null when saving works). */
  saveNote: string | null;
  selectedShellId: string | null;
  selectedSatelliteId: number | null;
  theme: Theme;
  task: TaskState | null;
  /** Set once the persisted scenario (or a share link) has been loaded. */
  ready: boolean;
  /** When 'station', a click on the globe adds a ground station there. */
  globePick: 'station' | null;
}

type Listener = () => void;

export class Store<S> {
  private state: S;
  private listeners = new Set<Listener>();
  constructor(initial: S) {
    this.state = initial;
  }
  get = (): S => this.state;
  set = (patch: Partial<S> | ((s: S) => Partial<S>)): void => {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  };
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

let messageSeq = 1;
let taskSeq = 1;

export function createWorkspace(scenario: Scenario, docId: string): Store<WorkspaceState> {
  return new Store<WorkspaceState>({
    docId,
    history: createHistory(scenario),
    messages: [],
    saveStatus: 'unsaved',
    saveNote: null,
    selectedShellId: scenario.shells[0]?.id ?? null,
    selectedSatelliteId: null,
    theme: 'dark',
    task: null,
    ready: false,
    globePick: null,
  });
}

export type EditResult = { ok: true } | { ok: false; errors: string[] };

/** After an edit: "unsaved" until autosave runs, unless autosave is off (it stays off). */
const unsavedOr = (s: WorkspaceState): WorkspaceState['saveStatus'] => (s.saveStatus === 'off' ? 'off' : 'unsaved');

/** Actions on a workspace store. Pure functions of the store so tests can drive them in Node. */
export function workspaceActions(store: Store<WorkspaceState>) {
  const post = (level: MessageLevel, text: string): number => {
    const id = messageSeq++;
    store.set((s) => ({ messages: [...s.messages.slice(-7), { id, level, text }] }));
    return id;
  };
  const dismiss = (id: number): void => store.set((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));

  /**
   * Apply `fn` to the scenario. The result is validated as a whole; an invalid result is
   * refused (returned as errors naming the field) and the scenario is left unchanged.
   * `key` coalesces consecutive edits of one field into one undo step.
   */
  const edit = (fn: (s: Scenario) => Scenario, key: string | null = null): EditResult => {
    const cur = store.get().history.present;
    let next: Scenario;
    try {
      next = fn(cur);
    } catch (e) {
      return { ok: false, errors: [(e as Error).message] };
    }
    if (next === cur) return { ok: true };
    const r = validateScenario(next);
    if (!r.ok) return { ok: false, errors: r.errors };
    store.set((s) => ({ history: pushHistory(s.history, r.scenario, key, Date.now()), saveStatus: unsavedOr(s) }));
    return { ok: true };
  };

  const undo = (): void => store.set((s) => ({ history: undoHistory(s.history), saveStatus: unsavedOr(s) }));
  const redo = (): void => store.set((s) => ({ history: redoHistory(s.history), saveStatus: unsavedOr(s) }));

  /** Open another scenario document (no undo across documents). */
  const open = (scenario: Scenario, docId: string): void =>
    store.set((s) => ({
      history: resetHistory(scenario),
      docId,
      saveStatus: unsavedOr(s),
      selectedShellId: scenario.shells[0]?.id ?? null,
      selectedSatelliteId: null,
    }));

  const startTask = (label: string, cancel: (() => void) | null): number => {
    const id = taskSeq++;
    store.set({ task: { id, label, fraction: null, detail: '', cancel } });
    return id;
  };
  const progressTask = (id: number, fraction: number | null, detail = ''): void => {
    const t = store.get().task;
    if (t && t.id === id) store.set({ task: { ...t, fraction, detail } });
  };
  const endTask = (id: number): void => {
    const t = store.get().task;
    if (t && t.id === id) store.set({ task: null });
  };

  return { post, dismiss, edit, undo, redo, open, startTask, progressTask, endTask };
}

export type WorkspaceActions = ReturnType<typeof workspaceActions>;

export function useStoreValue<S, T>(store: Store<S>, select: (s: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
