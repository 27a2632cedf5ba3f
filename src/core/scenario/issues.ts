/**
 * Validation issues in plain words: "shells[0].name: a name is required" instead of zod's
 * "Invalid input: expected string, received undefined". A shell that matches none of the shell
 * kinds is reported through the kind it names (or the closest kind), field by field, instead of
 * one "Invalid input" for the whole shell. Pure: used by the page and the CLI alike.
 */

/** The parts of a zod 4 issue read here (structural, so no zod import is needed). */
export interface IssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: unknown;
  received?: unknown;
  values?: readonly unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  errors?: ReadonlyArray<ReadonlyArray<IssueLike>>;
  keys?: readonly string[];
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}

const fmtNum = (v: number | bigint): string =>
  typeof v === 'bigint' ? v.toString() : v.toLocaleString('en-US', { maximumFractionDigits: 12 });

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function receivedOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : `${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Walk `root` along `path` (missing steps give undefined). */
function at(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p as string];
  }
  return cur;
}

/** One issue's message in plain words (without the path). `value` is what the document holds there. */
export function issueMessage(i: IssueLike, value: unknown): string {
  const last = i.path[i.path.length - 1];
  switch (i.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[String(i.expected)] ?? String(i.expected);
      if (value === undefined) {
        if (last === 'name') return 'a name is required';
        if (last === 'id') return 'an id is required';
        return `is required (${want})`;
      }
      if (i.expected === 'int' && typeof value === 'number') return `must be a whole number, not ${value}`;
      return `must be ${want}, not ${receivedOf(value)}`;
    }
    case 'too_big':
    case 'too_small': {
      const big = i.code === 'too_big';
      const lim = big ? i.maximum : i.minimum;
      // the schema's own wording (e.g. "sun-synchronous orbits exist only below about 5,970 km") stays
      if (lim === undefined || !/^Too (small|big)/.test(i.message)) return i.message;
      const n = fmtNum(lim);
      if (i.origin === 'array' || i.origin === 'set') {
        const had = Array.isArray(value) ? ` (this one has ${value.length.toLocaleString('en-US')})` : '';
        return big ? `at most ${n} entries${had}` : `at least ${n} ${Number(lim) === 1 ? 'entry' : 'entries'}${had}`;
      }
      if (i.origin === 'string') {
        if (!big && Number(lim) === 1) return 'must not be empty';
        return big ? `at most ${n} characters` : `at least ${n} characters`;
      }
      const v = typeof value === 'number' ? ` (got ${fmtNum(value)})` : '';
      if (big) return `${i.inclusive === false ? 'must be below' : 'must be at most'} ${n}${v}`;
      return `${i.inclusive === false ? 'must be above' : 'must be at least'} ${n}${v}`;
    }
    case 'invalid_value':
    case 'invalid_enum_value': {
      const vals = (i.values ?? []).map((x) => (typeof x === 'string' ? `"${x}"` : String(x)));
      if (vals.length === 1) return `must be ${vals[0]}`;
      return `must be one of ${vals.join(', ')}`;
    }
    case 'unrecognized_keys':
      return `unknown field${(i.keys?.length ?? 0) > 1 ? 's' : ''} ${(i.keys ?? []).join(', ')}`;
    case 'invalid_format':
      return i.message.replace(/^Invalid (string|input): /i, 'must be ');
    default:
      return i.message.replace(/^Invalid input: /, '');
  }
}

/**
 * Of the union's options, the one the value meant: the option with no complaint about `kind`
 * (the shell kinds differ by `kind`), else the one with the fewest issues.
 */
function closestOption(errors: ReadonlyArray<ReadonlyArray<IssueLike>>): ReadonlyArray<IssueLike> {
  let best: ReadonlyArray<IssueLike> | null = null;
  for (const opt of errors) if (!opt.some((x) => x.path.length === 1 && x.path[0] === 'kind')) return opt;
  for (const opt of errors) if (!best || opt.length < best.length) best = opt;
  return best ?? [];
}

function flatten(i: IssueLike, prefix: ReadonlyArray<PropertyKey>, root: unknown, out: string[]): void {
  const path = [...prefix, ...i.path];
  if (i.code === 'invalid_union' && i.errors && i.errors.length > 0) {
    const value = at(root, path);
    // A union of literals (ltanHours 6 | 18): one message listing the allowed values.
    const leaf = i.errors.every((opt) => opt.length === 1 && opt[0].code === 'invalid_value' && opt[0].path.length === 0);
    if (leaf) {
      const vals = i.errors.flatMap((opt) => opt[0].values ?? []);
      out.push(
        `${formatPath(path)}: must be one of ${vals.map(String).join(', ')}${value === undefined ? '' : ` (got ${receivedOf(value)})`}`,
      );
      return;
    }
    const kind = value && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
    const opt = closestOption(i.errors);
    // Name the kind when the value names none of the known ones.
    const kindIssue = opt.find((x) => x.path.length === 1 && x.path[0] === 'kind');
    if (kindIssue) {
      const all = i.errors.flatMap((o) => o.filter((x) => x.path[0] === 'kind').flatMap((x) => x.values ?? []));
      out.push(
        `${formatPath([...path, 'kind'])}: ${kind === undefined ? 'is required' : `"${String(kind)}" is not a known kind`}; use one ` +
          `of ${[...new Set(all)].map((v) => `"${String(v)}"`).join(', ')}`,
      );
      return;
    }
    for (const x of opt) flatten(x, path, root, out);
    return;
  }
  out.push(`${formatPath(path)}: ${issueMessage({ ...i, path }, at(root, path))}`);
}

/** Issues as "path: message" lines in plain words; `doc` is the document that was validated. */
export function describeIssues(issues: ReadonlyArray<IssueLike>, doc: unknown): string[] {
  const out: string[] = [];
  for (const i of issues) flatten(i, [], doc, out);
  return [...new Set(out)];
}

/**
 * Fields of `raw` that validation dropped (unknown to this planner), as paths, at most `limit`.
 * Walks `parsed` (the validated result) alongside `raw`; depth-limited so hostile nesting is cheap.
 */
export function unknownFields(raw: unknown, parsed: unknown, limit = 20): string[] {
  const out: string[] = [];
  const walk = (r: unknown, p: unknown, path: PropertyKey[], depth: number) => {
    if (out.length >= limit || depth > 8 || r === null || typeof r !== 'object' || p === null || typeof p !== 'object') return;
    if (Array.isArray(r)) {
      if (!Array.isArray(p)) return;
      const n = Math.min(r.length, p.length, 10_000);
      for (let k = 0; k < n && out.length < limit; k++) walk(r[k], p[k], [...path, k], depth + 1);
      return;
    }
    const pr = p as Record<string, unknown>;
    for (const key of Object.keys(r as Record<string, unknown>)) {
      if (out.length >= limit) return;
      if (!(key in pr)) out.push(formatPath([...path, key]));
      else walk((r as Record<string, unknown>)[key], pr[key], [...path, key], depth + 1);
    }
  };
  walk(raw, parsed, [], 0);
  return out;
}
