import { describe, expect, it, vi, afterEach } from 'vitest';
import { createViewerStore, simTimeMs, viewerActions, MAX_SPEED } from '../../../src/render/store';

afterEach(() => vi.restoreAllMocks());

/** Drive performance.now() by hand. */
function fakeWall(start = 1000) {
  let now = start;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return { advance: (ms: number) => (now += ms), get: () => now };
}

describe('viewer clock', () => {
  it('advances sim time at speed x wall time while playing, and holds it while paused', () => {
    const wall = fakeWall();
    const t0 = Date.UTC(2026, 2, 20, 12);
    const store = createViewerStore({ clock: { baseSimMs: t0, baseWallMs: wall.get(), speed: 60, playing: true } });
    const a = viewerActions(store);
    wall.advance(1000);
    expect(simTimeMs(store.getState().clock)).toBe(t0 + 60_000);
    a.pause();
    wall.advance(5000);
    expect(simTimeMs(store.getState().clock)).toBe(t0 + 60_000);
    a.setSpeed(1000);
    a.play();
    wall.advance(500);
    expect(simTimeMs(store.getState().clock)).toBe(t0 + 60_000 + 500_000);
  });

  it('changing speed while playing keeps the current time continuous', () => {
    const wall = fakeWall();
    const store = createViewerStore({ clock: { baseSimMs: 0, baseWallMs: wall.get(), speed: 10, playing: true } });
    wall.advance(2000);
    const before = simTimeMs(store.getState().clock);
    viewerActions(store).setSpeed(3000);
    expect(simTimeMs(store.getState().clock)).toBe(before);
    wall.advance(1000);
    expect(simTimeMs(store.getState().clock)).toBe(before + 3_000_000);
  });

  it('clamps speed to real time .. 10,000x and steps through the preset speeds', () => {
    fakeWall();
    const store = createViewerStore();
    const a = viewerActions(store);
    a.setSpeed(1e9);
    expect(store.getState().clock.speed).toBe(MAX_SPEED);
    a.setSpeed(0.001);
    expect(store.getState().clock.speed).toBe(1);
    a.setSpeed(Number.NaN);
    expect(store.getState().clock.speed).toBe(1);
    a.faster();
    expect(store.getState().clock.speed).toBe(10);
    a.setSpeed(10_000);
    a.faster();
    expect(store.getState().clock.speed).toBe(10_000);
    a.slower();
    expect(store.getState().clock.speed).toBe(3000);
  });

  it('jumps to the epoch and scrubs to a given time; ignores non-finite times', () => {
    const wall = fakeWall();
    const store = createViewerStore({ epochMs: 5e11, clock: { baseSimMs: 1e12, baseWallMs: wall.get(), speed: 1, playing: false } });
    const a = viewerActions(store);
    a.jumpToEpoch();
    expect(simTimeMs(store.getState().clock)).toBe(5e11);
    a.setTime(7e11);
    expect(simTimeMs(store.getState().clock)).toBe(7e11);
    a.setTime(Number.NaN);
    expect(simTimeMs(store.getState().clock)).toBe(7e11);
  });

  it('selection accepts ids >= 0 and maps anything else to null (none); listeners hear changes', () => {
    const store = createViewerStore();
    const a = viewerActions(store);
    expect(store.getState().selectedId).toBeNull();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    a.select(42);
    expect(store.getState().selectedId).toBe(42);
    a.select(-7);
    expect(store.getState().selectedId).toBeNull();
    a.select(42);
    a.select(1.5);
    expect(store.getState().selectedId).toBeNull();
    a.select(0);
    expect(store.getState().selectedId).toBe(0);
    a.select(null);
    expect(store.getState().selectedId).toBeNull();
    off();
    a.select(3);
    expect(calls).toBe(6);
  });
});
