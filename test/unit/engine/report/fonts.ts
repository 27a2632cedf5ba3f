/** The report's fonts as the command line reads them (dejavu-fonts-ttf, a pinned dependency). */
import { readFileSync } from 'node:fs';
import type { PdfFonts } from '../../../../src/engine/report/pdf';

const ttf = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../node_modules/dejavu-fonts-ttf/ttf/${name}`, import.meta.url)));

export const testFonts = (): PdfFonts => ({
  regular: ttf('DejaVuSans.ttf'),
  bold: ttf('DejaVuSans-Bold.ttf'),
  mono: ttf('DejaVuSansMono.ttf'),
});
