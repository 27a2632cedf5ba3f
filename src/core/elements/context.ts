/**
 * Shared state of one import: the growing columns, the record counter and the issue lists.
 * Format readers (tle-reader.ts, omm-*.ts) report through it so that every record seen ends
 * up either accepted or rejected, exactly once.
 */
import { ColumnBuilder, F } from './builder';
import { ISSUE_TEXT_MAX, type ImportIssue, type ParseOptions } from './types';

export function clipText(text: string): string {
  const t = text.length > ISSUE_TEXT_MAX ? `${text.slice(0, ISSUE_TEXT_MAX - 3)}...` : text;
  return ` ${t}`.slice(1); // own copy: do not keep the input chunk alive
}

/**
 * Why a mean-element set is physically unusable (for SGP4: a closed orbit needs 0 <= e < 1 and
 * n > 0; inclination is defined on 0..180 deg), or null. Shared by readers and writers, so a
 * writer never emits what a reader would reject.
 */
export function elementProblem(e: number, meanMotionRevPerDay: number, inclinationDeg: number): string | null {
  if (e >= 1) return `eccentricity >= 1 (${e})`;
  if (e < 0) return `eccentricity < 0 (${e})`;
  if (meanMotionRevPerDay <= 0) return `mean motion <= 0 (${meanMotionRevPerDay} rev/day)`;
  if (inclinationDeg < 0 || inclinationDeg > 180) return `inclination outside 0..180 deg (${inclinationDeg})`;
  return null;
}

export class ImportContext {
  readonly b: ColumnBuilder;
  readonly rejected: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  /** Records seen so far (accepted + rejected). */
  records = 0;
  accepted = 0;
  constructor(readonly opts: ParseOptions) {
    this.b = new ColumnBuilder(opts.capacityHint);
  }

  /** Start a new record; returns its 1-based number. */
  nextRecord(): number {
    return ++this.records;
  }
  reject(record: number, line: number, reason: string, text?: string): void {
    const issue: ImportIssue = { line, record, reason };
    if (text !== undefined) issue.text = clipText(text);
    this.rejected.push(issue);
  }
  warn(record: number, line: number, reason: string, text?: string): void {
    const issue: ImportIssue = { line, record, reason };
    if (text !== undefined) issue.text = clipText(text);
    this.warnings.push(issue);
  }
  /**
   * Check the physical sense of the row being built (shared by all formats); on success
   * commit it and count it accepted. Returns the rejection reason, or null when accepted.
   */
  commitIfValid(): string | null {
    const f = this.b.f;
    for (let k = 0; k < f.length; k++) {
      if (!Number.isFinite(f[k])) return 'non-finite value';
    }
    const bad = elementProblem(f[F.eccentricity], f[F.meanMotionRevPerDay], f[F.inclinationDeg]);
    if (bad !== null) return bad;
    this.commitValid();
    return null;
  }
  /** Commit the row being built and count it accepted; for a reader that made commitIfValid's checks itself. */
  commitValid(): void {
    this.b.commitRow();
    this.accepted++;
  }
}
