import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteCsvWriter, csvField, csvLines, detectCsvDelimiter, splitCsvLine } from '../../../src/core/csv';
import { propertyRuns } from '../propertyRuns';

function render(fn: (w: ByteCsvWriter) => void, chunk = 64): string {
  const parts: Uint8Array[] = [];
  const w = new ByteCsvWriter((c) => parts.push(c.slice()), chunk); // chunks are borrowed: copy
  fn(w);
  w.flush();
  return Buffer.concat(parts).toString('utf8');
}

describe('ByteCsvWriter', () => {
  it('formats fixed decimals like toFixed (to within one unit in the last place at exact ties)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e8, max: 1e8, noNaN: true }), fc.integer({ min: 0, max: 9 }), (x, d) => {
        const ours = render((w) => w.fixed(x, d));
        const ref = x.toFixed(d);
        if (ours === ref) return true;
        // ties and representation edge cases: differ by at most one unit in the last digit
        return (
          Math.abs(Number(ours) - Number(ref)) <= 1.0000001 * 10 ** -d + Math.abs(x) * 1e-15 && (Number(ref) !== 0 || Number(ours) === 0)
        );
      }),
      propertyRuns(3000),
    );
    expect(render((w) => w.fixed(1836.5825304, 6))).toBe('1836.582530');
    expect(render((w) => w.fixed(-0.0000004, 6))).toBe('-0.000000');
    expect(render((w) => w.fixed(Number.NaN, 6))).toBe('');
    expect(render((w) => w.fixed(1e300, 3))).toBe((1e300).toFixed(3));
  });

  it('writes integers, text (ASCII and UTF-8) and separators across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 2 ** 53 - 1 }), fc.string()), { maxLength: 30 }), (rows) => {
        const ours = render((w) => {
          for (const [n, s] of rows) w.uint(n).comma().text(s).newline();
        }, 16);
        return ours === rows.map(([n, s]) => `${n},${s}\n`).join('');
      }),
      propertyRuns(100),
    );
    expect(render((w) => w.text('Ümlaut-Sat ✓').comma().uint(0))).toBe('Ümlaut-Sat ✓,0');
  });

  it('quotes fields that need it (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('the CSV dialect (src/core/csv.ts)', () => {
  it('quotes exactly the fields that need it, and every quoted field splits back to itself in each delimiter', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '\t', '"', 'é', '1') }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          return ([',', ';', '\t'] as const).every((d) => {
            const line = cells.map(csvField).join(d);
            return (
              JSON.stringify(splitCsvLine(line, d)) === JSON.stringify(cells) &&
              (cells.length < 2 || detectCsvDelimiter(line) === d || !line.includes(d))
            );
          });
        },
      ),
      propertyRuns(500, 11),
    );
  });

  it('detects the delimiter of a first line and drops a BOM when splitting lines', () => {
    expect(detectCsvDelimiter('name;lat;lon')).toBe(';');
    expect(detectCsvDelimiter('name\tlat\tlon')).toBe('\t');
    expect(detectCsvDelimiter('"a;b",lat,lon')).toBe(',');
    expect(detectCsvDelimiter('single')).toBe(',');
    expect(csvLines('\uFEFFa,b\r\nc,d\re\n')).toEqual(['a,b', 'c,d', 'e', '']);
  });
});
