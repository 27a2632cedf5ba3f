/**
 * The one state container of the page: the workspace store (src/app/store.ts) and the viewer
 * store (src/render/store.ts) are both made by `createStore`. A value with subscribers, replaced
 * as a whole on every `setState` (a shallow merge of the patch), so readers compare slices with
 * `Object.is`. React reads it through `useStore` (src/render/store.ts, useSyncExternalStore);
 * the frame loop and Node tests call `getState()` directly.
 */
export interface Store<S> {
  getState(): S;
  /** Merge `patch` (or the patch `fn(state)` returns) into the state and notify every subscriber. */
  setState(patch: Partial<S> | ((s: S) => Partial<S>)): void;
  /** Call `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...p };
      for (const l of listeners) l();
    },
    subscribe(l) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
}
