/**
 * Every source line fits the formatter's line width (biome.json formatter.lineWidth). Biome wraps
 * code but cannot break a long string, template or comment, so this check keeps those within the
 * limit too: split a long string with `+`, a comment over several lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
const DIRS = ['src', 'workers', 'test', 'scripts', 'bench'];
const EXT = /\.(ts|tsx|mts|mjs|js|cjs|css)$/;

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'fixtures') files(p, out);
    } else if (EXT.test(e.name)) out.push(p);
  }
  return out;
}

describe('line width', () => {
  it('no line in src/, workers/, test/, scripts/ or bench/ is longer than biome.json lineWidth', () => {
    const width = JSON.parse(readFileSync(join(REPO, 'biome.json'), 'utf8')).formatter.lineWidth as number;
    expect(width).toBe(140);
    const long: string[] = [];
    for (const d of DIRS) {
      for (const f of files(join(REPO, d))) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            // characters, not UTF-16 units: '°' and '…' count once, as the formatter counts them
            if ([...line].length > width) long.push(`${relative(REPO, f)}:${i + 1} (${[...line].length})`);
          });
      }
    }
    expect(long).toEqual([]);
  });
});
