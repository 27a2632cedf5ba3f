/** Element-set import and export: TLE, OMM JSON, OMM CSV, OMM XML, OMM KVN. */
export * from './columns';
export type { ElementFormat, ImportIssue, ImportResult, ParseOptions } from './types';
export { createElementStreamParser, detectElementFormat, parseElements, parseElementStream } from './stream';
export type { ElementStreamParser, StreamParseOptions } from './stream';
export { writeTle, tleChecksum, tleRecordsAtMost, decodeAlpha5, encodeAlpha5, TLE_STYLE, ALPHA5_MAX } from './tle';
export type { WriteResult, WriteTleOptions } from './tle';
export { writeOmmCsv, writeOmmJson, writeOmmKvn, writeOmmXml } from './omm-write';
export type { OmmKvnOptions } from './omm-write';
export { parseOmmEpoch, formatOmmEpoch, OMM_FIELDS } from './omm';
