import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasExplicitZone, parseUtcTime } from '../../../src/core/time';
import { propertyRuns } from '../propertyRuns';

describe('parseUtcTime', () => {
  it('reads a time without a zone as UTC, and one with a zone as that zone (checked against Date.parse with explicit zones)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1957, 0, 1), max: Date.UTC(2199, 11, 31) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offMin) => {
          const iso = new Date(ms).toISOString(); // 2026-03-20T12:34:56.789Z
          const bare = iso.slice(0, -1);
          if (parseUtcTime(iso) !== ms || parseUtcTime(bare) !== ms || parseUtcTime(bare.replace('T', ' ')) !== ms) return false;
          // The same instant written in another zone: local wall time + offset.
          const wall = new Date(ms + offMin * 60_000).toISOString().slice(0, -1);
          const a = Math.abs(offMin);
          const zone = `${offMin < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          return parseUtcTime(wall + zone) === ms && parseUtcTime(wall + zone.replace(':', '')) === ms && Date.parse(wall + zone) === ms;
        },
      ),
      propertyRuns(2000, 18),
    );
  });

  it('accepts the short forms and refuses what is not a calendar time', () => {
    expect(parseUtcTime('2026-03-20')).toBe(Date.UTC(2026, 2, 20));
    expect(parseUtcTime('2026-03-20T12:00')).toBe(Date.UTC(2026, 2, 20, 12));
    expect(parseUtcTime('2026-03-20T12:00:00.5')).toBe(Date.UTC(2026, 2, 20, 12, 0, 0, 500));
    expect(parseUtcTime('2026-03-20T12:00+02')).toBe(Date.UTC(2026, 2, 20, 10));
    expect(parseUtcTime('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of [
      '',
      'tomorrow',
      '2026-13-01',
      '2026-02-29',
      '2026-04-31T00:00',
      '2026-03-20T24:00',
      '2026-03-20T12:60',
      '2026-03-20T12:00:60',
      '1742472000000',
      '2026-03-20T12',
      '2026-03-20T12:00+25:00',
    ])
      expect(parseUtcTime(bad), bad).toBeNaN();
    expect(hasExplicitZone('2026-03-20T12:00Z')).toBe(true);
    expect(hasExplicitZone('2026-03-20T12:00-05:00')).toBe(true);
    expect(hasExplicitZone('2026-03-20T12:00')).toBe(false);
  });
});
