/**
 * Unit conversions and time constants. Units live in names (inclinationDeg, raanRad, altitudeKm,
 * epochMs), not in branded types: docs/ARCHITECTURE.md ("Units") says why.
 */
export const DEG2RAD = Math.PI / 180;
export const RAD2DEG = 180 / Math.PI;
export const TWO_PI = 2 * Math.PI;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MIN = 60_000;
/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2440587.5;

/** Unix milliseconds (UTC) to Julian date (UTC). */
export const msToJd = (ms: number): number => ms / MS_PER_DAY + JD_UNIX_EPOCH;
/** Julian date (UTC) to Unix milliseconds. */
export const jdToMs = (jd: number): number => (jd - JD_UNIX_EPOCH) * MS_PER_DAY;
