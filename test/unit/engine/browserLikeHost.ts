import type { ShardWorker, WorkerHost } from '../../../src/engine/propagationPool';
import { createShardApi, type ShardApi } from '../../../workers/propagation.api';

/**
 * A worker host that behaves like the browser's: calls answer asynchronously, and terminate()
 * fires no event, so a call in flight on a terminated worker never settles (Worker.terminate()
 * in a page drops it silently). The shard logic itself is the real one.
 */
export function browserLikeHost(delayMs: number): { host: WorkerHost; spawned: () => number } {
  let spawned = 0;
  const host = {
    canShareMemory: false,
    spawn() {
      spawned++;
      const shard = createShardApi();
      let dead = false;
      const answer = <T>(f: () => T): Promise<T> =>
        new Promise<T>((resolve, reject) =>
          setTimeout(() => {
            if (dead) return; // never settles, like a terminated Web Worker
            try {
              resolve(f());
            } catch (e) {
              reject(e);
            }
          }, delayMs),
        );
      // every shard method (propagation and the sampled analysis), answered after the delay
      const api = new Proxy({} as Record<string, unknown>, {
        get:
          (_, method: string) =>
          (...a: unknown[]) =>
            answer(() => (shard[method as keyof ShardApi] as (...x: unknown[]) => unknown)(...a)),
      });
      return {
        api: api as unknown as ShardWorker['api'],
        crashed: new Promise<never>(() => {}),
        terminate: () => {
          dead = true;
        },
      };
    },
  };
  return { host, spawned: () => spawned };
}
