/**
 * Progress of long commands on stderr. On a terminal: one line rewritten in place (at most 10
 * times a second) and ended with a newline when done. Otherwise (a log file, CI, a test): a line
 * at most every `sparseMs` (default 5 s) and the final line, so logs stay short.
 */
import type { CliIo } from './command';

export interface Progress {
  /** `text` says where the work is (e.g. `12/96 steps (13 %)`); elapsed seconds are appended. */
  update(text: string): void;
  /** The final line (always written). */
  done(text: string): void;
}

export function createProgress(label: string, io: CliIo, opts: { sparseMs?: number; now?: () => number } = {}): Progress {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const tty = io.stderrIsTTY === true;
  const everyMs = tty ? 100 : (opts.sparseMs ?? 5000);
  let last = t0;
  let shown = false;
  const line = (text: string) => `${label}: ${text}, ${((now() - t0) / 1000).toFixed(1)} s`;
  return {
    update(text) {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      shown = true;
      io.stderr(tty ? `\r${line(text)}\x1b[K` : `${line(text)}\n`);
    },
    done(text) {
      io.stderr(tty ? `${shown ? '\r' : ''}${line(text)}\x1b[K\n` : `${line(text)}\n`);
    },
  };
}
