/**
 * Fleet generation benchmark (spine issue target: 1,000,000 satellites generated in under 1 s
 * and under 200 bytes per satellite on the heap). Uses the default preset's shells scaled to
 * about n satellites (at n = 1,000,000 this is exactly the default scenario's fleet).
 */
import { buildFleet } from '../src/core/fleet/generators';
import type { Fleet } from '../src/core/fleet/fleet';
import { defaultLikeScenario } from './analysis';
import type { BenchSection } from './sections';
import { fmtMs, fullGc, median, retainedBytes } from './stats';

export const fleetSection: BenchSection = {
  id: 'fleet',
  title: 'Fleet generation from the scenario (default-like shells)',
  async run(opts) {
    const sc = defaultLikeScenario(opts.n);
    const times: number[] = [];
    let count = 0;
    let bytesPerSat = Number.NaN;
    for (let r = 0; r < Math.max(1, opts.repeats); r++) {
      fullGc();
      const before = retainedBytes();
      const t0 = performance.now();
      let fleet: Fleet | null = buildFleet(sc);
      times.push(performance.now() - t0);
      count = fleet.count;
      fullGc();
      if (r === 0) bytesPerSat = (retainedBytes() - before) / fleet.count;
      fleet = null;
    }
    const genMs = median(times);
    return {
      fields: {
        satellites: count,
        shells: sc.shells.length,
        generate_ms: genMs,
        bytes_per_satellite: bytesPerSat,
        target_1s_met: genMs < 1000,
        target_200b_met: bytesPerSat < 200,
      },
      rows: [
        { label: 'satellites / shells', value: `${count.toLocaleString('en-US')} / ${sc.shells.length}` },
        {
          label: 'generate (median)',
          value: `${fmtMs(genMs)} ms`,
          note: genMs < 1000 ? 'target < 1000 ms met' : 'target < 1000 ms NOT met',
        },
        {
          label: 'retained heap per satellite',
          value: `${bytesPerSat.toFixed(0)} B`,
          note: bytesPerSat < 200 ? 'target < 200 B met' : 'target < 200 B NOT met',
        },
      ],
    };
  },
};
