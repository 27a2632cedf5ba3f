import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/core/store';

describe('createStore (the one store implementation)', () => {
  it('merges patches and functional patches into a new state object, keeping untouched fields', () => {
    const store = createStore({ a: 1, b: { x: 'keep' }, c: [1, 2] });
    const first = store.getState();
    store.setState({ a: 2 });
    const second = store.getState();
    expect(second).toEqual({ a: 2, b: { x: 'keep' }, c: [1, 2] });
    expect(second).not.toBe(first);
    expect(second.b).toBe(first.b);
    store.setState((s) => ({ a: s.a * 10 }));
    expect(store.getState().a).toBe(20);
    expect(first.a).toBe(1);
  });
  it('notifies every subscriber once per change until it unsubscribes', () => {
    const store = createStore({ n: 0 });
    const seen: number[] = [];
    const other: number[] = [];
    const off = store.subscribe(() => seen.push(store.getState().n));
    store.subscribe(() => other.push(store.getState().n));
    store.setState({ n: 1 });
    store.setState((s) => ({ n: s.n + 1 }));
    off();
    store.setState({ n: 3 });
    expect(seen).toEqual([1, 2]);
    expect(other).toEqual([1, 2, 3]);
  });
});
