/**
 * Axis ticks: the one tick function of every chart (the page's SVG charts, the trade study, the
 * viewer's colour legend and the report's chart model, src/core/report/chart.ts).
 *
 * The step is 1, 2 or 5 x 10^k, whichever is nearest on a log scale to (hi - lo) / count: the
 * raw step's mantissa m in [1, 10) goes to 1 below sqrt(2), 2 below sqrt(10), 5 below sqrt(50)
 * and 10 above (the geometric means of neighbouring steps). This is the rule of d3-array's
 * `ticks` (docs/ARCHITECTURE.md, "Charts"), and the unit test checks it against d3-array's
 * published cases. Ticks are whole multiples of the step inside [lo, hi]; below a step of 1 they
 * are computed as i / (1 / step) with an integer divisor, so 0.1 x 3 comes out as 0.3 exactly.
 */

const SQRT50 = Math.sqrt(50);
const SQRT10 = Math.sqrt(10);

/**
 * About `count` + 1 round values covering [lo, hi] (fewer or more by up to a factor of about
 * 1.6, as the step rounds): `niceTicks(0, 10, 5)` = [0, 2, 4, 6, 8, 10]. Descending when
 * hi < lo; [lo] when lo = hi; [] for a non-finite bound or a count that is not a positive number.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(count) || !(count > 0)) return [];
  if (lo === hi) return [lo];
  const descending = hi < lo;
  const a = descending ? hi : lo;
  const b = descending ? lo : hi;
  const raw = (b - a) / count;
  const power = Math.floor(Math.log10(raw));
  const m = raw / 10 ** power;
  const factor = m >= SQRT50 ? 10 : m >= SQRT10 ? 5 : m >= Math.SQRT2 ? 2 : 1;
  const out: number[] = [];
  if (power >= 0) {
    const step = factor * 10 ** power;
    let i0 = Math.round(a / step);
    let i1 = Math.round(b / step);
    if (i0 * step < a) i0++;
    if (i1 * step > b) i1--;
    for (let i = i0; i <= i1; i++) out.push(i * step);
  } else {
    const divisor = 10 ** -power / factor; // an integer: 10^j / 1, 2, 5 or 10
    let i0 = Math.round(a * divisor);
    let i1 = Math.round(b * divisor);
    if (i0 / divisor < a) i0++;
    if (i1 / divisor > b) i1--;
    for (let i = i0; i <= i1; i++) out.push(i / divisor);
  }
  for (let k = 0; k < out.length; k++) if (out[k] === 0) out[k] = 0; // no -0
  return descending ? out.reverse() : out;
}
