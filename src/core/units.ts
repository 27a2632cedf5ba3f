/**
 * Branded unit types. A value's unit is part of its type so that degrees cannot be passed
 * where radians are expected. Hot paths use typed arrays whose field names carry the unit.
 */
export type Brand<T, B extends string> = T & { readonly __unit: B };
export type Deg = Brand<number, 'deg'>;
export type Rad = Brand<number, 'rad'>;
export type Km = Brand<number, 'km'>;

export const DEG2RAD = Math.PI / 180;
export const RAD2DEG = 180 / Math.PI;
export const TWO_PI = 2 * Math.PI;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MIN = 60_000;
/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2440587.5;

export const deg = (x: number): Deg => x as Deg;
export const rad = (x: number): Rad => x as Rad;
export const toRad = (x: Deg): Rad => (x * DEG2RAD) as Rad;
export const toDeg = (x: Rad): Deg => (x * RAD2DEG) as Deg;

/** Unix milliseconds (UTC) to Julian date (UTC). */
export const msToJd = (ms: number): number => ms / MS_PER_DAY + JD_UNIX_EPOCH;
/** Julian date (UTC) to Unix milliseconds. */
export const jdToMs = (jd: number): number => (jd - JD_UNIX_EPOCH) * MS_PER_DAY;
