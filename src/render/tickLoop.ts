/**
 * The engine tick loop of the viewer, without React, three.js or the DOM (runs in Node tests):
 * hand the fleet to the propagation engine, then ask it for the states at the view's sim time a
 * few times a second while playing (once per clock change while paused) and pass every frame on.
 *
 * It never waits forever: a request unanswered for `stallMs`, or repeated failures, hand the
 * fleet over again (the pool restarts its workers); a failed hand-over is retried after a pause.
 * Each of these is reported through onError with what failed and what happens next; the next
 * frame puts the status back to ready (issue 19 item 1, issue 16).
 */
import type { Fleet } from '../core/fleet/fleet';
import type { PropagationEngine, StateFrame } from '../engine/types';
import { simTimeMs, type ViewerClock } from './store';

/** Minimum wall time between engine ticks while playing, ms. */
export const TICK_INTERVAL_MS = 400;
/**
 * Between ticks while a heavy task runs in the page (ViewerState.backgroundTask: a sampled
 * analysis, a trade study, a report): the task's workers share the cores with the view's, and a
 * 1M tick costs ~0.2 s of SGP4 per worker. Satellites still move every frame from the last states.
 */
export const BACKGROUND_TICK_INTERVAL_MS = 2000;
/** A propagate() unanswered this long is taken as lost: the fleet is handed over again. 1M takes ~0.1-2 s. */
export const STALL_MS = 20_000;
/** The same for setFleet() (1M: ~1-5 s of worker start-up and SGP4 init on a loaded machine). */
export const SET_FLEET_STALL_MS = 60_000;
/** Failed propagate() calls in a row before the fleet is handed over again. */
export const FAILURES_BEFORE_RESTART = 3;

export interface TickLoopOptions {
  engine: PropagationEngine;
  fleet: Fleet;
  /** The view clock now (read every tick). */
  clock: () => ViewerClock;
  /** Whether engine states are on screen (a paused view still waits for its first frame). */
  hasFrame: () => boolean;
  onFrame: (frame: StateFrame) => void;
  /** A failure the user should see; the loop retries by itself (the message says how). */
  onError: (message: string) => void;
  /** Injected in tests; default setTimeout / performance.now and the constants above. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  stallMs?: number;
  setFleetStallMs?: number;
  /** Pause before handing the fleet over again after a failure, ms (default 2,000). */
  retryMs?: number;
  /** Time between ticks while playing, ms, read before each wait (default TICK_INTERVAL_MS). */
  intervalMs?: () => number;
}

export interface TickLoop {
  /** Stop after the current request (its result is dropped). */
  stop(): void;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const defaultNow = () => performance.now();
const TIMED_OUT = Symbol('timed out');

/** `p`, or TIMED_OUT after `ms` (the timer is cleared when p settles first). */
function orTimeout<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<typeof TIMED_OUT>((r) => {
    timer = setTimeout(() => r(TIMED_OUT), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function startTickLoop(opts: TickLoopOptions): TickLoop {
  const { engine, fleet } = opts;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? defaultNow;
  const stallMs = opts.stallMs ?? STALL_MS;
  const setFleetStallMs = opts.setFleetStallMs ?? SET_FLEET_STALL_MS;
  const retryMs = opts.retryMs ?? 2000;
  const retryS = `${Math.round(retryMs / 100) / 10} s`;
  let alive = true;

  /** Hand the fleet over; false (after saying why) when that failed. */
  const handOver = async (): Promise<boolean> => {
    let r: void | typeof TIMED_OUT;
    try {
      r = await orTimeout(engine.setFleet(fleet), setFleetStallMs);
    } catch (e) {
      if (alive) opts.onError(`Propagation engine failed: ${messageOf(e)}. Retrying in ${retryS}.`);
      return false;
    }
    if (r === TIMED_OUT) {
      if (alive) opts.onError(`The propagation workers did not start within ${setFleetStallMs / 1000} s. Restarting them.`);
      return false;
    }
    return true;
  };

  /** Tick until stopped (returns true) or until the engine needs the fleet again (false). */
  const tick = async (): Promise<boolean> => {
    let lastKey = '';
    let failures = 0;
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
      let frame: StateFrame | null | typeof TIMED_OUT = null;
      try {
        frame = await orTimeout(engine.propagate(t), stallMs);
      } catch (e) {
        if (!alive) break;
        failures++;
        const restart = failures >= FAILURES_BEFORE_RESTART;
        opts.onError(`Propagation failed: ${messageOf(e)}. ${restart ? 'Restarting the propagation workers.' : 'Retrying.'}`);
        if (restart) return false;
        await sleep(1000);
        continue;
      }
      if (!alive) break;
      if (frame === TIMED_OUT) {
        opts.onError(`SGP4 has not answered for ${stallMs / 1000} s. Restarting the propagation workers.`);
        return false;
      }
      failures = 0;
      if (frame) opts.onFrame(frame);
      const spent = now() - started;
      await sleep(Math.max(16, (opts.intervalMs?.() ?? TICK_INTERVAL_MS) - spent));
    }
    return true;
  };

  const run = async (): Promise<void> => {
    while (alive) {
      if (!(await handOver())) {
        if (alive) await sleep(retryMs);
        continue;
      }
      if (await tick()) return;
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
