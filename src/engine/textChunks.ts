/**
 * Read bytes [start, end) of an open file as text in 64 KiB chunks, decoded the way
 * Buffer#toString('utf8') decodes the whole file (invalid bytes become U+FFFD, a BOM is kept;
 * characters cut by a chunk boundary are joined). One reused buffer: a large element file is never
 * held as one buffer or one string. Used by loadInput and by the parallel `states` parts.
 */
import { isAscii } from 'node:buffer';
import { readSync } from 'node:fs';

export const TEXT_CHUNK_BYTES = 64 * 1024;

/** Calls `onText` for each decoded chunk (never empty); returns the bytes read. */
export function readTextChunks(fd: number, start: number, end: number, onText: (text: string) => void): number {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const buf = Buffer.allocUnsafe(TEXT_CHUNK_BYTES);
  let at = start;
  // While every chunk so far was ASCII the decoder holds nothing back, and an ASCII chunk is the
  // same text read as Latin-1: a plain copy, where the UTF-8 decoder (ICU's converter in Node 20)
  // took ~30-40 ms per 42 MB (CPU profile). From the first other chunk on, everything goes through the decoder.
  let ascii = true;
  while (at < end) {
    const n = readSync(fd, buf, 0, Math.min(TEXT_CHUNK_BYTES, end - at), at);
    if (n === 0) break;
    at += n;
    const bytes = buf.subarray(0, n);
    if (ascii && isAscii(bytes)) {
      onText(buf.toString('latin1', 0, n));
      continue;
    }
    ascii = false;
    const text = decoder.decode(bytes, { stream: true });
    if (text.length > 0) onText(text);
  }
  const tail = decoder.decode();
  if (tail.length > 0) onText(tail);
  return at - start;
}
