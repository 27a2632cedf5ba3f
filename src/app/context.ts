/** React context carrying the workspace store and its actions to every panel. */
import { createContext, useContext } from 'react';
import type { Store, WorkspaceActions, WorkspaceState } from './store';
import { useStoreValue } from './store';
import type { Scenario } from '../core/scenario/schema';

export interface Workspace {
  store: Store<WorkspaceState>;
  actions: WorkspaceActions;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside WorkspaceContext');
  return w;
}

export function useWs<T>(select: (s: WorkspaceState) => T): T {
  const { store } = useWorkspace();
  return useStoreValue(store, select);
}

export function useScenario(): Scenario {
  return useWs((s) => s.history.present);
}
