/**
 * The workspace as the panels see it: the state's shape, the actions, and the React context that
 * carries them (plus the viewer store, which holds the selection, and the page services of
 * ./services.ts). src/app implements all of it (src/app/store.ts, src/app/services.ts) and
 * provides it at the root (src/app/App.tsx); panels import only this file and ./services.ts,
 * never src/app (the `ui-not-app` lint rule). See docs/ARCHITECTURE.md "Where state lives".
 */
import { createContext, useContext } from 'react';
import type { History } from '../core/scenario/history';
import type { Scenario } from '../core/scenario/schema';
import type { Store } from '../core/store';
import { useStore, type ViewerStore } from '../render/store';
import type { WorkspaceServices } from './services';

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
  theme: Theme;
  task: TaskState | null;
  /** Set once the persisted scenario (or a share link) has been loaded. */
  ready: boolean;
  /** When 'station', a click on the globe adds a ground station there. */
  globePick: 'station' | null;
}

export type WorkspaceStore = Store<WorkspaceState>;

export type EditResult = { ok: true } | { ok: false; errors: string[] };

/** What panels may do to the workspace (implemented by src/app/store.ts `workspaceActions`). */
export interface WorkspaceActions {
  /** Show a message (the last eight are kept); returns its id. */
  post(level: MessageLevel, text: string): number;
  dismiss(id: number): void;
  /**
   * Apply `fn` to the scenario. The result is validated as a whole; an invalid result is refused
   * (returned as errors naming the field) and the scenario is left unchanged. `key` coalesces
   * consecutive edits of one field into one undo step.
   */
  edit(fn: (s: Scenario) => Scenario, key?: string | null): EditResult;
  undo(): void;
  redo(): void;
  /** Open another scenario document (no undo across documents; the selection is cleared). */
  open(scenario: Scenario, docId: string): void;
  /** Start the long-running task shown in the progress bar; returns its id. */
  startTask(label: string, cancel: (() => void) | null): number;
  progressTask(id: number, fraction: number | null, detail?: string): void;
  endTask(id: number): void;
}

export interface Workspace {
  store: WorkspaceStore;
  /** The 3D view's store: colour mode, clock, layers and the one selection (`selectedId`). */
  viewer: ViewerStore;
  actions: WorkspaceActions;
  services: WorkspaceServices;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside WorkspaceContext');
  return w;
}

/** Re-render when the selected slice of the workspace state changes. */
export function useWs<T>(select: (s: WorkspaceState) => T): T {
  return useStore(useWorkspace().store, select);
}

export function useScenario(): Scenario {
  return useWs((s) => s.history.present);
}

/** The selected satellite (the viewer store's `selectedId`), or null. */
export function useSelectedSatellite(): number | null {
  return useStore(useWorkspace().viewer, (s) => s.selectedId);
}
