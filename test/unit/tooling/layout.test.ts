/**
 * The documented layout matches the tree: README.md's layout table has a row for every top-level
 * folder of src/ and no row for one that does not exist; the unit tests mirror src/ (a test in
 * test/unit/<layer>/<dir>/ sits beside code in src/<layer>/<dir>/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');

function layoutRows(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
  return [...section.matchAll(/^\|\s*`([^`]+)`/gm)].map((m) => m[1].replace(/\/$/, ''));
}

describe('layout', () => {
  it("README's layout table lists every top-level src/ folder, and only folders that exist", () => {
    const rows = layoutRows();
    const srcDirs = readdirSync(join(REPO, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}`);
    expect(rows.filter((r) => r.startsWith('src/')).sort()).toEqual(srcDirs.sort());
    for (const r of rows) expect(existsSync(join(REPO, r)), r).toBe(true);
  });

  it('the unit test tree mirrors src/ (test/unit/<layer>/<dir> has a src/<layer>/<dir>)', () => {
    const stray: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (!e.isDirectory()) continue;
        const p = join(dir, e.name);
        const rel = relative(join(REPO, 'test/unit'), p);
        if (rel === 'tooling' || rel.startsWith('tooling/')) continue;
        const src = join(REPO, 'src', rel);
        if (!existsSync(src) || !statSync(src).isDirectory()) stray.push(`test/unit/${rel}`);
        walk(p);
      }
    };
    walk(join(REPO, 'test/unit'));
    expect(stray).toEqual([]);
  });
});
