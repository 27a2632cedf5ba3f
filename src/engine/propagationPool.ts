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
 * - The sampled analysis runs on the same shards from ./sampledAnalysis.ts (shardAccess()); this
 *   file is only the tick engine.
 */
import { transfer, type Remote } from 'comlink';
import { copyElementColumns, elementColumnBuffers, elementColumnsShared, sliceElementColumns } from '../core/elements/columns';
import { shardRanges, type Fleet } from '../core/fleet/fleet';
import { createShardApi, type ShardApi, type ShardStates, type SharedFrameBuffers } from '../../workers/propagation.api';
import { mergeStationLinks, newLinkChoice, type LinkChoice, type LinkStations } from '../core/physics/stationLinks';
import type { EngineNotice, FrameLinks, PropagationEngine, StateFrame } from './types';

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
  /** Shared mode: the workers also write Float32 Earth-radii states for a viewer (StateFrame.positionEr). */
  drawStates?: boolean;
}

interface Slot {
  index: number;
  start: number;
  end: number;
  worker: ShardWorker | null;
  local: ShardApi | null;
  recycle?: { positionKm: Float64Array; velocityKmS: Float64Array; error: Uint8Array };
  /** The link stations this slot's worker holds (undefined: unknown, e.g. after a restart: send again). */
  sentLinks?: LinkStations | null;
}

const NOT_COMPUTED = 7;

/** The pool's shards, for a driver that runs its own work on them (the sampled analysis). */
export interface ShardAccess {
  readonly fleet: Fleet;
  readonly mode: 'shared' | 'transfer' | 'in-thread';
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** True once the pool holds another fleet or was disposed. */
  stale(): boolean;
  call<K extends keyof ShardApi>(shard: number, method: K, ...args: Parameters<ShardApi[K]>): Promise<Awaited<ReturnType<ShardApi[K]>>>;
  /** Restart every worker (their sampled state is lost), so the pool stays usable after a failure. */
  restart(): Promise<void>;
  notice(n: EngineNotice): void;
}

/**
 * Rejects when the workers it was handed out with are terminated (a new fleet, dispose). A call in
 * flight on a terminated Web Worker never settles (terminate() fires no event), so every call is
 * raced against this; without it a fleet change during a request left the pool waiting forever.
 */
function retiredSignal(): { promise: Promise<never>; reject: (e: Error) => void } {
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  promise.catch(() => undefined);
  return { promise, reject };
}

export class PropagationPool implements PropagationEngine {
  readonly mode: 'shared' | 'transfer' | 'in-thread';
  private fleet: Fleet | null = null;
  private slots: Slot[] = [];
  private frames: StateFrame[] = [];
  private sharedBuffers: SharedFrameBuffers[] | undefined;
  private frameIndex = 0;
  private seq = 0;
  private running: Promise<void> | null = null;
  private pending: { timeMs: number; seq: number; resolve: (f: StateFrame | null) => void; reject: (e: unknown) => void } | null = null;
  /** Rejected (and replaced) when the current workers are terminated; see retiredSignal. */
  private retired = retiredSignal();
  private listeners = new Set<(n: EngineNotice) => void>();
  private disposed = false;
  /** The last setFleet's start-up (holds() waits for it). */
  private fleetReady: Promise<void> = Promise.resolve();
  /** Kernel milliseconds of the last completed request, per shard. */
  lastKernelMs: number[] = [];
  /** Milliseconds each shard spent choosing station links in the last request (empty without link stations). */
  lastLinkMs: number[] = [];
  /** Worker restarts so far. */
  restarts = 0;
  private linkStations: LinkStations | null = null;
  /** Per frame slot: the merged links (reused while the stations stay the same). */
  private frameLinks: Array<FrameLinks | null> = [null, null];

  constructor(private readonly opts: PoolOptions) {
    this.mode = !opts.host ? 'in-thread' : opts.host.canShareMemory && !opts.preferTransfer ? 'shared' : 'transfer';
  }

  /** Worker threads propagating the current fleet (0 in-thread or before the first fleet). */
  get workers(): number {
    return this.mode === 'in-thread' ? 0 : this.slots.length;
  }

  onNotice(cb: (n: EngineNotice) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  setLinkStations(stations: LinkStations | null): void {
    this.linkStations = stations && stations.count > 0 ? stations : null;
  }

  private notice(n: EngineNotice): void {
    for (const cb of this.listeners) cb(n);
  }

  /**
   * Whether this pool holds `fleet` with its workers started (waits for a setFleet in progress).
   * The page's sampled run uses the view's pool when it does, instead of a second copy of the fleet.
   */
  async holds(fleet: Fleet): Promise<boolean> {
    if (this.fleet !== fleet || this.disposed) return false;
    try {
      await this.fleetReady;
    } catch {
      return false;
    }
    return this.fleet === fleet && !this.disposed && this.slots.length > 0;
  }

  setFleet(fleet: Fleet): Promise<void> {
    const ready = this.startFleet(fleet);
    this.fleetReady = ready;
    return ready;
  }

  private async startFleet(fleet: Fleet): Promise<void> {
    this.terminateWorkers();
    this.fleet = fleet;
    this.seq++; // anything in flight is now stale
    const n = fleet.count;
    const parts = this.mode === 'in-thread' ? 1 : Math.max(1, Math.min(this.opts.workers, Math.ceil(n / 1000)));
    const ranges = shardRanges(n, parts);
    const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
      this.mode === 'shared' ? new SharedArrayBuffer(Math.max(bytes, 8)) : new ArrayBuffer(bytes);
    this.sharedBuffers = undefined;
    // Float32 Earth-radii copies for a viewer (opts.drawStates), written by the workers: shared mode only.
    const draw = this.mode === 'shared' && this.opts.drawStates === true;
    // A viewer's pool keeps the km states in the workers (each propagates block by block into scratch):
    // its frames carry the Float32 draw states only.
    type Buf = ArrayBuffer | SharedArrayBuffer;
    const buffers = [0, 1].map((): { position?: Buf; velocity?: Buf; error: Buf; positionEr?: Buf; velocityErS?: Buf } =>
      draw
        ? { positionEr: alloc(12 * n), velocityErS: alloc(12 * n), error: alloc(n) }
        : { position: alloc(24 * n), velocity: alloc(24 * n), error: alloc(n) },
    );
    if (this.mode === 'shared') this.sharedBuffers = buffers as unknown as SharedFrameBuffers[];
    this.frames = buffers.map((b) => ({
      seq: -1,
      timeMs: Number.NaN,
      count: n,
      ...(b.position && b.velocity
        ? { positionKm: new Float64Array(b.position, 0, 3 * n), velocityKmS: new Float64Array(b.velocity, 0, 3 * n) }
        : {}),
      error: new Uint8Array(b.error, 0, n).fill(NOT_COMPUTED),
      ...(b.positionEr && b.velocityErS
        ? { positionEr: new Float32Array(b.positionEr, 0, 3 * n), velocityErS: new Float32Array(b.velocityErS, 0, 3 * n) }
        : {}),
    }));
    this.slots = ranges.map(([start, end], index) => ({ index, start, end, worker: null, local: null }));
    await Promise.all(this.slots.map((s) => this.startSlot(s)));
  }

  private async startSlot(slot: Slot): Promise<void> {
    const fleet = this.fleet!;
    const retired = this.retired;
    slot.sentLinks = undefined;
    if (this.mode === 'in-thread') {
      slot.local = createShardApi();
      slot.local.init({ elements: sliceElementColumns(fleet.elements, slot.start, slot.end), start: slot.start });
      return;
    }
    const w = this.opts.host!.spawn(slot.index);
    slot.worker = w;
    slot.recycle = undefined;
    slot.sentLinks = undefined;
    // Elements in shared memory (the page's analysis worker made them so) are read in place by the
    // worker: views, no copy (48 bytes per satellite less, 48 MB at 1M). Else a copy is transferred.
    const inPlace = this.mode === 'shared' && elementColumnsShared(fleet.elements);
    const elements = inPlace
      ? sliceElementColumns({ ...fleet.elements, names: null, objectIds: null, classification: null }, slot.start, slot.end)
      : copyElementColumns({ ...fleet.elements, names: null, objectIds: null, classification: null }, slot.start, slot.end);
    const buffers = elementColumnBuffers(elements); // shared memory is not transferred (none in place)
    const r = await Promise.race([
      w.api.init(transfer({ elements, start: slot.start, shared: this.sharedBuffers }, buffers)),
      w.crashed,
      retired.promise,
    ]);
    if (r.messages.length > 0)
      this.notice({
        level: 'warning',
        message: `shard ${slot.index}: ${r.messages.length} satellites could not be initialised (${r.messages[0]})`,
      });
  }

  propagate(timeMs: number): Promise<StateFrame | null> {
    if (!this.fleet) return Promise.reject(new Error('propagate() before setFleet()'));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      if (this.pending) this.pending.resolve(null); // superseded before it started
      this.pending = { timeMs, seq, resolve, reject };
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && !this.disposed) {
        const job = this.pending;
        this.pending = null;
        let frame: StateFrame | null;
        try {
          frame = await this.runOnce(job.timeMs, job.seq);
        } catch (e) {
          // Workers replaced under the request (a new fleet, dispose): stale, not an error.
          // Anything else (a worker that keeps failing) reaches the caller: never left pending.
          if (this.disposed || job.seq !== this.seq) job.resolve(null);
          else job.reject(e);
          continue;
        }
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
    const stations = this.linkStations;
    const results = await Promise.all(this.slots.map((s) => this.runSlot(s, seq, timeMs, fi, stations)));
    if (this.fleet !== fleet) return null;
    frame.links = this.mergeLinks(results, stations, fi);
    for (let k = 0; k < results.length; k++) {
      const r = results[k];
      if (r.positionKm && frame.positionKm && frame.velocityKmS) {
        // transfer or in-thread mode: copy this shard into the frame, keep buffers for reuse
        frame.positionKm.set(r.positionKm, 3 * r.start);
        frame.velocityKmS.set(r.velocityKmS!, 3 * r.start);
        frame.error.set(r.error!, r.start);
        this.slots[k].recycle = { positionKm: r.positionKm, velocityKmS: r.velocityKmS!, error: r.error! };
      }
    }
    this.lastKernelMs = results.map((r) => r.kernelMs);
    this.lastLinkMs = stations ? results.map((r) => r.linkMs ?? 0) : [];
    frame.seq = seq;
    frame.timeMs = timeMs;
    this.frameIndex = 1 - fi;
    return frame;
  }

  /** Each station's top-K over every shard (each shard sent its own top-K), or undefined when a shard has none. */
  private mergeLinks(results: ShardStates[], stations: LinkStations | null, fi: number): FrameLinks | undefined {
    if (!stations) return undefined;
    const parts: LinkChoice[] = [];
    for (const r of results) {
      if (!r.links || r.links.ids.length !== stations.count * stations.k) return undefined;
      parts.push(r.links);
    }
    const t0 = performance.now();
    let out = this.frameLinks[fi];
    if (!out || out.stations !== stations) {
      out = { ...newLinkChoice(stations), stations, mergeMs: 0, workerMs: 0 };
      this.frameLinks[fi] = out;
    }
    mergeStationLinks(parts, stations, out);
    out.mergeMs = performance.now() - t0;
    out.workerMs = Math.max(...results.map((r) => r.linkMs ?? 0));
    return out;
  }

  private async runSlot(
    slot: Slot,
    seq: number,
    timeMs: number,
    frameSlot: number,
    stations: LinkStations | null,
    attempt = 0,
  ): Promise<ShardStates> {
    // The stations go with the request only when this slot's worker does not hold them yet.
    const send = slot.sentLinks === stations ? undefined : stations;
    if (slot.local) {
      const r = slot.local.propagate(seq, timeMs, slot.recycle, frameSlot, send);
      slot.sentLinks = stations;
      return r;
    }
    const w = slot.worker!;
    const retired = this.retired;
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
            send,
          )
        : w.api.propagate(seq, timeMs, undefined, frameSlot, send);
      const r = await Promise.race([call, w.crashed, retired.promise]);
      slot.sentLinks = stations;
      return r;
    } catch (e) {
      // Terminated on purpose (new fleet, dispose): no restart, the request is stale.
      if (this.disposed || attempt >= 2 || retired !== this.retired) throw e;
      this.restarts++;
      this.notice({
        level: 'warning',
        message:
          `Propagation worker ${slot.index + 1} stopped (${(e as Error)?.message ?? e}); restarted it and recomputed ` +
          `its ${slot.end - slot.start} satellites.`,
      });
      try {
        w.terminate();
      } catch {
        /* already gone */
      }
      await this.startSlot(slot);
      return this.runSlot(slot, seq, timeMs, frameSlot, stations, attempt + 1);
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
    return Promise.race([fn(...args), w.crashed, this.retired.promise]);
  }

  /**
   * The shards as the sampled analysis (./sampledAnalysis.ts) drives them: the fleet they hold,
   * their id ranges, a call to one shard's method in its thread (rejecting when its worker dies),
   * and a restart of every worker after a failed pass.
   */
  shardAccess(): ShardAccess | null {
    const fleet = this.fleet;
    if (!fleet) return null;
    const slots = this.slots;
    return {
      fleet,
      mode: this.mode,
      ranges: slots.map((s) => [s.start, s.end] as const),
      stale: () => this.fleet !== fleet || this.disposed,
      call: (k, method, ...args) => this.call(slots[k], method, ...args),
      restart: async () => {
        if (this.fleet !== fleet || this.disposed) return;
        // A view may share these workers: its request in flight would never settle on a terminated
        // worker, so it is made stale (answered with no frame; the view asks again).
        this.seq++;
        this.retire('the workers were restarted before this call finished');
        for (const s of slots) {
          if (!s.worker) continue;
          this.restarts++;
          s.worker.terminate();
          await this.startSlot(s);
        }
      },
      notice: (n) => this.notice(n),
    };
  }

  /** Reject every call in flight on the current workers (they are about to be terminated). */
  private retire(why: string): void {
    this.retired.reject(new Error(why));
    this.retired = retiredSignal();
  }

  private terminateWorkers(): void {
    this.retire('the fleet was replaced (or the engine disposed) before this call finished');
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
