// The reference for the `states` end-to-end benchmark: a plain satellite.js script doing what
// `plan states` does (read a TLE file, twoline2satrec, propagate, write the CSV).
// usage: node bench/satjs-states.mjs <file.tle> <ISO time> <out.csv>
import { readFileSync, writeFileSync } from 'node:fs';
import { propagate, twoline2satrec } from 'satellite.js';

const [file, at, out] = process.argv.slice(2);
const date = new Date(at);
const lines = readFileSync(file, 'utf8').split(/\r?\n/);
const rows = ['id,name,norad,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error'];
let id = 0;
for (let k = 0; k + 1 < lines.length; k++) {
  if (!lines[k].startsWith('1 ') || !lines[k + 1].startsWith('2 ')) continue;
  const name = k > 0 && !lines[k - 1].startsWith('2 ') ? lines[k - 1].trim() : '';
  const rec = twoline2satrec(lines[k], lines[k + 1]);
  const pv = propagate(rec, date);
  const norad = Number(rec.satnum);
  if (!pv) rows.push(`${id},${name},${norad},,,,,,,${rec.error || 1}`);
  else {
    const p = pv.position;
    const v = pv.velocity;
    rows.push(
      `${id},${name},${norad},${p.x.toFixed(6)},${p.y.toFixed(6)},${p.z.toFixed(6)},` +
        `${v.x.toFixed(9)},${v.y.toFixed(9)},${v.z.toFixed(9)},0`,
    );
  }
  id++;
  k++;
}
writeFileSync(out, `${rows.join('\n')}\n`);
