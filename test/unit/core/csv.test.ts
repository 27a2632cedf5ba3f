import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteCsvWriter, csvField, csvLines, detectCsvDelimiter, fixedText, num, splitCsvLine } from '../../../src/core/csv';
import { propertyRuns } from '../propertyRuns';

function render(fn: (w: ByteCsvWriter) => void, chunk = 64): string {
  const parts: Uint8Array[] = [];
  const w = new ByteCsvWriter((c) => parts.push(c.slice()), chunk); // chunks are borrowed: copy
  fn(w);
  w.flush();
  return Buffer.concat(parts).toString('utf8');
}

describe('ByteCsvWriter', () => {
  it('formats fixed decimals exactly as toFixed (fixed and fixedText), over random doubles of every magnitude', () => {
    // Doubles of every magnitude (fast-check draws the bits), decimals 0..12, both writers.
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 12 }), (x, d) => {
        const ref = x.toFixed(d);
        expect(render((w) => w.fixed(x, d))).toBe(ref);
        expect(fixedText(x, d)).toBe(ref);
      }),
      propertyRuns(20000),
    );
    // Values of the states CSV's size (km, km/s) and fractions, where most output falls.
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, d) => {
        const ref = x.toFixed(d);
        expect(render((w) => w.fixed(x, d))).toBe(ref);
        expect(fixedText(x, d)).toBe(ref);
      }),
      propertyRuns(20000),
    );
  });

  it('formats the edge cases of toFixed: signs, -0, ties, carries, huge and tiny values, non-finite values', () => {
    const cases: number[] = [
      0,
      -0,
      0.5,
      1.5,
      2.5,
      -0.5,
      -1.5,
      -2.5,
      1.005,
      1.045,
      0.125,
      0.375,
      -0.125,
      1.25,
      8.345,
      1.0000005,
      0.0000005,
      -0.0000004,
      -0.0000005,
      -1e-300,
      5e-324,
      -5e-324,
      0.9999995,
      0.99999949999,
      9.9999999996,
      99.5,
      999.9999999999,
      1836.5825304,
      -7.123456789123,
      2147483647.5,
      2147483648.4,
      4294967295.9999,
      123456789.12345679,
      9007199254740991,
      2 ** 53 + 2,
      8.999999999999e14,
      9e14,
      8.99e15,
      9e15,
      1e16,
      1e20,
      9.99e20,
      1e21,
      -1e21,
      1e300,
      -1e300,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.EPSILON,
      2 ** 31 / 1e9,
      2 ** 53 / 1e12,
    ];
    for (const x of cases)
      for (let d = 0; d <= 12; d++) {
        expect(
          render((w) => w.fixed(x, d)),
          `${x} to ${d}`,
        ).toBe(x.toFixed(d));
        expect(fixedText(x, d), `${x} to ${d}`).toBe(x.toFixed(d));
      }
    // Exact ties k + 0.5 units of the last place (binary fractions): toFixed takes the larger magnitude.
    for (let k = 0; k < 2000; k++)
      for (const d of [0, 1, 2, 3]) {
        const x = (k + 0.5) / 2 ** (d + 1);
        expect(render((w) => w.fixed(x, d))).toBe(x.toFixed(d));
        expect(render((w) => w.fixed(-x, d))).toBe((-x).toFixed(d));
      }
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(render((w) => w.fixed(x, 6))).toBe('');
      expect(fixedText(x, 6)).toBe('');
      expect(num(x, 6)).toBe('');
    }
    expect(render((w) => w.fixed(1836.5825304, 6))).toBe('1836.582530');
    expect(render((w) => w.fixed(-0.0000004, 6))).toBe('-0.000000');
    expect(render((w) => w.fixed(-0, 6))).toBe('0.000000');
  });

  it('writes CSV fields as csvField quotes them (field), integers of every size (uint) and raw bytes', () => {
    const fieldText = fc.oneof(
      fc.string(),
      fc.string({
        unit: fc.constantFrom('a', 'Z', '0', ' ', ',', ';', '"', '\t', '\r', '\n', '\u00a0', '\u3000', '\ufeff', 'é', '✓', '\u0001'),
      }),
    );
    fc.assert(
      fc.property(fc.array(fieldText, { maxLength: 20 }), (fields) => {
        const ours = render((w) => {
          for (const f of fields) w.field(f).comma();
        }, 8);
        expect(ours).toBe(fields.map((f) => `${csvField(f)},`).join(''));
      }),
      propertyRuns(500),
    );
    for (const n of [0, 9, 10, 99, 100, 101, 999, 1000, 65535, 99999, 100000, 2147483647, 2147483648, 4294967296, 9007199254740991])
      expect(render((w) => w.uint(n))).toBe(String(n));
    // every digit count: 10^k - 1 and 10^k up to 2^31 (the small-integer path counts digits in a loop)
    for (let k = 1; k <= 10; k++) for (const n of [10 ** k - 1, 10 ** k, 2 * 10 ** k - 1]) expect(render((w) => w.uint(n))).toBe(String(n));
    expect(render((w) => w.bytes(new TextEncoder().encode('NORAD ')).uint(25544))).toBe('NORAD 25544');
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
