/**
 * The engine tick loop of the viewer, without React, three.js or the DOM (runs in Node tests):
 * hand the fleet to the propagation engine, then ask it for the states at the view's sim time a
 * few times a second while playing (once per clock change while paused) and pass every frame on.
 */
import type { Fleet } from '../core/fleet/fleet';
import type { PropagationEngine, StateFrame } from '../engine/types';
import { simTimeMs, type ViewerClock } from './store';

/** Minimum wall time between engine ticks while playing, ms. */
export const TICK_INTERVAL_MS = 400;

export interface TickLoopOptions {
  engine: PropagationEngine;
  fleet: Fleet;
  /** The view clock now (read every tick). */
  clock: () => ViewerClock;
  /** Whether engine states are on screen (a paused view still waits for its first frame). */
  hasFrame: () => boolean;
  onFrame: (frame: StateFrame) => void;
  /** A failure the user should see (the loop retries by itself). */
  onError: (message: string) => void;
  /** Injected in tests; default setTimeout / performance.now. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface TickLoop {
  /** Stop after the current request (its result is dropped). */
  stop(): void;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const defaultNow = () => performance.now();

export function startTickLoop(opts: TickLoopOptions): TickLoop {
  const { engine, fleet } = opts;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? defaultNow;
  let alive = true;
  const run = async (): Promise<void> => {
    try {
      await engine.setFleet(fleet);
    } catch (e) {
      if (alive) opts.onError(`Propagation engine failed: ${(e as Error).message}`);
      return;
    }
    let lastKey = '';
    while (alive) {
      const clock = opts.clock();
      const t = simTimeMs(clock, now());
      const key = `${clock.playing}:${clock.baseSimMs}:${clock.speed}`;
      if (!clock.playing && key === lastKey && opts.hasFrame()) {
        await sleep(50);
        continue;
      }
      lastKey = key;
      const started = now();
      let frame: StateFrame | null = null;
      try {
        frame = await engine.propagate(t);
      } catch (e) {
        if (alive) opts.onError(`Propagation failed: ${(e as Error).message}`);
        await sleep(1000);
        continue;
      }
      if (!alive) break;
      if (frame) opts.onFrame(frame);
      const spent = now() - started;
      await sleep(Math.max(16, TICK_INTERVAL_MS - spent));
    }
  };
  const done = run();
  return {
    stop: () => {
      alive = false;
    },
    done,
  };
}
