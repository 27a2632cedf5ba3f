import { describe, expect, it } from 'vitest';
import { NO_SOURCE, designFields, parseFieldComments, unitFromName, labelFromKey } from '../../../src/ui/schemaMeta';
import { DesignSchema } from '../../../src/core/scenario/design';
import { DESIGN_GROUPS } from '../../../src/core/scenario/fieldMeta';

describe('design field metadata', () => {
  const fields = designFields();
  it('lists every parameter of every design group', () => {
    const shape = DesignSchema.shape as unknown as Record<string, { _zod: { def: { innerType: { shape: object } } } }>;
    let n = 0;
    // every group of the design schema (not a copied list: a new group must show up here)
    const groups = Object.keys(shape).filter((k) => k !== 'id' && k !== 'name');
    expect(groups).toEqual([...DESIGN_GROUPS]);
    for (const g of groups) n += Object.keys(shape[g]._zod.def.innerType.shape).length;
    expect(fields.length).toBe(n);
  });
  it('carries the default from the schema and the source comment from design.ts', () => {
    const eff = fields.find((f) => f.group === 'solarArray' && f.key === 'cellEfficiency')!;
    expect(eff.defaultValue).toBe(0.298);
    expect(eff.source).toMatch(/triple-junction 0\.298/);
    expect(eff.kind).toMatchObject({ type: 'number', min: 0, gt: true, max: 0.6 });
    const life = fields.find((f) => f.key === 'lifeYears')!;
    expect(life.kind).toMatchObject({ type: 'number', min: 0, gt: false, max: 50 });
    const reg = fields.find((f) => f.key === 'regulation')!;
    expect(reg.kind).toEqual({ type: 'enum', options: ['peak-power-tracking', 'direct-energy-transfer'] });
    const sides = fields.find((f) => f.key === 'sides')!;
    expect(sides.kind).toEqual({ type: 'enum', options: [1, 2] });
    const count = fields.find((f) => f.key === 'acceleratorCount')!;
    expect(count.kind).toMatchObject({ type: 'number', integer: true, min: 0 });
  });
  it('gives every parameter hover text, saying so where design.ts has no comment', () => {
    expect(fields.every((f) => f.source.length > 0)).toBe(true);
    const withComment = fields.filter((f) => f.source !== NO_SOURCE);
    expect(withComment.length).toBeGreaterThan(fields.length * 0.8);
  });
  it('parses single and multi-line doc comments', () => {
    const src =
      `export const A = z.object({\n  /** one */\n  x: z.number(),\n  /**\n   * two\n   * lines\n   */\n  y: z.number(),\n  ` +
      `z: z.number(),\n});`;
    const m = parseFieldComments(src);
    expect(m.get('A.x')).toBe('one');
    expect(m.get('A.y')).toBe('two lines');
    expect(m.has('A.z')).toBe(false);
  });
  it('derives units and labels from names', () => {
    expect(unitFromName('launchUsdPerKg')).toBe('USD/kg');
    expect(unitFromName('arrayKgPerM2')).toBe('kg/m²');
    expect(unitFromName('busPowerW')).toBe('W');
    expect(unitFromName('batteryCapacityWh')).toBe('Wh');
    expect(unitFromName('cellTempC')).toBe('°C');
    expect(labelFromKey('inherentDegradation')).toBe('Inherent degradation');
    expect(labelFromKey('busPowerW')).toBe('Bus power');
  });
});
