/**
 * Test helpers: read a PDF back with poppler-utils (pdftotext, pdfinfo, pdffonts), independent of
 * the PDFKit that wrote it. poppler-utils is required: the helpers throw a clear message when it
 * is missing (apt-get install -y poppler-utils), never skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: these tests read the PDF back with poppler-utils (apt-get install -y poppler-utils)`);
    throw e;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
let n = 0;

export function pdfFile(bytes: Uint8Array): string {
  const f = join(dir, `r${n++}.pdf`);
  writeFileSync(f, bytes);
  return f;
}

/** Text of the whole document (reading order, no layout), pages separated by form feeds. */
export function pdfText(file: string, layout = false): string {
  return poppler('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), file, '-']);
}

export function pdfInfo(file: string): { pages: number; pageSize: string; title: string } {
  const out = poppler('pdfinfo', ['-enc', 'UTF-8', file]);
  const get = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(out)?.[1] ?? '';
  return { pages: Number(get('Pages')), pageSize: get('Page size'), title: get('Title') };
}

/** pdffonts rows: name, type, embedded, subset, unicode map. */
export function pdfFonts(file: string): Array<{ name: string; emb: boolean; sub: boolean; uni: boolean }> {
  return poppler('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const f = l.trim().split(/\s+/);
      // name type... encoding emb sub uni object-number generation
      const k = f.length;
      return { name: f[0], emb: f[k - 5] === 'yes', sub: f[k - 4] === 'yes', uni: f[k - 3] === 'yes' };
    });
}

export function rawPdf(file: string): string {
  return readFileSync(file).toString('latin1');
}
