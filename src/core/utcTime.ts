/**
 * Times typed by people: ISO 8601 dates and times where a missing zone means UTC (never the
 * machine's local zone, which `Date.parse('2026-03-20T12:00')` would use), or Unix milliseconds.
 * One parser for the embed's `t=`, `ocv:setTime` and the command line.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Unix milliseconds of an ISO 8601 time (`2026-03-20`, `2026-03-20T12:00`, `...:00.5Z`,
 * `...+01:00`, `...-0530`); a time without a zone is UTC. Also accepts Unix milliseconds written as a
 * number. Returns null for anything else (including out-of-range fields such as month 13).
 */
export function parseUtcMs(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  const s = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute !== 0 || second !== 0)) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + (frac ? Math.round(Number(frac) * 1000) : 0);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (zh > 23 || zm > 59) return null;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}
