import { describe, expect, it } from 'vitest';
import { parseUtcMs } from '../../../../src/core/utcTime';

describe('parseUtcMs: times without a zone are UTC', () => {
  it('reads zoned and unzoned ISO times against Date.UTC', () => {
    const noon = Date.UTC(2026, 2, 20, 12, 0, 0);
    expect(parseUtcMs('2026-03-20T12:00:00Z')).toBe(noon);
    expect(parseUtcMs('2026-03-20T12:00:00')).toBe(noon);
    expect(parseUtcMs('2026-03-20T12:00')).toBe(noon);
    expect(parseUtcMs('2026-03-20 12:00')).toBe(noon);
    expect(parseUtcMs('2026-03-20')).toBe(Date.UTC(2026, 2, 20));
    expect(parseUtcMs('2026-03-20T13:00:00+01:00')).toBe(noon);
    expect(parseUtcMs('2026-03-20T06:30:00-0530')).toBe(noon);
    expect(parseUtcMs('2026-03-20T12:00:00.250')).toBe(noon + 250);
    expect(parseUtcMs('2024-02-29T00:00')).toBe(Date.UTC(2024, 1, 29));
  });
  it('reads Unix milliseconds and rejects everything else', () => {
    expect(parseUtcMs('1774008000000')).toBe(1774008000000);
    expect(parseUtcMs(1774008000000)).toBe(1774008000000);
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2025-02-29T00:00',
      '2026-03-20T25:00',
      '2026-03-20T12:00+25:00',
      '12:00',
    ])
      expect(parseUtcMs(bad), bad).toBeNull();
    expect(parseUtcMs(Number.NaN)).toBeNull();
  });
});
