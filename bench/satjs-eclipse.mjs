// The reference for the `sampled_e2e` benchmark: a plain satellite.js script doing only the
// eclipse part of a sampled pass (read a TLE file, twoline2satrec, then at every step propagate,
// sunPos and shadowFraction), writing each satellite's mean shadow fraction, one per line.
// usage: node bench/satjs-eclipse.mjs <file.tle> <start ISO> <steps> <step s> <out.txt>
import { readFileSync, writeFileSync } from 'node:fs';
import { propagate, shadowFraction, sunPos, twoline2satrec } from 'satellite.js';

const [file, start, stepsArg, stepSArg, out] = process.argv.slice(2);
const t0 = Date.parse(start);
const steps = Number(stepsArg);
const stepMs = Number(stepSArg) * 1000;
const lines = readFileSync(file, 'utf8').split(/\r?\n/);
const recs = [];
for (let k = 0; k + 1 < lines.length; k++) {
  if (!lines[k].startsWith('1 ') || !lines[k + 1].startsWith('2 ')) continue;
  recs.push(twoline2satrec(lines[k], lines[k + 1]));
  k++;
}
const sum = new Float64Array(recs.length);
const valid = new Uint32Array(recs.length);
for (let j = 0; j < steps; j++) {
  const date = new Date(t0 + j * stepMs);
  const jd = date.getTime() / 86400000 + 2440587.5;
  const sun = sunPos(jd).rsun;
  for (let i = 0; i < recs.length; i++) {
    const pv = propagate(recs[i], date);
    if (!pv) continue;
    sum[i] += shadowFraction(sun, pv.position);
    valid[i]++;
  }
}
const rows = [];
for (let i = 0; i < recs.length; i++) rows.push(valid[i] > 0 ? (sum[i] / valid[i]).toFixed(6) : '');
writeFileSync(out, rows.join('\n') + '\n');
