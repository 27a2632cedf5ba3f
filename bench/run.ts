/**
 * Benchmark runner: `npm run bench -- [--n 100000] [--json] [--repeats 5] [--threads 2]
 * [--seed 1] [--fleet orbital-compute-1m] [--only propagation] [--skip satjs,wasm,workers]`.
 * Prints one table per section (see bench/sections.ts) and, with --json, one JSON object on
 * stdout (progress goes to stderr). Field names: docs/ENGINE.md.
 */
import { cpus, loadavg } from 'node:os';
import { BENCH_SECTIONS, type BenchOptions } from './sections';

function parseArgs(argv: string[]): { opts: Omit<BenchOptions, 'log'>; json: boolean; only: string[] | null } {
  const get = (name: string): string | undefined => {
    const k = argv.indexOf(`--${name}`);
    if (k >= 0) return argv[k + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return dflt;
    const v = Number(raw.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new Error(`--${name} must be an integer in ${min}..${max} (got "${raw}")`);
    }
    return v;
  };
  const only = get('only');
  return {
    opts: {
      n: int('n', 100_000, 1, 4_000_000),
      seed: int('seed', 1, 0, 2 ** 31),
      repeats: int('repeats', 5, 1, 100),
      threads: int('threads', 2, 1, 64),
      fleet: get('fleet') ?? null,
      sampledN: int('sampled-n', 100_000, 2, 4_000_000),
      skip: new Set((get('skip') ?? '').split(',').filter(Boolean)),
    },
    json: argv.includes('--json'),
    only: only ? only.split(',') : null,
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const { opts, json, only } = parsed;
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const sections = BENCH_SECTIONS.filter((s) => (only ? only.includes(s.id) : !s.onDemand));
  if (sections.length === 0) {
    console.error(`no section matches --only ${only?.join(',')}; sections: ${BENCH_SECTIONS.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
  const out: Record<string, unknown> = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? '',
      load_avg_1m_start: loadavg()[0],
      n: opts.n,
      seed: opts.seed,
      repeats: opts.repeats,
      threads: opts.threads,
      elements: opts.fleet ? `fleet:${opts.fleet}` : 'random-leo',
    },
  };
  for (const s of sections) {
    log(`section ${s.id}: ${s.title}`);
    let r: Awaited<ReturnType<typeof s.run>>;
    try {
      r = await s.run({ ...opts, log });
    } catch (e) {
      console.error(`bench section ${s.id} failed: ${(e as Error).message}`);
      process.exit(2);
    }
    out[s.id] = r.fields;
    if (!json) {
      const w = Math.max(...r.rows.map((x) => x.label.length));
      const v = Math.max(...r.rows.map((x) => x.value.length));
      console.log(`\n${s.title} (n = ${opts.n.toLocaleString('en-US')})`);
      for (const row of r.rows) console.log(`  ${row.label.padEnd(w)}  ${row.value.padStart(v)}  ${row.note ?? ''}`);
    }
  }
  (out.meta as Record<string, unknown>).load_avg_1m_end = loadavg()[0];
  if (json) console.log(JSON.stringify(out));
  else
    console.log(
      `\nload average (1 min): ${(out.meta as { load_avg_1m_start: number }).load_avg_1m_start.toFixed(2)} at ` +
        `start, ${loadavg()[0].toFixed(2)} at end on ${cpus().length} CPUs`,
    );
  // the WASM multi-thread runtime keeps worker threads alive and cannot be disposed
  process.exit(0);
}

void main();
