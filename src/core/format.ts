/** Number formatting for panels: thousands separators, engineering-friendly precision. */
const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtInt(v: number): string {
  return Number.isFinite(v) ? nf0.format(Math.round(v)) : '–';
}

/** Significant-figure format with separators: 1234.5 -> "1,235"; 0.01234 -> "0.0123". */
export function fmtSig(v: number, sig = 3): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 10 ** sig) return nf0.format(v);
  const digits = Math.max(0, sig - 1 - Math.floor(Math.log10(a)));
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: Math.min(digits, 8), minimumFractionDigits: 0 }).format(v);
}

export function fmtPct(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)} %` : '–';
}

/** Money: $1.23 B, $456 M, $12.3 k. */
export function fmtUsd(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e12) return `$${fmtSig(v / 1e12)} T`;
  if (a >= 1e9) return `$${fmtSig(v / 1e9)} B`;
  if (a >= 1e6) return `$${fmtSig(v / 1e6)} M`;
  if (a >= 1e3) return `$${fmtSig(v / 1e3)} k`;
  return `$${fmtSig(v)}`;
}

/** Mass in tonnes with a sensible unit: kt above 1000 t, Mt above 1e6 t. */
export function fmtTonnes(t: number): string {
  if (!Number.isFinite(t)) return '–';
  if (Math.abs(t) >= 1e6) return `${fmtSig(t / 1e6)} Mt`;
  if (Math.abs(t) >= 1e3) return `${fmtSig(t / 1e3)} kt`;
  return `${fmtSig(t)} t`;
}

/** Power given in GW, in the unit that reads best: "78.2 GW", "1.94 MW", "24.8 kW". */
export function fmtPowerGW(gw: number): string {
  if (!Number.isFinite(gw)) return '–';
  const a = Math.abs(gw);
  if (a >= 1 || a === 0) return `${fmtSig(gw)} GW`;
  if (a >= 1e-3) return `${fmtSig(gw * 1e3)} MW`;
  return `${fmtSig(gw * 1e6)} kW`;
}

/** A file name from a scenario name: letters, digits and dashes only. */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'constellation'
  );
}
