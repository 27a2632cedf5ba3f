/** Deep-link parsing (?preset=, #sat=) and the theme rule, in Node (the page behaviour is in test/browser/interop.test.ts). */
import { describe, expect, it } from 'vitest';
import { presetFromLink, satFromHash, searchWithout } from '../../../src/app/deepLink';
import { PRESETS } from '../../../src/core/presets';
import { effectiveTheme } from '../../../src/ui/theme';

describe('deep links', () => {
  it('?preset= names a preset, or says which exist', () => {
    expect(presetFromLink('')).toBeNull();
    expect(presetFromLink('?other=1')).toBeNull();
    const ok = presetFromLink('?preset=suncatcher');
    expect(ok?.ok && ok.scenario.name).toBe(PRESETS.find((p) => p.key === 'suncatcher')?.make().name);
    const bad = presetFromLink('?preset=%3Cscript%3E');
    expect(bad).toEqual({
      ok: false,
      error:
        'The link asks for the preset "<script>", which this planner does not have ' +
        '(known: orbital-compute-1m, suncatcher, starlink-72x22, colossus-300mw). Opened the default scenario instead.',
    });
    expect(presetFromLink('?preset=')).toMatchObject({ ok: false });
  });
  it('#sat= is its own fragment parameter, decoded; share links (#s=) are not it', () => {
    expect(satFromHash('#sat=12')).toBe('12');
    expect(satFromHash('#sat=ISS%20(ZARYA)')).toBe('ISS (ZARYA)');
    expect(satFromHash('#s=1.abc&sat=norad:25544')).toBe('norad:25544');
    expect(satFromHash('#s=1.abc')).toBeNull();
    expect(satFromHash('')).toBeNull();
  });
  it('used parameters leave the address, others stay', () => {
    expect(searchWithout('?preset=suncatcher', ['preset'])).toBe('');
    expect(searchWithout('?preset=suncatcher&workers=2', ['preset'])).toBe('?workers=2');
  });
});

describe('theme', () => {
  it('follows the system until chosen; dark unless the system asks for light', () => {
    expect(effectiveTheme('system', true)).toBe('light');
    expect(effectiveTheme('system', false)).toBe('dark');
    expect(effectiveTheme('dark', true)).toBe('dark');
    expect(effectiveTheme('light', false)).toBe('light');
  });
});
