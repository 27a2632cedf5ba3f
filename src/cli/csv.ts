/** CSV helpers for the command-line planner (RFC 4180 quoting). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Fixed decimals, or '' for a non-finite value. */
export function num(x: number, decimals: number): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : '';
}

/** Buffers lines and flushes them to a sink in large chunks. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly sink: (chunk: string) => unknown,
    private readonly chunkChars = 1 << 20,
  ) {}
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size >= this.chunkChars) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.sink(this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }
}
