/**
 * The few platform facilities src/core uses, typed here so that core compiles without the DOM,
 * WebWorker or Node type libraries (tsconfig.core.json). Each exists in every runtime core runs
 * in (Node >= 20, dedicated workers, the page): the WHATWG Encoding API and the High Resolution
 * Time `performance.now()`. Nothing else from the host may be used in core.
 */

/** UTF-8 encoder (WHATWG Encoding). */
export interface Utf8Encoder {
  encode(text: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
}

/** UTF-8 decoder (WHATWG Encoding); `stream: true` keeps a character cut between chunks. */
export interface Utf8Decoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

interface HostGlobals {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Utf8Decoder;
  performance?: { now(): number };
  structuredClone?: (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown;
}

const host = globalThis as unknown as HostGlobals;

export function utf8Encoder(): Utf8Encoder {
  return new host.TextEncoder();
}

export function utf8Decoder(options?: { fatal?: boolean; ignoreBOM?: boolean }): Utf8Decoder {
  return new host.TextDecoder('utf-8', options);
}

/** Milliseconds from a monotonic clock (performance.now), or Date.now where there is none. For progress throttling and timings only. */
export function monotonicMs(): number {
  return host.performance ? host.performance.now() : Date.now();
}

/** A byte stream read through a reader (a WHATWG ReadableStream: File/Blob streams, fetch bodies). */
export interface ByteStreamSource {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; releaseLock(): void };
}

/** ArrayBuffer.prototype.transfer (ES2024; Chromium 114+, Node 21+): detaches the buffer, and transfer(0) frees its memory. */
type Transferable = ArrayBuffer & { transfer?: (newByteLength?: number) => ArrayBuffer };

/**
 * Give the memory of typed arrays back now instead of at the next garbage collection: each
 * array's buffer is detached with `transfer(0)`, which frees it (every view of that buffer then
 * has length 0). An idle worker may not collect for many seconds, so a finished pass's hundreds
 * of megabytes would otherwise stay resident (issue 17: the page's memory at the end of a
 * sampled run). Where the runtime lacks `transfer` (Node 20) the buffer is detached all the same
 * by a transferring structuredClone, whose clone is garbage at once: the memory then waits for
 * the collector, and a use after release fails there too. Shared buffers are left as they are.
 * Only for arrays the caller owns alone: nothing else may use them afterwards. Returns the bytes
 * detached.
 */
export function releaseNow(...arrays: ReadonlyArray<ArrayBufferView | null | undefined>): number {
  let freed = 0;
  for (const a of arrays) {
    if (!a) continue;
    const b = a.buffer as Transferable;
    if (!(b instanceof ArrayBuffer) || b.byteLength === 0) continue;
    freed += b.byteLength;
    if (typeof b.transfer === 'function') b.transfer(0);
    else host.structuredClone?.(b, { transfer: [b] });
  }
  return freed;
}
