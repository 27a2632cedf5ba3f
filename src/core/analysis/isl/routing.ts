/**
 * Inter-satellite routing over an IslTopology (./topology.ts).
 *
 * At each routed step a link is usable when both states are valid and the line of sight clears
 * the grazing altitude (80 km by default): for equal altitudes this is exactly the length cap
 * 2 sqrt((R+h)^2 - (R+g)^2) (5,016.6 km at 550 km).
 *
 * Latency of a satellite = min over paths to any satellite that sees a station of
 * (sum of ISL lengths / c + ISL hops x perHopProcessingMs + that satellite's direct downlink).
 * Multi-source Dijkstra seeded by the satellites with a station in view (bucket queue, or an
 * indexed binary heap when the bucket queue does not apply); no allocation per step.
 */
import { SPEED_OF_LIGHT_KM_PER_S, WGS84 } from '../../constants';
import type { IslTopology } from './topology';
import { monotonicMs, releaseNow } from '../../platform';

export interface IslWorkspace {
  dist: Float64Array;
  /**
   * One 32-byte record per satellite: its 4 neighbour ids (rec[8u + e], -1 = none) and, in the
   * same buffer, this step's link weights as Float32, ms (recW[8u + 4 + e], Infinity = no usable
   * link). One cache line serves two satellites' relaxations: at 1M the search is ~25 % faster
   * than with separate Float64 weights and neighbour arrays (docs/ENGINE.md).
   */
  rec: Int32Array;
  recW: Float32Array;
  /** Binary heap (heap fallback; allocated on its first use, 8 bytes per satellite otherwise idle). */
  heap: Int32Array;
  /** Heap fallback: the satellite's heap position, -1 not queued, -2 settled. */
  where: Int32Array;
  /** Bucket queue entries (a pool of singly linked list cells, reused every step; grown when a step needs more). */
  entryNode: Int32Array;
  entryNext: Int32Array;
  /** First entry of each circular bucket, -1 = empty. */
  head: Int32Array;
  /** The topology the records were last laid out for, the weight indices weighed each step and the slots that copy theirs (layOut). */
  laidOutFor?: { topology: IslTopology; weighed: Int32Array; copied: Int32Array };
  /** A step's smallest and largest link weight and direct latency (filled by its loops). */
  range: Float64Array;
}

/** First size of the bucket queue's entry pool: a +Grid step uses ~1.05 n cells (ensureEntries grows it when a step needs more). */
const entryCells = (count: number): number => Math.ceil(1.125 * count) + 16;

export function createIslWorkspace(count: number): IslWorkspace {
  const rec = new Int32Array(8 * count);
  return {
    dist: new Float64Array(count),
    rec,
    recW: new Float32Array(rec.buffer),
    heap: new Int32Array(0),
    where: new Int32Array(0),
    entryNode: new Int32Array(entryCells(count)),
    entryNext: new Int32Array(entryCells(count)),
    head: new Int32Array(0),
    range: new Float64Array(4),
  };
}

/** Free a workspace's arrays now (../../platform releaseNow); it must not be used after. */
export function releaseIslWorkspace(ws: IslWorkspace): void {
  releaseNow(ws.dist, ws.rec, ws.heap, ws.where, ws.entryNode, ws.entryNext, ws.head);
  if (ws.laidOutFor) releaseNow(ws.laidOutFor.weighed, ws.laidOutFor.copied);
  ws.laidOutFor = undefined;
}

export interface IslRouteOptions {
  grazingAltitudeKm: number;
  perHopProcessingMs: number;
  earthRadiusKm?: number;
  /** Force the binary-heap Dijkstra (for tests; the bucket queue is used when it applies). */
  forceHeap?: boolean;
  /** Called once the link weights are computed, before the shortest paths (a progress point). */
  onWeightsDone?: () => void;
}

const MS_PER_KM = 1000 / SPEED_OF_LIGHT_KM_PER_S;

/**
 * Lay the records out for `topo` (neighbour ids copied; weight slots without a link set to
 * Infinity, and so they stay), once per topology and workspace. Each undirected link is then
 * weighed once per step: slot 4u + e is weighed (`weighed`, its weight's index) when it has no
 * reverse or its reverse comes later, and takes its reverse's weight otherwise (`copied`, the
 * slot; its reverse read from the topology's shared `reverse`), in increasing slot order, as
 * weighing slot by slot would. 16 bytes per satellite (the copy list held the reverse too, 24).
 */
function layOut(topo: IslTopology, ws: IslWorkspace): NonNullable<IslWorkspace['laidOutFor']> {
  if (ws.laidOutFor?.topology === topo) return ws.laidOutFor;
  const nb = topo.neighbours;
  const rev = topo.reverse;
  const rec = ws.rec;
  const recW = ws.recW;
  let nw = 0;
  let nc = 0;
  for (let i = 0; i < nb.length; i++) {
    if (nb[i] < 0) continue;
    if (rev[i] >= 0 && rev[i] < i) nc++;
    else nw++;
  }
  const weighed = new Int32Array(nw);
  const copied = new Int32Array(nc);
  nw = nc = 0;
  for (let i = 0; i < nb.length; i++) {
    rec[2 * i - (i & 3)] = nb[i];
    recW[2 * i - (i & 3) + 4] = Number.POSITIVE_INFINITY;
    if (nb[i] < 0) continue;
    // slot 4u + e -> its weight's index 8u + 4 + e in recW; copied slots are kept as slots
    if (rev[i] >= 0 && rev[i] < i) copied[nc++] = i;
    else weighed[nw++] = 2 * i - (i & 3) + 4;
  }
  ws.laidOutFor = { topology: topo, weighed, copied };
  return ws.laidOutFor;
}

/** Most buckets the bucket queue may use before falling back to the heap. */
const MAX_BUCKETS = 1 << 20;

/**
 * One routing step over the whole fleet. `directLatencyMs[i]` is satellite i's one-way latency
 * to its nearest visible station (Infinity if none); `outLatencyMs[i]` receives the best
 * latency to the ground through the mesh (Infinity if no path). Returns the number of
 * satellites with a path.
 *
 * Link weights (length / c + per-hop delay, Infinity when the line of sight dips below the
 * grazing altitude or a state failed) are computed once per step. The queue is then a bucket
 * queue (Dial) with bucket width just under the smallest link weight, which is exact: a
 * relaxation from bucket b always lands in a later bucket, so every node popped from the
 * current bucket is final. When the smallest weight is too small for a reasonable bucket count
 * (per-hop delay 0 and nearly coincident neighbours) it falls back to an indexed binary heap.
 */
export function routeIslStep(
  topo: IslTopology,
  positionKm: Float64Array,
  error: Uint8Array,
  directLatencyMs: Float64Array,
  outLatencyMs: Float64Array,
  ws: IslWorkspace,
  opts: IslRouteOptions,
): number {
  const job = startIslRoute(topo, positionKm, error, directLatencyMs, outLatencyMs, ws, opts);
  job.run(Number.POSITIVE_INFINITY);
  return job.reached;
}

/** A routing step that can pause between Dijkstra buckets (so a page can paint in between). */
export interface IslRouteJob {
  /**
   * Go on for about `budgetMs` (checked every few thousand settled satellites); true when the
   * step is done and outLatencyMs holds the result.
   */
  run(budgetMs: number): boolean;
  /** Satellites with a path to a station (final once run() returned true). */
  readonly reached: number;
}

/**
 * Start a routing step: link weights and the sources are set up at once (~50 ms at 1M); the
 * shortest paths run in run() slices. Same result as routeIslStep, whatever the slicing.
 */
export function startIslRoute(
  topo: IslTopology,
  positionKm: Float64Array,
  error: Uint8Array,
  directLatencyMs: Float64Array,
  /** Receives the result; null leaves it in ws.dist only (valid until the workspace's next step). */
  outLatencyMs: Float64Array | null,
  ws: IslWorkspace,
  opts: IslRouteOptions,
): IslRouteJob {
  const n = topo.count;
  const clear = (opts.earthRadiusKm ?? WGS84.radiusKm) + opts.grazingAltitudeKm;
  const links = layOut(topo, ws);
  // Each loop is a function that ends with it (see linkWeights): wMin, wMax, dLo, dHi come back in `range`.
  const range = ws.range;
  linkWeights(links.weighed, ws.rec, ws.recW, positionKm, error, clear * clear, opts.perHopProcessingMs, range);
  const wMin = range[0];
  const wMax = range[1];
  // the same links seen from their other ends (length, sight line and states are symmetric)
  copyWeights(links.copied, topo.reverse, ws.recW);
  opts.onWeightsDone?.();
  const dist = ws.dist;
  seedDistances(n, error, directLatencyMs, dist, range);
  const dLo = range[2];
  const dHi = range[3];
  const finish = (reached: number): IslRouteJob => {
    outLatencyMs?.set(dist.subarray(0, n));
    return { run: () => true, reached };
  };
  if (!(dLo < Number.POSITIVE_INFINITY)) return finish(0);
  const width = wMin * (1 - 1e-9);
  const needed = Number.isFinite(wMin) && width > 0 ? Math.ceil(Math.max(wMax, dHi - dLo) / width) + 3 : Number.POSITIVE_INFINITY;
  if (opts.forceHeap || !(needed <= MAX_BUCKETS)) return finish(heapDijkstra(topo, ws));
  // a power of two, so the circular bucket of an absolute index is a mask, not a division
  let buckets = 16;
  while (buckets < needed) buckets *= 2;
  const st = bucketInit(topo, ws, dLo, width, buckets, dHi);
  let done = false;
  return {
    run(budgetMs: number): boolean {
      if (done) return true;
      const t0 = budgetMs === Number.POSITIVE_INFINITY ? 0 : now();
      const over = budgetMs === Number.POSITIVE_INFINITY ? null : () => now() - t0 >= budgetMs;
      if (!bucketRun(topo, ws, st, over)) return false;
      outLatencyMs?.set(dist.subarray(0, n));
      done = true;
      return true;
    },
    get reached() {
      return st.reached;
    },
  };
}

interface BucketState {
  base: number;
  width: number;
  nBuckets: number;
  cur: number;
  /** Highest bucket a satellite was put in: the search ends past it. */
  maxB: number;
  /** Satellites queued and not settled (bounds the cells the current bucket can add). */
  queued: number;
  reached: number;
  /** Next free cell of the entry pool. */
  used: number;
}

const now = monotonicMs;

/** Room for at least `need` entries (the pool grows by half; rare: ~1.05 n cells are used on a +Grid). */
function ensureEntries(ws: IslWorkspace, used: number, need: number): void {
  if (need <= ws.entryNode.length) return;
  const cap = Math.max(need, Math.ceil(ws.entryNode.length * 1.5));
  const node = new Int32Array(cap);
  const nxt = new Int32Array(cap);
  node.set(ws.entryNode.subarray(0, used));
  nxt.set(ws.entryNext.subarray(0, used));
  ws.entryNode = node;
  ws.entryNext = nxt;
}

/**
 * Bucket queue (Dial) seeded with every satellite that has a finite distance. Lazy deletion: a
 * satellite whose distance drops into another bucket gets a new cell there, and a cell is skipped
 * when reached if its satellite's distance no longer falls in that bucket (settled in an earlier
 * one); no unlinking, no doubly linked lists, no per-satellite bucket array.
 */
function bucketInit(topo: IslTopology, ws: IslWorkspace, base: number, width: number, nBuckets: number, dHi: number): BucketState {
  const n = topo.count;
  if (ws.head.length < nBuckets) ws.head = new Int32Array(nBuckets);
  ws.head.fill(-1, 0, nBuckets);
  ensureEntries(ws, 0, n + 16);
  const used = seedBuckets(n, ws.dist, ws.entryNode, ws.entryNext, ws.head, base, 1 / width, nBuckets - 1);
  // base is the smallest distance (bucket 0); the largest is dHi
  return { base, width, nBuckets, cur: 0, maxB: ((dHi - base) * (1 / width)) | 0, queued: used, reached: 0, used };
}

/**
 * The loops of a routing step, each a function that ends with its loop (the result in `range` or
 * the return value). An engine that optimises a loop while it runs (on-stack replacement) keeps
 * that code for the next entry to the loop; code after the loop that had not run when it was
 * compiled threw it away there on every step (~190 deoptimisations per loop in a 192-step run).
 */

/**
 * Link weights (ms, Float32; Infinity when the line of sight dips below `clear2` or a state failed)
 * of the slots weighed (a link without a reverse slot before it, see layOut); range[0], range[1] =
 * smallest, largest.
 */
function linkWeights(
  fwd: Int32Array,
  rec: Int32Array,
  recW: Float32Array,
  positionKm: Float64Array,
  error: Uint8Array,
  clear2: number,
  hopMs: number,
  range: Float64Array,
): void {
  // extremes kept in locals and stored in `range` only when they change (a store in the loop, so
  // the loop stays the function's end; no load from `range` per link)
  let wMin = Number.POSITIVE_INFINITY;
  let wMax = 0;
  range[0] = wMin;
  range[1] = wMax;
  const L = fwd.length;
  for (let l = 0; l < L; l++) {
    const wi = fwd[l];
    const u = wi >> 3;
    const v = rec[wi - 4];
    let w = Number.POSITIVE_INFINITY;
    if (error[u] === 0 && error[v] === 0) {
      const ux = positionKm[3 * u];
      const uy = positionKm[3 * u + 1];
      const uz = positionKm[3 * u + 2];
      const vx = positionKm[3 * v];
      const vy = positionKm[3 * v + 1];
      const vz = positionKm[3 * v + 2];
      const dx = vx - ux;
      const dy = vy - uy;
      const dz = vz - uz;
      const len2 = dx * dx + dy * dy + dz * dz;
      // closest approach of the segment to the Earth's centre must clear R + grazing altitude.
      // Quick accept: |(1-t) u + t v|^2 = (1-t)|u|^2 + t|v|^2 - t(1-t)|v-u|^2 >= min(|u|^2, |v|^2) - |v-u|^2 / 4.
      const ru2 = ux * ux + uy * uy + uz * uz;
      const rv2 = vx * vx + vy * vy + vz * vz;
      let clears = (ru2 < rv2 ? ru2 : rv2) - 0.25 * len2 >= clear2;
      if (!clears) {
        let t = len2 > 0 ? -(ux * dx + uy * dy + uz * dz) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const cx = ux + t * dx;
        const cy = uy + t * dy;
        const cz = uz + t * dz;
        clears = cx * cx + cy * cy + cz * cz >= clear2;
      }
      if (clears) {
        // stored as Float32 (~3e-8 relative): the search adds the stored value, so wMin is taken from it
        w = Math.fround(Math.sqrt(len2) * MS_PER_KM + hopMs);
        if (w < wMin) range[0] = wMin = w;
        if (w > wMax) range[1] = wMax = w;
      }
    }
    recW[wi] = w;
  }
}

/** Each copied slot takes its reverse's weight (see layOut). */
function copyWeights(copied: Int32Array, rev: Int32Array, recW: Float32Array): void {
  for (let k = 0; k < copied.length; k++) {
    const i = copied[k];
    const r = rev[i];
    recW[2 * i - (i & 3) + 4] = recW[2 * r - (r & 3) + 4];
  }
}

/** dist = direct latency (Infinity for a failed state); range[2], range[3] = smallest, largest finite one (Infinity, -Infinity if none). */
function seedDistances(n: number, error: Uint8Array, directLatencyMs: Float64Array, dist: Float64Array, range: Float64Array): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  range[2] = lo;
  range[3] = hi;
  for (let i = 0; i < n; i++) {
    const d = error[i] === 0 ? directLatencyMs[i] : Number.POSITIVE_INFINITY;
    dist[i] = d;
    if (d < Number.POSITIVE_INFINITY) {
      if (d < lo) range[2] = lo = d;
      if (d > hi) range[3] = hi = d;
    }
  }
}

/** Queue every satellite with a finite distance in its bucket; returns how many. */
function seedBuckets(
  n: number,
  dist: Float64Array,
  node: Int32Array,
  nxt: Int32Array,
  head: Int32Array,
  base: number,
  inv: number,
  mask: number,
): number {
  let used = 0;
  for (let i = 0; i < n; i++) {
    const d = dist[i];
    if (d < Number.POSITIVE_INFINITY) {
      const b = ((d - base) * inv) | 0; // d >= base: truncation is the floor
      const slot = b & mask;
      node[used] = i;
      nxt[used] = head[slot];
      head[slot] = used;
      used++;
    }
  }
  return used;
}

/**
 * Settle buckets in order until none is left (true) or `over()` says the time is up (false;
 * checked between buckets after every ~4,096 settled satellites). Every satellite in the current
 * bucket is final (bucket width < smallest link weight, so a relaxation always lands in a later
 * bucket), so a bucket is emptied in one sweep of its list. The state lives in `st` and `ws`.
 */
function bucketRun(topo: IslTopology, ws: IslWorkspace, st: BucketState, over: (() => boolean) | null): boolean {
  const n = topo.count;
  const { dist, rec, recW } = ws;
  const head = ws.head;
  const { base, width, nBuckets } = st;
  const inv = 1 / width;
  const mask = nBuckets - 1;
  let { cur, maxB, reached, used, queued } = st;
  let node = ws.entryNode;
  let nxt = ws.entryNext;
  let sinceCheck = 0;
  for (;;) {
    // The state is saved once per bucket, before the loop's only exits: nothing follows the loop
    // (see linkWeights: code after an on-stack-replaced loop threw it away on every step, ~100
    // times in a 192-step run of 100k).
    st.cur = cur;
    st.maxB = maxB;
    st.reached = reached;
    st.used = used;
    st.queued = queued;
    if (cur > maxB) return true;
    if (over && sinceCheck >= 4096) {
      sinceCheck = 0;
      if (over()) return false;
    }
    // at most 4 cells per settled satellite: make room for a whole bucket's worth up front
    if (used + 4 * queued + 16 > node.length) {
      ensureEntries(ws, used, used + 4 * Math.min(queued, n) + 16);
      node = ws.entryNode;
      nxt = ws.entryNext;
    }
    const slot = cur & mask;
    let c = head[slot];
    head[slot] = -1;
    while (c >= 0) {
      const u = node[c];
      c = nxt[c];
      const du = dist[u];
      if ((((du - base) * inv) | 0) !== cur) continue; // settled in an earlier bucket already
      queued--;
      reached++;
      sinceCheck++;
      const o = 8 * u;
      for (let e = 0; e < 4; e++) {
        const w = recW[o + 4 + e];
        if (w === Number.POSITIVE_INFINITY) continue;
        const v = rec[o + e];
        const alt = du + w;
        const dv = dist[v];
        if (!(alt < dv)) continue; // also skips settled satellites (their distance is final and smaller)
        dist[v] = alt;
        const b = ((alt - base) * inv) | 0;
        if (dv === Number.POSITIVE_INFINITY) queued++;
        else if ((((dv - base) * inv) | 0) === b) continue; // already queued in that bucket
        const s2 = b & mask;
        node[used] = v;
        nxt[used] = head[s2];
        head[s2] = used;
        used++;
        if (b > maxB) maxB = b;
      }
    }
    cur++;
  }
}

function heapDijkstra(topo: IslTopology, ws: IslWorkspace): number {
  const n = topo.count;
  if (ws.heap.length < n) {
    ws.heap = new Int32Array(n);
    ws.where = new Int32Array(n);
  }
  const { dist, rec, recW, heap, where } = ws;
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (dist[i] < Number.POSITIVE_INFINITY) {
      heap[size] = i;
      where[i] = size;
      size++;
    } else {
      where[i] = -1;
    }
  }
  for (let h = (size >> 1) - 1; h >= 0; h--) siftDown(heap, where, dist, h, size);
  let reached = 0;
  while (size > 0) {
    const u = heap[0];
    size--;
    where[u] = -2;
    if (size > 0) {
      heap[0] = heap[size];
      where[heap[0]] = 0;
      siftDown(heap, where, dist, 0, size);
    }
    reached++;
    const du = dist[u];
    for (let e = 0; e < 4; e++) {
      const w = recW[8 * u + 4 + e];
      if (w === Number.POSITIVE_INFINITY) continue;
      const v = rec[8 * u + e];
      if (where[v] === -2) continue;
      const alt = du + w;
      if (!(alt < dist[v])) continue;
      dist[v] = alt;
      const at = where[v];
      if (at >= 0) siftUp(heap, where, dist, at);
      else {
        heap[size] = v;
        where[v] = size;
        size++;
        siftUp(heap, where, dist, size - 1);
      }
    }
  }
  return reached;
}

function siftUp(heap: Int32Array, where: Int32Array, dist: Float64Array, at: number): void {
  const node = heap[at];
  const key = dist[node];
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const pn = heap[parent];
    if (dist[pn] <= key) break;
    heap[at] = pn;
    where[pn] = at;
    at = parent;
  }
  heap[at] = node;
  where[node] = at;
}

function siftDown(heap: Int32Array, where: Int32Array, dist: Float64Array, at: number, size: number): void {
  const node = heap[at];
  const key = dist[node];
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]]) child++;
    const cn = heap[child];
    if (dist[cn] >= key) break;
    heap[at] = cn;
    where[cn] = at;
    at = child;
  }
  heap[at] = node;
  where[node] = at;
}
