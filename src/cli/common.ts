/** Pieces of the command-line planner that every command path needs (kept free of heavy imports). */
import type { ShellImportReport } from '../core/fleet/fromScenario';

/** Unusable input or arguments: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Report rejected and warned records on stderr, one line each, with their line numbers. */
export function reportImports(imports: ShellImportReport[], write: (s: string) => unknown): void {
  for (const imp of imports) {
    for (const r of imp.rejected) write(`${imp.shellName}: line ${r.line}: rejected: ${r.reason}\n`);
    for (const w of imp.warnings) write(`${imp.shellName}: line ${w.line}: warning: ${w.reason}\n`);
    write(`${imp.shellName}: ${imp.format}: ${imp.accepted} accepted, ${imp.rejected.length} rejected\n`);
  }
}
