/**
 * Comments cite documents in the repository: nothing in src/, workers/, docs/ or README.md points
 * at ../shared/design (outside the repository), and every `docs/<FILE>.md "Section"` citation in
 * src/ and workers/ names a file of docs/ and a heading of that file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');

function files(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, ext, out);
    else if (ext.test(e.name)) out.push(p);
  }
  return out;
}

const sources = [...files(join(REPO, 'src'), /\.(ts|tsx|md)$/), ...files(join(REPO, 'workers'), /\.ts$/)];

describe('citations', () => {
  it('nothing cites ../shared/design', () => {
    const docs = [...files(join(REPO, 'docs'), /\.md$/), join(REPO, 'README.md')];
    const bad = [...sources, ...docs].filter((f) => readFileSync(f, 'utf8').includes('shared/design')).map((f) => relative(REPO, f));
    expect(bad).toEqual([]);
  });

  it('every docs/<FILE>.md "Section" citation names an existing file and heading', () => {
    const headings = new Map<string, string[]>();
    for (const f of files(join(REPO, 'docs'), /\.md$/)) {
      const text = readFileSync(f, 'utf8');
      headings.set(
        relative(REPO, f),
        [...text.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1].trim()),
      );
    }
    const bad: string[] = [];
    for (const f of sources) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(docs\/[A-Z]+\.md),? "([^"\n]+)"/g)) {
        const hs = headings.get(m[1]);
        // a cited section is a heading or its start up to a word end ("Default phasing" for "Default phasing: ...")
        if (!hs || !hs.some((h) => h === m[2] || (h.startsWith(m[2]) && !/[A-Za-z0-9]/.test(h[m[2].length])))) {
          bad.push(`${relative(REPO, f)}: ${m[1]} "${m[2]}"`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
