/** Facts about the installed planner that commands print: its version and the sources of the design defaults. */
import { readFileSync } from 'node:fs';
import { parseFieldComments } from '../core/scenario/fieldMeta';

declare const __PLAN_REPO_ROOT__: string | undefined;

/** The package root: two levels above src/cli/meta.ts, one above the bundle in dist-cli/. */
function repoRoot(): URL {
  return new URL(typeof __PLAN_REPO_ROOT__ === 'string' ? __PLAN_REPO_ROOT__ : '../../', import.meta.url);
}

/** Doc comments of the design schema (the source of each default), read from the source file when it is there. */
export function designSources(): Map<string, string> | undefined {
  try {
    return parseFieldComments(readFileSync(new URL('src/core/scenario/design.ts', repoRoot()), 'utf8'));
  } catch {
    return undefined;
  }
}

/** `version` of package.json. */
export function plannerVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(new URL('package.json', repoRoot()), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
