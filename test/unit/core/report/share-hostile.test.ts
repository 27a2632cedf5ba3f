/**
 * Share links and scenario intake under hostile input (issue 16): a deflate bomb stops at the byte
 * budget, and bad documents give one message naming the field.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  bytesToBase64Url,
  decodeShareFragment,
  encodeShareFragment,
  inflateWithBudget,
  MAX_INFLATED_BYTES,
} from '../../../../src/core/report/shareLink';
import { intakeScenario } from '../../../../src/core/scenario/intake';
import { defaultScenario, presetScenario } from '../../../../src/core/presets';
import { SCENARIO_VERSION } from '../../../../src/core/scenario/schema';

/**
 * A raw-DEFLATE bomb: one sync-flushed segment of 1 MiB of zeros (byte-aligned, self-contained
 * dynamic-Huffman blocks) repeated, then an empty final stored block. Inflates to copies MiB.
 */
function bomb(copies: number): Uint8Array {
  const seg = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(seg.length * copies + 5);
  for (let i = 0; i < copies; i++) out.set(seg, i * seg.length);
  out.set([0x01, 0x00, 0x00, 0xff, 0xff], seg.length * copies);
  return out;
}

describe('share links: inflation with a byte budget', () => {
  it('the crafted bomb is real: a small one inflates to exactly copies MiB of zeros', () => {
    const small = bomb(3);
    const out = inflateWithBudget(small, 8 << 20);
    expect(out).toBeInstanceOf(Uint8Array);
    expect((out as Uint8Array).length).toBe(3 << 20);
    expect((out as Uint8Array).every((b) => b === 0)).toBe(true);
  });

  it('a ~2 MB link that would inflate to ~1.4 GB stops at the budget after a small prefix', () => {
    const copies = 1400; // 1400 MiB ~ 1.47 GB
    const packed = bomb(copies);
    const frag = `s=1.${bytesToBase64Url(packed)}`;
    expect(frag.length).toBeGreaterThan(1_000_000);
    expect(frag.length).toBeLessThan(2_000_000);
    const stats = { inputBytes: 0, outputBytes: 0 };
    expect(inflateWithBudget(packed, MAX_INFLATED_BYTES, stats)).toBe('too-large');
    // Stopped within one step past the budget: it read a small part of the input and wrote at most
    // the budget plus one step's worth (4 KiB in, at most ~1,032x out).
    expect(stats.outputBytes).toBeLessThanOrEqual(MAX_INFLATED_BYTES + 4096 * 1032);
    expect(stats.inputBytes).toBeLessThan(packed.length / 20);
    const r = decodeShareFragment(frag);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/larger than 16 MB once unpacked/);
  });

  it('damaged and cut data are "damaged", not too large', () => {
    const packed = deflateSync(strToU8(JSON.stringify(defaultScenario())));
    expect(inflateWithBudget(packed.subarray(0, packed.length >> 1), MAX_INFLATED_BYTES)).toBe('damaged');
    expect(inflateWithBudget(new Uint8Array([0xff, 0xff, 0xff, 0xff]), MAX_INFLATED_BYTES)).toBe('damaged');
  });
});

describe('scenario intake: hostile documents', () => {
  const base = () => structuredClone(presetScenario('suncatcher')!) as unknown as Record<string, unknown>;
  const pack = (doc: unknown) => `s=1.${bytesToBase64Url(deflateSync(strToU8(JSON.stringify(doc))))}`;

  it('10^9 satellites: refused naming the shells and the limit', () => {
    const d = defaultScenario();
    const shell = { ...d.shells[0], kind: 'walker-delta' as const, totalSatellites: 2_000_000, planes: 1000 };
    const doc = { ...d, shells: Array.from({ length: 500 }, (_, i) => ({ ...shell, id: `s${i}` })) };
    const r = intakeScenario(doc, 'ocv:loadScenario');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('ocv:loadScenario: shells: 1,000,000,000 satellites in total; the viewer draws at most 4,000,000');
    const viaLink = decodeShareFragment(pack(doc));
    expect(viaLink.ok).toBe(false);
    if (!viaLink.ok) expect(viaLink.error).toMatch(/^share link: shells: 1,000,000,000 satellites/);
  });

  it('deep nesting, huge arrays, future versions, wrong types: one message naming the field', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nested = intakeScenario({ ...base(), name: deep }, 'x');
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.error).toMatch(/^x: the scenario is not valid: name: /);
    const deepText = `{"version":1,"name":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const nestedText = intakeScenario(deepText, 'x');
    expect(nestedText.ok).toBe(false);
    if (!nestedText.ok) expect(nestedText.error).toMatch(/name: /);
    const huge = intakeScenario(
      { ...base(), groundStations: new Array(200_000).fill({ name: 'g', latDeg: 0, lonDeg: 0, altitudeKm: 0 }) },
      'x',
    );
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error).toMatch(/groundStations: /);
    const future = intakeScenario({ ...base(), version: SCENARIO_VERSION + 7 }, 'x');
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatch(/version: \d+ is newer than this planner/);
    expect(intakeScenario('[1,2]', 'x')).toEqual({ ok: false, error: 'x: the scenario must be a JSON object' });
    const notJson = intakeScenario('{"version":', 'x');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/^x: not JSON/);
  });

  it('unknown fields load with a note naming them; markup in names is kept as text', () => {
    const r = intakeScenario({ ...base(), name: '<img src=x onerror=alert(1)>', extra: { a: 1 }, colour: 'red' }, 'x');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.name).toBe('<img src=x onerror=alert(1)>');
      expect(r.notes).toEqual(['x: ignored unknown fields "extra", "colour"']);
    }
  });

  it('a version 1 document from an older planner loads through the shared loader', () => {
    const r = decodeShareFragment(encodeShareFragment(defaultScenario()));
    expect(r.ok).toBe(true);
  });
});
