/**
 * The shared open-output step of the command-line planner. Every command writes its results
 * (states CSV, analysis JSON and CSV, reports, exports) through an `Output`, so that:
 *
 * - every output error is one line and exit 2 (`OutputError`): an unwritable path or missing
 *   directory (found when the output is opened, before any long work), a full disk, a closed pipe
 *   (EPIPE on stdout);
 * - a file is written to a temporary file beside it and renamed into place by `finish()`: a run that
 *   fails half-way leaves the old file as it was (special files such as /dev/null or a FIFO are
 *   written directly);
 * - streams honour backpressure: files are written synchronously from the caller's chunk (no queue,
 *   no copy), stdout is a stream whose buffer the producer waits on with `await drain()` between
 *   chunks, so a large CSV never piles up in memory.
 */
import { closeSync, constants, openSync, renameSync, statSync, unlinkSync, writeSync, accessSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from './command';
import { UsageError } from './common';

/** An output that cannot be written: one line on stderr, exit 2. */
export class OutputError extends UsageError {}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EPIPE: 'the reading end of the pipe was closed',
  ERR_STREAM_DESTROYED: 'the stream was closed',
  ERR_STREAM_WRITE_AFTER_END: 'the stream was closed',
};

/** `cannot write <what>: CODE (reason)` for any error thrown or emitted while writing. */
export function outputError(what: string, e: unknown): OutputError {
  if (e instanceof OutputError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? `${code}${REASONS[code] ? ` (${REASONS[code]})` : ''}` : ((e as Error | undefined)?.message ?? String(e));
  return new OutputError(`cannot write ${what}: ${reason}`);
}

export interface Output {
  /** The path, or `stdout`. */
  readonly name: string;
  readonly toFile: boolean;
  /** Bytes (UTF-8 for text) written so far. */
  readonly bytes: number;
  /**
   * Writes a chunk. A Uint8Array may be reused by the caller as soon as this returns (a file gets
   * it synchronously; stdout gets a copy).
   */
  write(chunk: string | Uint8Array): void;
  /**
   * Writes a chunk of any size in 1 MiB slices, waiting for the destination between them (use it
   * for large chunks, e.g. a whole part of a parallel run).
   */
  put(chunk: string | Uint8Array): Promise<void>;
  /** Resolves when the destination can take more (stdout's buffer drained); throws OutputError after a write error. */
  drain(): Promise<void>;
  /** Flushes, closes and (for a file) renames the result into place. Throws OutputError. */
  finish(): Promise<void>;
  /** After a failure: closes and removes the temporary file; the target is left as it was. Never throws. */
  dispose(): void;
}

let tmpCounter = 0;
const SLICE_BYTES = 1 << 20;

async function putSliced(out: Output, chunk: string | Uint8Array): Promise<void> {
  const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    out.write(bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES)));
    await out.drain();
  }
}
const utf8 = new TextEncoder();

class FileOutput implements Output {
  put(chunk: string | Uint8Array): Promise<void> {
    return putSliced(this, chunk);
  }
  readonly toFile = true;
  bytes = 0;
  private fd = -1;
  private readonly tmp: string | null;
  private done = false;

  constructor(readonly name: string) {
    let special = false;
    try {
      const st = statSync(name);
      if (st.isDirectory()) throw outputError(name, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
      special = !st.isFile();
    } catch (e) {
      if (e instanceof OutputError) throw e;
      // does not exist yet: the temporary file below finds out whether it can be created
    }
    if (special) {
      this.tmp = null;
      this.fd = this.open(name, 'w');
      return;
    }
    const tmp = join(dirname(name), `.${basename(name)}.${process.pid}-${++tmpCounter}.tmp`);
    try {
      this.fd = openSync(tmp, 'wx');
      this.tmp = tmp;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A directory we may not create files in, but a target file we may write: write it in place.
      if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && this.writableInPlace()) {
        this.tmp = null;
        return; // opened (and truncated) on the first write or at finish
      }
      throw outputError(name, e);
    }
  }

  private writableInPlace(): boolean {
    try {
      accessSync(this.name, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  private open(path: string, flags: string): number {
    try {
      return openSync(path, flags);
    } catch (e) {
      throw outputError(this.name, e);
    }
  }

  write(chunk: string | Uint8Array): void {
    if (this.done) throw new OutputError(`cannot write ${this.name}: already closed`);
    if (this.fd < 0) this.fd = this.open(this.name, 'w');
    const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      throw outputError(this.name, e);
    }
    this.bytes += bytes.length;
  }

  async drain(): Promise<void> {
    /* synchronous writes: nothing is ever queued */
  }

  async finish(): Promise<void> {
    if (this.done) return;
    if (this.fd < 0) this.fd = this.open(this.name, 'w'); // an empty result is still a result
    try {
      closeSync(this.fd);
      this.fd = -1;
      if (this.tmp) renameSync(this.tmp, this.name);
      this.done = true;
    } catch (e) {
      this.dispose();
      throw outputError(this.name, e);
    }
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        /* already failing */
      }
      this.fd = -1;
    }
    if (this.tmp) {
      try {
        unlinkSync(this.tmp);
      } catch {
        /* gone already */
      }
    }
  }
}

type Stream = NonNullable<CliIo['stdoutStream']>;

class StreamOutput implements Output {
  put(chunk: string | Uint8Array): Promise<void> {
    return putSliced(this, chunk);
  }
  readonly name = 'stdout';
  readonly toFile = false;
  bytes = 0;
  private error: OutputError | null = null;
  private readonly onError = (e: unknown) => {
    this.error ??= outputError('stdout', e);
  };

  constructor(private readonly stream: Stream) {
    stream.on('error', this.onError);
  }

  private check(): void {
    if (this.error) throw this.error;
    if (this.stream.destroyed) throw outputError('stdout', { code: 'ERR_STREAM_DESTROYED' });
  }

  write(chunk: string | Uint8Array): void {
    this.check();
    // A copy of a borrowed byte chunk: the stream may hold it until the pipe takes it.
    const data = typeof chunk === 'string' ? chunk : Buffer.from(chunk);
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.stream.write(data);
  }

  async drain(): Promise<void> {
    this.check();
    if (!this.stream.writableNeedDrain) {
      await null; // lets a pending 'error' (EPIPE is emitted on the next tick) arrive
      this.check();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const off = () => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', onErr);
        this.stream.off('close', onClose);
      };
      const onDrain = () => (off(), resolve());
      const onErr = (e: unknown) => (off(), reject(outputError('stdout', e)));
      const onClose = () => (off(), reject(this.error ?? outputError('stdout', { code: 'ERR_STREAM_DESTROYED' })));
      this.stream.on('drain', onDrain);
      this.stream.on('error', onErr);
      this.stream.on('close', onClose);
    });
  }

  async finish(): Promise<void> {
    this.check();
    await new Promise<void>((resolve, reject) => {
      this.stream.write('', (e?: Error | null) => (e ? reject(outputError('stdout', e)) : resolve()));
    });
    await null;
    this.check();
    this.stream.off('error', this.onError);
  }

  dispose(): void {
    // The listener stays while the stream may still report an error for what was written.
  }
}

/** Stdout as plain text callbacks (tests, embedding): no backpressure to honour. */
class CallbackOutput implements Output {
  put(chunk: string | Uint8Array): Promise<void> {
    return putSliced(this, chunk);
  }
  readonly name = 'stdout';
  readonly toFile = false;
  bytes = 0;
  private readonly decoder = new TextDecoder();
  constructor(private readonly sink: (s: string) => unknown) {}
  write(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') {
      this.bytes += Buffer.byteLength(chunk);
      this.sink(chunk);
    } else {
      this.bytes += chunk.length;
      const s = this.decoder.decode(chunk, { stream: true });
      if (s) this.sink(s);
    }
  }
  async drain(): Promise<void> {}
  async finish(): Promise<void> {
    const s = this.decoder.decode();
    if (s) this.sink(s);
  }
  dispose(): void {}
}

/** Opens `target` (a path; `-` or undefined is stdout). Throws OutputError when a file cannot be written. */
export function openOutput(target: string | undefined, io: CliIo): Output {
  if (target === undefined || target === '-') return io.stdoutStream ? new StreamOutput(io.stdoutStream) : new CallbackOutput(io.stdout);
  if (target === '') throw new OutputError('cannot write "": empty file name');
  return new FileOutput(target);
}
