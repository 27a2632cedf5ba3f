/**
 * Contracts between the main thread and the worker pools. Implementations live in
 * src/engine/ (pool clients, in-thread fallback) and workers/ (thin comlink entries).
 */
import type { Fleet } from '../core/fleet/fleet';
import type { LinkChoice, LinkStations } from '../core/physics/stationLinks';

/** Station links of one frame, chosen by the workers over every satellite (src/core/physics/stationLinks.ts). */
export interface FrameLinks extends LinkChoice {
  /** The stations they were chosen for: the object last given to setLinkStations. */
  stations: LinkStations;
  /** Main-thread milliseconds spent merging the shards' candidates. */
  mergeMs: number;
  /** Milliseconds the slowest shard spent choosing them (in its worker; in this thread in-thread). */
  workerMs: number;
}

/** SGP4 state of every satellite at one time. Index = fleet id. */
export interface StateFrame {
  /** Request sequence number; a newer request makes older frames stale. */
  seq: number;
  timeMs: number;
  count: number;
  /**
   * TEME position, km, and velocity, km/s, xyz interleaved (3 * count). Absent in the frames of a
   * viewer's pool (`drawStates` in shared mode): its workers keep the km states and write only
   * the Float32 draw states below.
   */
  positionKm?: Float64Array;
  velocityKmS?: Float64Array;
  /** 0 = ok; otherwise the SGP4 error code (1-6, as satellite.js), 7 = not yet computed. */
  error: Uint8Array;
  /**
   * Pools made with `drawStates` in shared mode: the states in Earth radii and Earth radii/s
   * (Float32, error rows zeroed), written by the workers, for the viewer's GPU buffers as they are.
   * Valid until the next-but-one request (frames are double-buffered).
   */
  positionEr?: Float32Array;
  velocityErS?: Float32Array;
  /** With link stations set (setLinkStations): each station's top-K links at this time. */
  links?: FrameLinks;
}

export type EngineNotice = { level: 'info' | 'warning' | 'error'; message: string };

export interface PropagationEngine {
  /** Hand the fleet to the pool (shards it, initialises SGP4 in each worker). */
  setFleet(fleet: Fleet): Promise<void>;
  /** States of all satellites at `timeMs`. A newer call makes this one resolve to null (stale). */
  propagate(timeMs: number): Promise<StateFrame | null>;
  /**
   * Stations whose links the workers choose with every frame from now on (null: none). Sent to the
   * workers with the next request; frames computed before carry links for the old stations (compare
   * FrameLinks.stations) or none.
   */
  setLinkStations?(stations: LinkStations | null): void;
  /** Worker restarts, fallbacks and similar events the user should see. */
  onNotice(cb: (n: EngineNotice) => void): () => void;
  /** 'shared' when results land in a SharedArrayBuffer, 'transfer' otherwise, 'in-thread' without workers. */
  readonly mode: 'shared' | 'transfer' | 'in-thread';
  /** Worker threads propagating the current fleet (0 in-thread or before the first fleet). */
  readonly workers?: number;
  dispose(): void;
}
