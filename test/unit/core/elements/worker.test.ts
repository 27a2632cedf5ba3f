/**
 * The import worker's API over a real message channel with comlink (as a Worker would use it):
 * text and Blob inputs, progress callbacks, and columns arriving as transferred buffers.
 */
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { importWorkerApi, type ImportWorkerApi } from '../../../../workers/import.api';
import { parseElements } from '../../../../src/core/elements/stream';
import type { ImportResult } from '../../../../src/core/elements/types';
import { diffColumns, readSharedData } from './helpers';

const { port1, port2 } = new MessageChannel();
/** The last result object on the worker side, to see whether its buffers were transferred. */
let lastWorkerResult: ImportResult | null = null;
const spied: ImportWorkerApi = {
  parseText: (t, o) => (lastWorkerResult = importWorkerApi.parseText(t, o)),
  parseBlob: async (b, o, p) => (lastWorkerResult = await importWorkerApi.parseBlob(b, o, p)),
};
Comlink.expose(spied, port1 as unknown as Comlink.Endpoint);
const remote = Comlink.wrap<ImportWorkerApi>(port2 as unknown as Comlink.Endpoint);
afterAll(() => {
  remote[Comlink.releaseProxy]();
  port1.close();
  port2.close();
});

describe('import worker API', () => {
  const text = readSharedData('catalog-2022-08-09.tle');
  const direct = parseElements(text);

  it('parses text and returns the same columns as typed arrays', async () => {
    const r = await remote.parseText(text.slice(0, 140 * 500));
    expect(r.format).toBe('tle');
    expect(r.accepted).toBe(500);
    expect(r.columns.epochMs).toBeInstanceOf(Float64Array);
    expect(r.columns.noradId).toBeInstanceOf(Int32Array);
    expect(diffColumns(r.columns, parseElements(text.slice(0, 140 * 500)).columns)).toBeNull();
    // Transferred, not copied: the worker side's buffers are now detached.
    expect(lastWorkerResult!.columns.epochMs.byteLength).toBe(0);
    expect(lastWorkerResult!.columns.noradId.byteLength).toBe(0);
  });

  it('parses a Blob as a stream with progress and the whole catalogue arrives intact', async () => {
    const blob = new Blob([text]);
    const progress: Array<[number, number]> = [];
    let lastRecords = 0;
    const r = await remote.parseBlob(
      blob,
      {},
      Comlink.proxy((read: number, total: number, records: number) => {
        progress.push([read, total]);
        lastRecords = records;
      }),
    );
    expect(r.accepted).toBe(25975);
    expect(r.rejected).toEqual([]);
    expect(diffColumns(r.columns, direct.columns)).toBeNull();
    // Progress arrives asynchronously through the proxy; wait for the final report.
    for (let k = 0; k < 50 && progress.at(-1)?.[0] !== blob.size; k++) await new Promise((res) => setTimeout(res, 10));
    expect(progress.at(-1)).toEqual([blob.size, blob.size]);
    // The final report comes after the last chunk, before the parser's finish flushes the last record.
    expect(lastRecords).toBeGreaterThanOrEqual(25974);
    // At most once per MiB read, plus once at the end (chunk sizes are the runtime's choice).
    expect(progress.length).toBeLessThanOrEqual(Math.floor(blob.size / (1 << 20)) + 1);
    for (let k = 1; k < progress.length; k++)
      expect(progress[k][0] - progress[k - 1][0]).toBeGreaterThanOrEqual(Math.min(1 << 20, blob.size - progress[k - 1][0]));
    expect(lastWorkerResult!.columns.epochMs.byteLength).toBe(0);
  });
});
