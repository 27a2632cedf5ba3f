/**
 * Time text as the planner reads it everywhere (CLI options, embed `t=`, `ocv:setTime`): ISO 8601
 * calendar date and time, and a time without a zone is UTC (not the reader's local time, which is
 * what `Date.parse` does with `2026-03-20T12:00`).
 *
 * Accepted: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `...:SS`, `...:SS.fff` (any number of fraction
 * digits), `T` or one space between date and time, and an optional zone `Z`, `+HH:MM`, `+HHMM` or
 * `+HH` (or `-`). Fields are range-checked (month 1-12, day within the month, hour 0-23, minute and
 * second 0-59; no leap second 60). Anything else is NaN.
 */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Milliseconds since 1970-01-01T00:00:00Z, or NaN when `text` is not such a time. */
export function parseUtcTime(text: string): number {
  const m = ISO_RE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = hs === undefined ? 0 : Number(hs);
  const mi = mis === undefined ? 0 : Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return Number.NaN;
  // A zone on a bare date (2026-03-20Z) is allowed; it changes nothing but the offset.
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y);
  return t.getTime() - offsetMin * 60_000;
}

/** True when the text carries its own zone (`Z` or an offset): for messages that say "read as UTC". */
export function hasExplicitZone(text: string): boolean {
  const m = ISO_RE.exec(text.trim());
  return m !== null && m[8] !== undefined;
}
