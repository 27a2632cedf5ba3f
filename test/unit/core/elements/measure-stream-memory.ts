/**
 * One-off measurement (not a test): memory needed to import a synthetic ~100 MB 3-line TLE file,
 * streamed in 64 KiB chunks generated on the fly, and parsed one-shot from a string in memory.
 *   node --expose-gc --import tsx test/unit/core/elements/measure-stream-memory.ts
 */
import { allocElementColumns } from '../../../../src/core/elements/columns';
import { createElementStreamParser, parseElements } from '../../../../src/core/elements/stream';
import { writeTle } from '../../../../src/core/elements/tle';

const TARGET_BYTES = 100e6;
const BATCH = 10000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const used = () => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
};

/** Batches of TLE text (3-line, names), deterministic. */
function* batches(): Generator<string> {
  let bytes = 0;
  let b = 0;
  while (bytes < TARGET_BYTES) {
    const c = allocElementColumns(BATCH, true);
    for (let k = 0; k < BATCH; k++) {
      const i = b * BATCH + k;
      c.noradId[k] = i % 340000;
      c.epochMs[k] = Date.UTC(2024, 0, 1) + ((i * 7919) % 86400000);
      c.meanMotionRevPerDay[k] = 14 + (i % 1000) / 1000;
      c.eccentricity[k] = (i % 997) / 1e5;
      c.inclinationDeg[k] = (i % 1800) / 10;
      c.raanDeg[k] = (i * 13) % 360;
      c.argPerigeeDeg[k] = (i * 17) % 360;
      c.meanAnomalyDeg[k] = (i * 19) % 360;
      c.bstar[k] = 1e-4 * ((i % 100) - 50);
      c.names![k] = `SYNTH-${i}`;
      c.objectIds![k] = `2024-${String(1 + (i % 999)).padStart(3, '0')}A`;
    }
    const text = writeTle(c).text;
    bytes += text.length;
    b++;
    yield text;
  }
}

gc();
const base = used();
let peakHeap = 0;
let peakRss = 0;
let bytes = 0;
const t0 = performance.now();
const p = createElementStreamParser();
let n = 0;
for (const text of batches()) {
  for (let at = 0; at < text.length; at += 65536) p.push(text.slice(at, at + 65536));
  bytes += text.length;
  if (++n % 4 === 0) {
    const u = used();
    peakHeap = Math.max(peakHeap, u.heap - base.heap);
    peakRss = Math.max(peakRss, u.rss - base.rss);
  }
}
const r = p.finish();
const u = used();
peakHeap = Math.max(peakHeap, u.heap - base.heap);
peakRss = Math.max(peakRss, u.rss - base.rss);
const streamMs = performance.now() - t0;
gc();
const kept = used().heap - base.heap;
console.log(
  `stream: ${mib(bytes)} MiB text, ${r.accepted} accepted, ${r.rejected.length} rejected, ${(streamMs / 1000).toFixed(1)} s (incl. ` +
    `generating the text); ` +
    `peak heap+buffers +${mib(peakHeap)} MiB, peak RSS +${mib(peakRss)} MiB; result kept ${mib(kept)} MiB ` +
    `(${(kept / r.accepted).toFixed(0)} B/record)`,
);

// One-shot from a string in memory: speed only.
const whole = [...batches()].join('');
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const r2 = parseElements(whole);
const cpu = process.cpuUsage(cpu0);
const oneMs = performance.now() - t1;
const cpuMs = (cpu.user + cpu.system) / 1000;
if (r2.accepted !== r.accepted) throw new Error('one-shot and streamed counts differ');
console.log(
  `one-shot: ${mib(whole.length)} MiB string, ${r2.accepted} accepted in ${(oneMs / 1000).toFixed(2)} s ` +
    `wall, ${(cpuMs / 1000).toFixed(2)} s CPU (${(whole.length / 1e6 / (cpuMs / 1000)).toFixed(0)} MB per CPU second)`,
);
