/**
 * readTextChunks: a file read in 64 KiB chunks decodes to exactly Buffer#toString('utf8') of the
 * whole file, whether it is all ASCII (the Latin-1 copy path), UTF-8 from the start, or turns to
 * UTF-8 (multi-byte characters cut by a chunk boundary, a BOM, invalid bytes) after ASCII chunks.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextChunks, TEXT_CHUNK_BYTES } from '../../../src/engine/textChunks';
import { propertyRuns } from '../propertyRuns';

const dir = mkdtempSync(join(tmpdir(), 'text-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readBack(bytes: Uint8Array, start = 0, end = bytes.length): { text: string; chunks: number } {
  const path = join(dir, 'f.txt');
  writeFileSync(path, bytes);
  const fd = openSync(path, 'r');
  const parts: string[] = [];
  try {
    readTextChunks(fd, start, end, (t) => {
      expect(t.length).toBeGreaterThan(0);
      parts.push(t);
    });
  } finally {
    closeSync(fd);
  }
  return { text: parts.join(''), chunks: parts.length };
}

describe('readTextChunks', () => {
  it('reads an ASCII file of several chunks as it is', () => {
    const line = '1 25544U 98067A   26003.88630581  .00000489  00000-0  22646-3 0    08\n';
    const text = line.repeat(Math.ceil((3.5 * TEXT_CHUNK_BYTES) / line.length));
    const r = readBack(Buffer.from(text, 'latin1'));
    expect(r.text).toBe(text);
    expect(r.chunks).toBe(4);
  });

  it('matches Buffer#toString("utf8") when UTF-8 starts after ASCII chunks, across chunk boundaries', () => {
    const ascii = 'a'.repeat(2 * TEXT_CHUNK_BYTES - 1); // the 3-byte '✓' is cut by the second boundary
    const tail = '✓ Ümlaut-Sat 衛星 \u{1F6F0} end';
    const bytes = Buffer.concat([
      Buffer.from(ascii),
      Buffer.from(tail),
      Buffer.from([0xff, 0x41]),
      Buffer.from('a'.repeat(TEXT_CHUNK_BYTES)),
    ]);
    expect(readBack(bytes).text).toBe(bytes.toString('utf8'));
    // a chunk ending in a lone lead byte, then an all-ASCII chunk: the replacement character comes first
    const lone = Buffer.concat([
      Buffer.from('b'.repeat(TEXT_CHUNK_BYTES - 1)),
      Buffer.from([0xe2]),
      Buffer.from('c'.repeat(TEXT_CHUNK_BYTES)),
    ]);
    expect(readBack(lone).text).toBe(lone.toString('utf8'));
    expect(readBack(lone).text.charAt(TEXT_CHUNK_BYTES - 1)).toBe('\ufffd');
  });

  it('keeps a byte order mark and decodes any bytes as Buffer#toString does (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '1', ' ', '\n', '.', '-'), maxLength: 3 * TEXT_CHUNK_BYTES }),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.uint8Array({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 6 }), (bom, pieces) => {
        const parts = pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)));
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...parts]);
        expect(readBack(bytes).text).toBe(bytes.toString('utf8'));
      }),
      propertyRuns(40),
    );
  });

  it('reads a byte range (the parallel parts of plan states)', () => {
    const text = `${'x'.repeat(100)}\n${'é'.repeat(40_000)}\n${'y'.repeat(TEXT_CHUNK_BYTES)}`;
    const bytes = Buffer.from(text, 'utf8');
    expect(readBack(bytes, 101, bytes.length).text).toBe(bytes.subarray(101).toString('utf8'));
    expect(readBack(bytes, 0, 100).text).toBe('x'.repeat(100));
  });
});
