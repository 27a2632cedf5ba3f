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
