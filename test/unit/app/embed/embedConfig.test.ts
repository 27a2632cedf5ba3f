import { describe, expect, it } from 'vitest';
import { trustedOrigins } from '../../../../src/app/embed/api';
import { parseEmbedQuery, timeFromText } from '../../../../src/app/embed/config';

describe('embed URL configuration', () => {
  it('reads a full query', () => {
    const c = parseEmbedQuery(
      '?sats=20000&t=2026-03-20T12:00:00Z&paused=1&speed=600&colour=power&select=42' +
        '&view=shell&show=planeRings,shadowCone&hide=capacity&ui=0&aa=0&size=3',
    );
    expect(c.sats).toBe(20000);
    expect(c.timeMs).toBe(Date.UTC(2026, 2, 20, 12));
    expect(c.paused).toBe(true);
    expect(c.speed).toBe(600);
    expect(c.colour).toBe('power');
    expect(c.select).toBe(42);
    expect(c.view).toBe('shell');
    expect(c.layers).toEqual({ planeRings: true, shadowCone: true, capacity: false });
    expect(c.ui).toBe(false);
    expect(c.antialias).toBe(false);
    expect(c.pointSizePx).toBe(3);
    expect(c.warnings).toEqual([]);
  });

  it('accepts Unix milliseconds and defaults everything else', () => {
    const c = parseEmbedQuery('t=1774008000000');
    expect(c.timeMs).toBe(1774008000000);
    expect(c).toMatchObject({
      preset: null,
      sats: null,
      paused: false,
      speed: null,
      colour: null,
      ui: true,
      analysis: true,
      engine: true,
      workers: null,
      antialias: true,
    });
    expect(parseEmbedQuery('workers=3').workers).toBe(3);
  });

  it('turns bad values into warnings naming the parameter, never exceptions', () => {
    const c = parseEmbedQuery('sats=-5&t=yesterday&speed=1e9&colour=rainbow&view=moon&show=lasers&select=abc&workers=99');
    expect(c.workers).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/workers=99: expected a number from 1 to 16/);
    expect(c.sats).toBeNull();
    expect(c.timeMs).toBeNull();
    expect(c.speed).toBeNull();
    expect(c.colour).toBeNull();
    expect(c.view).toBeNull();
    expect(c.select).toBeNull();
    const w = c.warnings.join('\n');
    for (const p of ['sats=-5', 't=yesterday', 'speed=1e9', 'colour=rainbow', 'view=moon', 'lasers', 'select=abc']) expect(w).toContain(p);
  });
});

describe('walkerScenario (the sats=N embed scenario)', () => {
  it('gives a valid single-shell scenario of at least N satellites, also for N = 1', async () => {
    const { walkerScenario } = await import('../../../../src/app/embed/config');
    const { defaultScenario } = await import('../../../../src/core/presets');
    const { buildFleet } = await import('../../../../src/core/fleet/generators');
    const base = defaultScenario();
    for (const [n, expected] of [
      [1, 1],
      [500, 512], // P = round(sqrt(250)) = 16, S = ceil(500 / 16) = 32
      [20_000, 20_000], // P = 100, S = 200
    ] as const) {
      const s = walkerScenario(n, base);
      expect(s.shells).toHaveLength(1);
      expect(buildFleet(s).count).toBe(expected);
    }
  });
});

describe('embed times and trusted origins', () => {
  it('reads t= without a zone as UTC (not local time), with a zone as given', () => {
    expect(parseEmbedQuery('t=2026-03-20T12:00').timeMs).toBe(Date.UTC(2026, 2, 20, 12));
    expect(parseEmbedQuery('t=2026-03-20T12:00:00').timeMs).toBe(Date.UTC(2026, 2, 20, 12));
    expect(parseEmbedQuery('t=2026-03-20T13:00%2B01:00').timeMs).toBe(Date.UTC(2026, 2, 20, 12));
    expect(timeFromText('2026-03-20 12:00')).toBe(Date.UTC(2026, 2, 20, 12));
    expect(timeFromText(1774008000000)).toBe(1774008000000);
    expect(timeFromText('2026-02-30T00:00')).toBeNull();
  });

  it('trusts the listed origins and its own, never a wildcard or a non-origin', () => {
    const t = trustedOrigins(
      'https://slides.example.org, http://127.0.0.1:9000,*,null,https://a.example/path,javascript:alert(1)',
      'http://127.0.0.1:4173',
    );
    expect([...t.origins].sort()).toEqual(['http://127.0.0.1:4173', 'http://127.0.0.1:9000', 'https://slides.example.org']);
    expect(t.warnings).toHaveLength(4);
    expect(t.warnings[0]).toMatch(/^origins: "\*" is not an origin/);
    expect([...trustedOrigins(null, 'http://127.0.0.1:4173').origins]).toEqual(['http://127.0.0.1:4173']);
    // A page opened from file:// has the opaque origin "null": that is never trusted (any sandboxed frame has it too).
    expect([...trustedOrigins(null, 'null').origins]).toEqual([]);
  });
});
