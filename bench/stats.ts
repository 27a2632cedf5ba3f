/** Small timing and memory helpers for the benchmark. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc') as () => void;

/** Full garbage collection (so heap deltas measure what is retained). */
export function fullGc(): void {
  gcFn();
  gcFn();
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Retained JS heap + ArrayBuffer bytes. */
export function retainedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export const MB = 1e6;
export const fmtMs = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(0));
export const fmtMb = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(0));
export const fmtX = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(1)}x`);
