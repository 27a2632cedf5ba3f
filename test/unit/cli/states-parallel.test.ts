/**
 * Parallel `plan states` (src/cli/statesParallel.ts): the file is cut into parts read, propagated
 * and formatted by worker threads. Its output must be the in-thread path's output byte for byte:
 * the CSV, and the rejected/warned lines with their line numbers. Checked on the real catalogue
 * and on hostile files with problems on both sides of every cut.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { reportImports } from '../../../src/cli/common';
import { findTleCut, runStatesParallel } from '../../../src/cli/statesParallel';
import { openOutput } from '../../../src/cli/output';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-states-par-'));
const AT = '2022-08-10T00:00:00Z';
const atMs = Date.parse(AT);
const enc = new TextEncoder();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
}

/** The in-thread path through main() (--workers 0): stdout CSV and stderr report. */
async function inThread(path: string, extra: string[] = []): Promise<{ csv: string; err: string; code: number }> {
  const c = capture();
  const code = await main(['states', path, '--at', AT, '--workers', '0', ...extra], c.io);
  return { csv: c.out.join(''), err: c.err.join(''), code };
}

/** The parallel path with `workers` parts, whatever the file's size. */
async function parallel(path: string, workers: number, acceptBadChecksums = false) {
  const chunks: string[] = [];
  const err: string[] = [];
  const out = openOutput('-', { stdout: (s) => chunks.push(s), stderr: () => undefined });
  const r = await runStatesParallel(
    path,
    atMs,
    { workers, acceptBadChecksums, minBytes: 0 },
    (imports) => reportImports(imports, (s) => err.push(s)),
    out,
  );
  await out.finish();
  const csv = chunks.join('');
  return { r, csv, err: err.join('') };
}

describe('findTleCut', () => {
  const l1 = '1 25544U 98067A   22220.51041667  .00006811  00000+0  12616-3 0  9992';
  const l2 = '2 25544  51.6423 123.4611 0005040 187.7227 292.2757 15.50003388353013';
  it('cuts before a line 1 that follows a line 2 (2-line files)', () => {
    const text = `xx partial\n${l1}\n${l2}\n${l1}\n${l2}\n`;
    expect(findTleCut(enc.encode(text))).toBe(-1); // the last line may be cut by the window
    const at = findTleCut(enc.encode(text), true);
    expect(text.slice(at).startsWith(`${l1}\n${l2}\n`)).toBe(true);
    expect(text[at - 1]).toBe('\n');
    expect(text.slice(0, at).endsWith(`${l2}\n`)).toBe(true);
  });
  it('cuts before the name line of a 3-line record, also with CRLF', () => {
    const text = `RTIAL\r\nNAME A\r\n${l1}\r\n${l2}\r\nNAME B\r\n${l1}\r\n${l2}\r\nNAME C\r\n`;
    const at = findTleCut(enc.encode(text));
    expect(text.slice(at).startsWith('NAME B\r\n')).toBe(true);
  });
  it('finds no cut in text without records', () => {
    expect(findTleCut(enc.encode('a\nb\nc\nd\ne\nf\n'))).toBe(-1);
    expect(findTleCut(enc.encode(`${l2}\n${l1}\n`))).toBe(-1);
  });
});

describe('parallel plan states equals the in-thread path', () => {
  it('real catalogue, 2 and 3 workers: same CSV bytes, same report', async () => {
    const path = requireSharedData(CATALOG);
    const ref = await inThread(path);
    expect(ref.code).toBe(0);
    for (const workers of [2, 3]) {
      const p = await parallel(path, workers);
      expect(p.r).not.toBeNull();
      expect(p.r!.rows).toBe(ref.csv.trimEnd().split('\n').length - 1);
      expect(p.err).toBe(ref.err);
      expect(p.csv === ref.csv).toBe(true);
    }
  }, 120_000);

  it('hostile 3-line file (bad checksums, truncated records, garbage, CRLF, BOM, non-ASCII names): same CSV, same rejected ' +
    'lines', async () => {
    const cat = readFileSync(requireSharedData(CATALOG), 'utf8').split('\n');
    const lines: string[] = ['\uFEFFFIRST SAT'];
    let k = 0;
    for (let r = 0; k + 1 < cat.length && r < 3000; r++, k += 2) {
      const [a, b] = [cat[k], cat[k + 1]];
      if (r > 0) lines.push(r % 7 === 0 ? `SATÉLLITE ${r} "q", x` : `SAT ${r}`);
      if (r % 97 === 5)
        lines.push(a.slice(0, 68) + ((Number(a[68]) + 1) % 10), b); // bad checksum
      else if (r % 131 === 7)
        lines.push(a); // line 2 missing
      else if (r % 151 === 9) lines.push('garbage line here', a, b);
      else lines.push(a, b);
    }
    const path = join(tmp, 'hostile.tle');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    for (const accept of [false, true]) {
      const ref = await inThread(path, accept ? ['--accept-bad-checksums'] : []);
      expect(ref.code).toBe(0);
      expect(ref.err).toMatch(/rejected/);
      for (const workers of [2, 4]) {
        const p = await parallel(path, workers, accept);
        expect(p.r).not.toBeNull();
        expect(p.err).toBe(ref.err);
        expect(p.csv === ref.csv).toBe(true);
      }
    }
  }, 120_000);

  it('hostile large files (random bytes in the middle, a 1 MB line, NUL bytes) give what --workers 0 gives', async () => {
    const text = readFileSync(requireSharedData(CATALOG), 'utf8');
    let seed = 7;
    const noise = Buffer.alloc(600_000);
    for (let k = 0; k < noise.length; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise[k] = seed >>> 24;
    }
    const cases: Array<[string, Buffer]> = [
      ['noise.tle', Buffer.concat([Buffer.from(text), noise, Buffer.from(`\n${text}`)])],
      ['longline.tle', Buffer.concat([Buffer.from(`${text}\n`), Buffer.alloc(1 << 20, 0x41), Buffer.from(`\n${text}`)])],
      ['nul.tle', Buffer.concat([Buffer.from(`${text}\n`), Buffer.alloc(200_000, 0), Buffer.from(`\n${text}`)])],
    ];
    for (const [name, bytes] of cases) {
      const path = join(tmp, name);
      writeFileSync(path, bytes);
      const ref = await inThread(path);
      const c = capture();
      const code = await main(['states', path, '--at', AT], c.io);
      expect(code).toBe(ref.code);
      expect(c.err.join('')).toBe(ref.err);
      expect(c.out.join('') === ref.csv).toBe(true);
      expect(ref.err).toMatch(/rejected/);
    }
  }, 180_000);

  it('leaves other formats and unusable input to the in-thread path', async () => {
    const omm = join(tmp, 'x.csv');
    writeFileSync(omm, 'OBJECT_NAME,OBJECT_ID,EPOCH\nA,1998-067A,2022-08-08T12:00:00\n'.repeat(3));
    expect((await parallel(omm, 2)).r).toBeNull();
    expect((await parallel(join(tmp, 'missing.tle'), 2)).r).toBeNull();
    expect(
      await runStatesParallel(
        omm,
        atMs,
        { workers: 1, acceptBadChecksums: false, minBytes: 0 },
        () => undefined,
        openOutput('-', { stdout: () => undefined, stderr: () => undefined }),
      ),
    ).toBeNull();
  });

  it('main() takes the parallel path for a large TLE file and writes what --workers 0 writes', async () => {
    // ~5 MB: the real catalogue twice (above PARALLEL_STATES_MIN_BYTES).
    const text = readFileSync(requireSharedData(CATALOG), 'utf8');
    const path = join(tmp, 'big.tle');
    writeFileSync(path, text + text);
    const refOut = join(tmp, 'big-ref.csv');
    const ref = await inThread(path, ['--out', refOut]);
    expect(ref.code).toBe(0);
    const out = join(tmp, 'big.csv');
    const c = capture();
    expect(await main(['states', path, '--at', AT, '--out', out], c.io)).toBe(0);
    expect(c.err.join('')).toBe(ref.err.replace(refOut, out));
    expect(c.err.join('')).toMatch(/wrote \d+ states/);
    expect(readFileSync(out).equals(readFileSync(refOut))).toBe(true);
  }, 120_000);
});
