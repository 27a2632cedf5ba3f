/**
 * The layer rules are executable: each case writes a tiny fixture tree in a temporary directory
 * (src/core, src/ui, src/app files), then runs the repository's own dependency-cruiser config
 * (.dependency-cruiser.cjs, what `npm run lint` runs) and tsconfig.core.json (what
 * `npm run typecheck` runs) on it. A clean fixture passes, so each failing case fails for the
 * reason it names, not because the tools fail on anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
const BIN = join(REPO, 'node_modules/.bin');
const dirs: string[] = [];

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  dirs.push(dir);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(REPO, 'tsconfig.json'), include: ['src'] }));
  writeFileSync(
    join(dir, 'tsconfig.core.json'),
    JSON.stringify({ extends: join(REPO, 'tsconfig.core.json'), compilerOptions: { incremental: false }, include: ['src/core'] }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function depcruise(dir: string): { status: number; out: string } {
  const r = spawnSync(join(BIN, 'depcruise'), ['src', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

function tscCore(dir: string): { status: number; out: string } {
  const r = spawnSync(join(BIN, 'tsc'), ['--noEmit', '-p', 'tsconfig.core.json'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

const CLEAN = {
  'src/core/units.ts': 'export const kmPerM = 1e-3;\n',
  'src/core/orbit.ts': "import { kmPerM } from './units';\nexport const altitudeKm = (m: number): number => m * kmPerM;\n",
  'src/app/store.ts': 'export const store = { count: 0 };\n',
  'src/ui/Panel.tsx': "import { altitudeKm } from '../core/orbit';\nexport const label = (m: number): string => `${altitudeKm(m)} km`;\n",
};

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('layer rules (dependency-cruiser) and the pure-core tsconfig', () => {
  it('a tree that keeps the layers passes both', () => {
    const dir = fixture(CLEAN);
    const dc = depcruise(dir);
    expect(dc.out).toContain('no dependency violations');
    expect(dc.status).toBe(0);
    const tc = tscCore(dir);
    expect(tc.out).toBe('');
    expect(tc.status).toBe(0);
  });

  it('a React import in src/core fails the lint', () => {
    const dir = fixture({
      ...CLEAN,
      'src/core/view.ts': "import { useState } from 'react';\nexport const useCount = () => useState(0);\n",
    });
    const dc = depcruise(dir);
    expect(dc.status).not.toBe(0);
    expect(dc.out).toMatch(/core-no-platform-packages: src\/core\/view\.ts → \S*node_modules\/react\//);
  });

  it('ui importing app fails the lint', () => {
    const dir = fixture({ ...CLEAN, 'src/ui/Counter.tsx': "import { store } from '../app/store';\nexport const n = store.count;\n" });
    const dc = depcruise(dir);
    expect(dc.status).not.toBe(0);
    expect(dc.out).toContain('ui-not-app: src/ui/Counter.tsx → src/app/store.ts');
  });

  it('core importing a Node module or an upper layer fails the lint', () => {
    const dir = fixture({
      ...CLEAN,
      'src/core/files.ts':
        "import { readFileSync } from 'node:fs';\nimport { store } from '../app/store';\nexport const f = [readFileSync, store];\n",
    });
    const dc = depcruise(dir);
    expect(dc.status).not.toBe(0);
    expect(dc.out).toContain('core-no-node-builtins: src/core/files.ts → fs');
    expect(dc.out).toContain('core-is-pure: src/core/files.ts → src/app/store.ts');
  });

  it('a DOM global used in src/core fails the core typecheck', () => {
    const dir = fixture({ ...CLEAN, 'src/core/title.ts': 'export function setTitle(t: string): void {\n  document.title = t;\n}\n' });
    const tc = tscCore(dir);
    expect(tc.status).not.toBe(0);
    expect(tc.out).toMatch(/src\/core\/title\.ts\(2,3\): error TS\d+: Cannot find name 'document'/);
  });

  it('a Node global used in src/core fails the core typecheck', () => {
    const dir = fixture({ ...CLEAN, 'src/core/env.ts': 'export const home = process.env.HOME;\n' });
    const tc = tscCore(dir);
    expect(tc.status).not.toBe(0);
    expect(tc.out).toMatch(/src\/core\/env\.ts\(1,\d+\): error TS\d+: Cannot find name 'process'/);
  });
});
