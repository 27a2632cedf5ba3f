/**
 * Exhaustive Walker phasing search for the shells of a preset (default: the 1M default): every F in
 * [0, P) checked by a full closest-approach pass on the SGP4 reference track
 * (src/core/analysis/closestApproach.ts bestPhasing with exhaustive: true). Prints, per shell, the
 * best F, its closest approach and the current F's. The presets' phasing values come from this
 * script (docs/FEASIBILITY.md "Default phasing").
 *
 *   npx tsx scripts/feasibility/best-phasing.ts [preset-key]
 */
import { bestPhasing } from '../../src/core/analysis/closestApproach';
import { buildFleet } from '../../src/core/fleet/generators';
import { DEFAULT_PRESET_KEY, presetScenario } from '../../src/core/presets';

const key = process.argv[2] ?? DEFAULT_PRESET_KEY;
const sc = presetScenario(key);
if (!sc) throw new Error(`no preset ${key}`);
const fleet = buildFleet(sc);
const t0 = Date.parse(sc.window.start);
for (const sh of fleet.shells) {
  const src = sc.shells.find((s) => s.id === sh.id);
  if (!src || !('phasing' in src)) continue;
  const started = performance.now();
  const ph = bestPhasing(fleet, sh, src.phasing, t0, { exhaustive: true });
  if (!ph) {
    console.log(`${sh.id}: no phasing search (not a rigid pattern with slots all round the orbit)`);
    continue;
  }
  const sorted = [...ph.minKmByF.keys()].sort((a, b) => ph.minKmByF[b] - ph.minKmByF[a]).slice(0, 5);
  console.log(
    `${sh.id}: ${sh.count} satellites, P = ${sh.planes}; F = ${src.phasing}: ${(ph.minKmByF[src.phasing] * 1000).toFixed(1)} m; best ` +
      `F = ${ph.bestF}: ${(ph.bestMinKm * 1000).toFixed(1)} m; next ${sorted
        .slice(1)
        .map((f) => `${f}: ${(ph.minKmByF[f] * 1000).toFixed(1)} m`)
        .join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
