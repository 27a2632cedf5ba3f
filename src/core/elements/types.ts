import type { ElementColumns } from './columns';

/** Element-set file formats recognised from content (never from the file name). */
export type ElementFormat = 'tle' | 'omm-json' | 'omm-csv' | 'omm-xml' | 'omm-kvn' | 'unknown';

/** One problem with one record (or, for warnings, with the file). */
export interface ImportIssue {
  /** 1-based line in the file where the problem is (for JSON/XML: where the record starts, or the offending line). */
  line: number;
  /** 1-based index of the record among all records seen (accepted or not); 0 when not about one record. */
  record: number;
  /** Human-readable reason, e.g. 'bad checksum: expected 7, found 3'. */
  reason: string;
  /** The offending text, shortened to at most ISSUE_TEXT_MAX characters. */
  text?: string;
}

export interface ImportResult {
  format: ElementFormat;
  /** Accepted records only, in file order. Strings ('' where absent), ephemerisType and tleStyle are always present. */
  columns: ElementColumns;
  accepted: number;
  /** One entry per rejected record: accepted + rejected.length = records seen. */
  rejected: ImportIssue[];
  /** Accepted records with a caveat (e.g. bad checksum accepted on request), and file-level notes. */
  warnings: ImportIssue[];
}

export interface ParseOptions {
  /** Accept records whose TLE checksum is wrong, with a warning (many published files have wrong checksums). */
  acceptBadChecksums?: boolean;
  /**
   * Expected number of records at most (e.g. tleRecordsAtMost of a TLE file's size): sizes the
   * parser's first block of columns, so that a right guess saves one copy of every column. Any
   * value gives the same result.
   */
  capacityHint?: number;
}

export const ISSUE_TEXT_MAX = 100;
