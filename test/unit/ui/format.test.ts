import { describe, expect, it } from 'vitest';
import { fmtInt, fmtPowerGW, fmtSig, fmtTonnes, fmtUsd } from '../../../src/core/format';

describe('number formatting (panels, report, CLI summary)', () => {
  it('power reads in the unit that fits', () => {
    expect(fmtPowerGW(78.2345)).toBe('78.2 GW');
    expect(fmtPowerGW(0.00194)).toBe('1.94 MW');
    expect(fmtPowerGW(0.3)).toBe('300 MW');
    expect(fmtPowerGW(2.48e-5)).toBe('24.8 kW');
    expect(fmtPowerGW(0)).toBe('0 GW');
    expect(fmtPowerGW(Number.NaN)).toBe('–');
  });
  it('money, mass and plain numbers', () => {
    expect(fmtUsd(5.095e12)).toBe('$5.1 T');
    expect(fmtUsd(23_300_000)).toBe('$23.3 M');
    expect(fmtTonnes(5_475_749)).toBe('5.48 Mt');
    expect(fmtTonnes(116)).toBe('116 t');
    expect(fmtSig(0.003564)).toBe('0.00356');
    expect(fmtInt(1234567.4)).toBe('1,234,567');
  });
});
