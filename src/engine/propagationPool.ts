/**
 * Main-thread client of the propagation worker pool.
 *
 * - The fleet is cut into contiguous shards, one per worker; each worker gets a copy of its
 *   shard's element columns (transferred, so each element is copied once) and builds its SGP4 batch.
 * - Shared mode (page is cross-origin isolated): workers write straight into two
 *   SharedArrayBuffer frames (double-buffered). Transfer mode: each worker returns its shard's
 *   states as transferred buffers; they are copied into the frame and handed back on the next
 *   request, so nothing is allocated per tick.
 * - Latest wins: a request made while another runs makes the older one resolve to null.
 * - A crashed worker is restarted, its shard re-initialised and the request retried; listeners get a notice.
 * - Without a worker host the same shard logic runs in this thread (Node CLI, tests, no-Worker pages).
 */
import { transfer, type Remote } from 'comlink';
import { copyElementColumns, sliceElementColumns } from '../core/elements/columns';
import { shardRanges, type Fleet } from '../core/fleet/fleet';
import {
  createShardApi,
  type SampledStepStates,
  type ShardApi,
  type ShardStates,
  type SharedFrameBuffers,
} from '../../workers/propagation.api';
import { windowFromScenario, type AnalysisWindowMs } from '../core/analysis/analytic';
import { buildIslTopology, createIslWorkspace, startIslRoute } from '../core/analysis/isl';
import {
  createSampledAccumulator,
  defaultIslStride,
  finishSampled,
  prepareStations,
  sampleCount,
  type SampledProgress,
  type SampledResult,
} from '../core/analysis/sampled';
import type { Scenario } from '../core/scenario/schema';
import type { EngineNotice, PropagationEngine, StateFrame } from './types';

/** A running worker as the pool sees it. */
export interface ShardWorker {
  api: Remote<ShardApi>;
  /** Resolves never; rejects when the worker dies (error event or exit). */
  crashed: Promise<never>;
  terminate(): void;
}

export interface WorkerHost {
  spawn(index: number): ShardWorker;
  /** Whether SharedArrayBuffer can be posted to these workers (page cross-origin isolated). */
  canShareMemory: boolean;
}

export interface PoolOptions {
  host: WorkerHost | null;
  workers: number;
  /** Force transfer mode even where shared memory works (for tests and embedding). */
  preferTransfer?: boolean;
}

interface Slot {
  index: number;
  start: number;
  end: number;
  worker: ShardWorker | null;
  local: ShardApi | null;
  recycle?: { positionKm: Float64Array; velocityKmS: Float64Array; error: Uint8Array };
}

const NOT_COMPUTED = 7;

/** Sampled steps kept queued in the workers ahead of the one being collected (worker modes). */
export const SAMPLED_STEPS_AHEAD = 4;
/** ISL routing runs in slices of about this long, with a yield to the event loop between them. */
const ROUTE_SLICE_MS = 50;

export class PropagationPool implements PropagationEngine {
  readonly mode: 'shared' | 'transfer' | 'in-thread';
  private fleet: Fleet | null = null;
  private slots: Slot[] = [];
  private frames: StateFrame[] = [];
  private sharedBuffers: SharedFrameBuffers[] | undefined;
  private frameIndex = 0;
  private seq = 0;
  private running: Promise<void> | null = null;
  private pending: { timeMs: number; seq: number; resolve: (f: StateFrame | null) => void } | null = null;
  private listeners = new Set<(n: EngineNotice) => void>();
  private disposed = false;
  /** Kernel milliseconds of the last completed request, per shard. */
  lastKernelMs: number[] = [];
  /** Worker restarts so far. */
  restarts = 0;

  constructor(private readonly opts: PoolOptions) {
    this.mode = !opts.host ? 'in-thread' : opts.host.canShareMemory && !opts.preferTransfer ? 'shared' : 'transfer';
  }

  onNotice(cb: (n: EngineNotice) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private notice(n: EngineNotice): void {
    for (const cb of this.listeners) cb(n);
  }

  async setFleet(fleet: Fleet): Promise<void> {
    this.terminateWorkers();
    this.fleet = fleet;
    this.seq++; // anything in flight is now stale
    const n = fleet.count;
    const parts = this.mode === 'in-thread' ? 1 : Math.max(1, Math.min(this.opts.workers, Math.ceil(n / 1000)));
    const ranges = shardRanges(n, parts);
    const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
      this.mode === 'shared' ? new SharedArrayBuffer(Math.max(bytes, 8)) : new ArrayBuffer(bytes);
    this.sharedBuffers = undefined;
    const buffers = [0, 1].map(() => ({ position: alloc(24 * n), velocity: alloc(24 * n), error: alloc(n) }));
    if (this.mode === 'shared') this.sharedBuffers = buffers as unknown as SharedFrameBuffers[];
    this.frames = buffers.map((b) => ({
      seq: -1,
      timeMs: Number.NaN,
      count: n,
      positionKm: new Float64Array(b.position, 0, 3 * n),
      velocityKmS: new Float64Array(b.velocity, 0, 3 * n),
      error: new Uint8Array(b.error, 0, n).fill(NOT_COMPUTED),
    }));
    this.slots = ranges.map(([start, end], index) => ({ index, start, end, worker: null, local: null }));
    await Promise.all(this.slots.map((s) => this.startSlot(s)));
  }

  private async startSlot(slot: Slot): Promise<void> {
    const fleet = this.fleet!;
    if (this.mode === 'in-thread') {
      slot.local = createShardApi();
      slot.local.init({ elements: sliceElementColumns(fleet.elements, slot.start, slot.end), start: slot.start });
      return;
    }
    const w = this.opts.host!.spawn(slot.index);
    slot.worker = w;
    slot.recycle = undefined;
    const elements = copyElementColumns(fleet.elements, slot.start, slot.end);
    elements.names = null;
    elements.objectIds = null;
    elements.classification = null;
    const buffers = Object.values(elements)
      .filter((v): v is Float64Array | Int32Array => ArrayBuffer.isView(v))
      .map((v) => v.buffer as ArrayBuffer);
    const r = await Promise.race([w.api.init(transfer({ elements, start: slot.start, shared: this.sharedBuffers }, buffers)), w.crashed]);
    if (r.messages.length > 0)
      this.notice({
        level: 'warning',
        message: `shard ${slot.index}: ${r.messages.length} satellites could not be initialised (${r.messages[0]})`,
      });
  }

  propagate(timeMs: number): Promise<StateFrame | null> {
    if (!this.fleet) return Promise.reject(new Error('propagate() before setFleet()'));
    const seq = ++this.seq;
    return new Promise((resolve) => {
      if (this.pending) this.pending.resolve(null); // superseded before it started
      this.pending = { timeMs, seq, resolve };
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && !this.disposed) {
        const job = this.pending;
        this.pending = null;
        const frame = await this.runOnce(job.timeMs, job.seq);
        // Latest wins: if a newer request is queued, or the fleet changed, this one is stale.
        job.resolve(frame && job.seq === this.seq ? frame : null);
      }
    } finally {
      this.running = null;
    }
  }

  private async runOnce(timeMs: number, seq: number): Promise<StateFrame | null> {
    const fleet = this.fleet;
    if (!fleet || fleet.count === 0) {
      return { seq, timeMs, count: 0, positionKm: new Float64Array(0), velocityKmS: new Float64Array(0), error: new Uint8Array(0) };
    }
    const fi = this.frameIndex;
    const frame = this.frames[fi];
    const results = await Promise.all(this.slots.map((s) => this.runSlot(s, seq, timeMs, fi)));
    if (this.fleet !== fleet) return null;
    for (let k = 0; k < results.length; k++) {
      const r = results[k];
      if (r.positionKm) {
        // transfer or in-thread mode: copy this shard into the frame, keep buffers for reuse
        frame.positionKm.set(r.positionKm, 3 * r.start);
        frame.velocityKmS.set(r.velocityKmS!, 3 * r.start);
        frame.error.set(r.error!, r.start);
        this.slots[k].recycle = { positionKm: r.positionKm, velocityKmS: r.velocityKmS!, error: r.error! };
      }
    }
    this.lastKernelMs = results.map((r) => r.kernelMs);
    frame.seq = seq;
    frame.timeMs = timeMs;
    this.frameIndex = 1 - fi;
    return frame;
  }

  private async runSlot(slot: Slot, seq: number, timeMs: number, frameSlot: number, attempt = 0): Promise<ShardStates> {
    if (slot.local) return slot.local.propagate(seq, timeMs, slot.recycle, frameSlot);
    const w = slot.worker!;
    const recycle = slot.recycle;
    slot.recycle = undefined;
    try {
      const call = recycle
        ? w.api.propagate(
            seq,
            timeMs,
            transfer(recycle, [
              recycle.positionKm.buffer as ArrayBuffer,
              recycle.velocityKmS.buffer as ArrayBuffer,
              recycle.error.buffer as ArrayBuffer,
            ]),
            frameSlot,
          )
        : w.api.propagate(seq, timeMs, undefined, frameSlot);
      return await Promise.race([call, w.crashed]);
    } catch (e) {
      if (this.disposed || attempt >= 2) throw e;
      this.restarts++;
      this.notice({
        level: 'warning',
        message: `Propagation worker ${slot.index + 1} stopped (${(e as Error)?.message ?? e}); restarted it and recomputed its ${slot.end - slot.start} satellites.`,
      });
      try {
        w.terminate();
      } catch {
        /* already gone */
      }
      await this.startSlot(slot);
      return this.runSlot(slot, seq, timeMs, frameSlot, attempt + 1);
    }
  }

  /** Call one shard method, in this thread or on the slot's worker (rejecting if the worker dies). */
  private async call<K extends keyof ShardApi>(
    slot: Slot,
    method: K,
    ...args: Parameters<ShardApi[K]>
  ): Promise<Awaited<ReturnType<ShardApi[K]>>> {
    if (slot.local) return (slot.local[method] as (...a: unknown[]) => Awaited<ReturnType<ShardApi[K]>>)(...args);
    const w = slot.worker!;
    const fn = w.api[method] as unknown as (...a: unknown[]) => Promise<Awaited<ReturnType<ShardApi[K]>>>;
    return Promise.race([fn(...args), w.crashed]);
  }

  /**
   * Sampled analysis of the whole fleet in the pool: each worker propagates and accumulates its
   * shard (conical shadow, station visibility, direct latency) in parallel; on routing steps the
   * shards' states come back and the +Grid inter-satellite routing runs here over the whole
   * fleet. Gives exactly the numbers of analyzeSampledFleet (src/core/analysis/sampled.ts),
   * which runs the same per-row accumulation in one thread.
   */
  async analyzeSampled(
    scenario: Scenario,
    opts: {
      window?: AnalysisWindowMs;
      signal?: { readonly aborted: boolean };
      onProgress?: (p: SampledProgress) => void;
      islStride?: number;
      progressIntervalMs?: number;
    } = {},
  ): Promise<SampledResult> {
    const fleet = this.fleet;
    if (!fleet) throw new Error('analyzeSampled() before setFleet()');
    const n = fleet.count;
    const win = opts.window ?? windowFromScenario(scenario);
    const steps = sampleCount(win);
    const isl = scenario.links.interSatelliteLinks && n > 1;
    const stride = isl ? Math.max(1, Math.floor(opts.islStride ?? defaultIslStride(n, steps))) : 0;
    const topology = isl ? buildIslTopology(fleet, scenario) : null;
    const ws = topology ? createIslWorkspace(n) : null;
    const pos = topology ? new Float64Array(3 * n) : null;
    const err = topology ? new Uint8Array(n) : null;
    const direct = topology ? new Float64Array(n) : null;
    const routed = topology ? new Float64Array(n) : null;
    const slots = this.slots;
    const interval = opts.progressIntervalMs ?? 200;
    let lastReport = performance.now();
    let done = 0;
    let routedSteps = 0;
    // A progress call from inside a long synchronous piece of work (Node prints it at once; a page
    // paints it when the piece returns), when the interval has passed.
    const heartbeat = (phase: 'routing' | 'finishing'): void => {
      if (!opts.onProgress || performance.now() - lastReport < interval) return;
      opts.onProgress({ stepsDone: done, steps, fraction: done / steps, phase });
      lastReport = performance.now();
    };
    try {
      await Promise.all(slots.map((s) => this.call(s, 'sampledBegin', scenario.groundStations)));
      // set-up (topology, accumulators) is done: say so before the first step
      opts.onProgress?.({ stepsDone: 0, steps, fraction: 0 });
      lastReport = performance.now();
      // Pipelined: keep up to `ahead` steps queued in the workers, so they go on propagating the
      // next steps while this thread routes a routing step's states (the sums are order-free).
      // Four covers a 1M routing step (~0.25 s) at ~0.1 s per worker step and bounds how many
      // already-queued steps still finish after a Cancel.
      const ahead = this.mode === 'in-thread' ? 1 : SAMPLED_STEPS_AHEAD;
      const inflight: Array<{ route: boolean; states: Promise<Array<SampledStepStates | null>> }> = [];
      const routedCalls: Promise<unknown>[] = [];
      let next = 0;
      for (;;) {
        const stop = opts.signal?.aborted || this.fleet !== fleet;
        while (!stop && next < steps && inflight.length < ahead) {
          const t = win.startMs + next * win.stepS * 1000;
          const route = topology !== null && next % stride === 0;
          const p = Promise.all(slots.map((s) => this.call(s, 'sampledStep', t, route)));
          p.catch(() => undefined); // awaited in order below; this keeps a later rejection from being "unhandled"
          inflight.push({ route, states: p });
          next++;
        }
        const head = inflight.shift();
        if (!head) break;
        const states = await head.states;
        if (head.route && topology && ws && pos && err && direct && routed) {
          // Routing holds this thread for a while: say so first, and let a page paint it.
          if (opts.onProgress && performance.now() - lastReport >= interval) {
            opts.onProgress({ stepsDone: done, steps, fraction: done / steps, phase: 'routing' });
            lastReport = performance.now();
            await new Promise((r) => setTimeout(r, 0));
          }
          states.forEach((st, k) => {
            if (!st) return;
            const s0 = slots[k].start;
            pos.set(st.positionKm, 3 * s0);
            err.set(st.error, s0);
            direct.set(st.directMs, s0);
          });
          // In slices of ~50 ms with a yield between them: a page stays responsive at 1M.
          const job = startIslRoute(topology, pos, err, direct, routed, ws, {
            grazingAltitudeKm: scenario.links.grazingAltitudeKm,
            perHopProcessingMs: scenario.links.perHopProcessingMs,
            onWeightsDone: () => heartbeat('routing'),
          });
          while (!job.run(ROUTE_SLICE_MS)) {
            heartbeat('routing');
            await new Promise((r) => setTimeout(r, 0));
          }
          const call = Promise.all(slots.map((s) => this.call(s, 'sampledRouted', routed.slice(s.start, s.end))));
          call.catch(() => undefined);
          routedCalls.push(call);
          routedSteps++;
        }
        done++;
        // In this thread, let the page paint progress and take a Cancel between steps.
        if (this.mode === 'in-thread') await new Promise((r) => setTimeout(r, 0));
        const tn = performance.now();
        if (opts.onProgress && (tn - lastReport >= interval || done === steps)) {
          lastReport = tn;
          opts.onProgress({ stepsDone: done, steps, fraction: done / steps });
        }
      }
      await Promise.all(routedCalls);
      const sums = await Promise.all(slots.map((s) => this.call(s, 'sampledFinish')));
      if (opts.onProgress) {
        opts.onProgress({ stepsDone: done, steps, fraction: done / steps, phase: 'finishing' });
        await new Promise((r) => setTimeout(r, 0));
      }
      const acc = createSampledAccumulator(0, n, prepareStations(scenario.groundStations));
      for (const p of sums) {
        acc.shadowSum.set(p.shadowSum, p.start);
        acc.validSteps.set(p.validSteps, p.start);
        acc.inViewSteps.set(p.inViewSteps, p.start);
        acc.directLatencySumMs.set(p.directLatencySumMs, p.start);
        acc.routedSumMs.set(p.routedSumMs, p.start);
        acc.routedSteps.set(p.routedSteps, p.start);
        acc.flags.set(p.flags, p.start);
        acc.routedStepsTotal = p.routedStepsTotal;
      }
      const cancelled = done < steps;
      const notes: string[] = [];
      if (stride > 1) notes.push(`inter-satellite routing ran every ${stride}th step (${routedSteps} of ${steps} steps) to bound run time`);
      if (cancelled) notes.push(`cancelled after ${done} of ${steps} steps; figures cover the steps done`);
      return {
        ...finishSampled(fleet, scenario, acc, win, () => heartbeat('finishing')),
        window: win,
        steps,
        stepsDone: done,
        islStride: stride,
        islStepsRouted: routedSteps,
        cancelled,
        notes,
      };
    } catch (e) {
      // A worker died mid-pass: its sums are gone. Restart the workers (their sampled state is
      // partial anyway) so the pool stays usable, and fail this run with a notice.
      if (this.fleet === fleet && !this.disposed) {
        for (const s of slots) {
          if (!s.worker) continue;
          this.restarts++;
          s.worker.terminate();
          await this.startSlot(s);
        }
      }
      this.notice({ level: 'error', message: `Sampled analysis stopped: a worker failed (${(e as Error)?.message ?? e}). Run it again.` });
      throw e;
    }
  }

  private terminateWorkers(): void {
    for (const s of this.slots) s.worker?.terminate();
    this.slots = [];
  }

  dispose(): void {
    this.disposed = true;
    this.pending?.resolve(null);
    this.pending = null;
    this.terminateWorkers();
    this.listeners.clear();
  }
}
