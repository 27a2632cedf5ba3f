/**
 * sin and cos of one angle together, allocation-free and inlinable by the JS engine (a call to
 * Math.sin / Math.cos is a call into the runtime; the SGP4 kernel needs six pairs per satellite).
 *
 * Method (as in fdlibm, Sun Microsystems 1993, `__kernel_sin`, `__kernel_cos`, `__ieee754_rem_pio2`):
 * reduce x by k * pi/2 with a two-part Cody-Waite constant (pi/2 = PIO2_HI + PIO2_LO, PIO2_HI
 * with 33 significant bits so k * PIO2_HI is exact for |k| < 2^20), then the degree-13 and
 * degree-14 minimax polynomials of fdlibm on [-pi/4, pi/4]. Error: about 1 ulp of the result,
 * checked against Math.sin / Math.cos in test/unit/core/sgp4/sincos.test.ts. Arguments beyond
 * |x| > 1e5 rad (never reached by SGP4 within decades of epoch) use Math.sin / Math.cos.
 */

export const PIO2_HI = 1.57079632673412561417;
export const PIO2_LO = 6.07710050650619224932e-11;
export const TWO_OVER_PI = 6.36619772367581382433e-1;

export const S1 = -1.66666666666666324348e-1;
export const S2 = 8.33333333332248946124e-3;
export const S3 = -1.98412698298579493134e-4;
export const S4 = 2.75573137070700676789e-6;
export const S5 = -2.50507602534068634195e-8;
export const S6 = 1.58969099521155010221e-10;

export const C1 = 4.16666666666666019037e-2;
export const C2 = -1.38888888888741095749e-3;
export const C3 = 2.48015872894767294178e-5;
export const C4 = -2.75573143513906633035e-7;
export const C5 = 2.0875723212981748279e-9;
export const C6 = -1.13596475577881948265e-11;

/** Output of sincos: [sin, cos]. Read it right after the call; the next call overwrites it. */
export const SC = new Float64Array(2);

/** SC[0] = sin(x), SC[1] = cos(x). */
export function sincos(x: number): void {
  if (!(Math.abs(x) <= 1e5)) {
    SC[0] = Math.sin(x);
    SC[1] = Math.cos(x);
    return;
  }
  const k = Math.floor(x * TWO_OVER_PI + 0.5); // nearest multiple of pi/2 (floor: cheaper than Math.round in V8)
  const r = x - k * PIO2_HI - k * PIO2_LO;
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const c = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  switch (k & 3) {
    case 0:
      SC[0] = s;
      SC[1] = c;
      break;
    case 1:
      SC[0] = c;
      SC[1] = -s;
      break;
    case 2:
      SC[0] = -s;
      SC[1] = -c;
      break;
    default:
      SC[0] = -c;
      SC[1] = s;
  }
}
