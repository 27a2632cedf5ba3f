/**
 * Addresses of numeric scenario fields, as a planner writes them: `shells[1].altitudeKm`,
 * `designs[0].radiator.areaM2`, `window.stepS`. Parsing, reading, writing a copy with one value
 * changed, and the list of every numeric field of a scenario (what a trade study can sweep).
 * Pure: no DOM, no Node.
 */
import type { Scenario } from '../scenario/schema';
import { validateScenario } from '../scenario/load';

export type PathSegment = string | number;

export interface ParsedPath {
  ok: true;
  segments: PathSegment[];
}
export interface PathError {
  ok: false;
  error: string;
}

const SEGMENT = /^([A-Za-z_$][A-Za-z0-9_$]*)((?:\[\d+\])*)$/;

/** `a.b[2].c` -> ['a', 'b', 2, 'c']; a message naming the problem otherwise. */
export function parseParamPath(text: string): ParsedPath | PathError {
  const t = text.trim();
  if (!t) return { ok: false, error: 'empty parameter path (example: shells[0].altitudeKm)' };
  const segments: PathSegment[] = [];
  for (const part of t.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) return { ok: false, error: `"${text}": "${part}" is not a field name with optional [index] (example: shells[0].altitudeKm)` };
    segments.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(idx[1]));
  }
  return { ok: true, segments };
}

export function formatParamPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

/** The value at a path, or undefined when any step is missing. */
export function getAtPath(doc: unknown, segments: readonly PathSegment[]): unknown {
  let cur: unknown = doc;
  for (const seg of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return undefined;
      cur = cur[seg];
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/**
 * A copy of `doc` with the value at `segments` replaced. Only the objects along the path are
 * copied (the rest, e.g. an imported shell's element text, is shared). The path must exist.
 */
export function setAtPath<T>(doc: T, segments: readonly PathSegment[], value: unknown): T {
  if (segments.length === 0) return value as T;
  const [head, ...rest] = segments;
  if (Array.isArray(doc) && typeof head === 'number') {
    const copy = doc.slice();
    copy[head] = setAtPath(copy[head], rest, value);
    return copy as T;
  }
  if (doc !== null && typeof doc === 'object' && typeof head === 'string') {
    const src = doc as Record<string, unknown>;
    return { ...src, [head]: setAtPath(src[head], rest, value) } as T;
  }
  throw new Error(`path step ${String(head)} does not exist`);
}

export interface ResolvedParam {
  path: string;
  segments: PathSegment[];
  /** The base scenario's value. */
  baseValue: number;
  /** The schema accepts only whole numbers here (planes, satellite counts, phasing...). */
  integer: boolean;
  /** Readable label: the shell or design name and the field. */
  label: string;
}

/**
 * Check that `path` addresses a numeric field of the scenario; find whether the schema wants a
 * whole number there (by asking the schema, see isIntegerField).
 */
export function resolveParam(scenario: Scenario, path: string): ResolvedParam | PathError {
  const p = parseParamPath(path);
  if (!p.ok) return p;
  const v = getAtPath(scenario, p.segments);
  if (v === undefined) return { ok: false, error: `${path}: no such field in the scenario` };
  if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, error: `${path}: not a numeric field (it holds ${describe(v)})` };
  const canonical = formatParamPath(p.segments);
  return {
    path: canonical,
    segments: p.segments,
    baseValue: v,
    integer: isIntegerField(scenario, p.segments, v),
    label: labelFor(scenario, p.segments),
  };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a group of fields';
  if (typeof v === 'string') return 'text';
  return typeof v;
}

function isIntegerField(scenario: Scenario, segments: PathSegment[], base: number): boolean {
  // A field takes only whole numbers when the base value is one and the schema refuses a small
  // step either way (a continuous field at one end of its range still accepts the other side).
  // Asked of the schema itself, through the whole document's validation (union members
  // report their errors at the shell, not at the field).
  if (!Number.isInteger(base)) return false;
  const delta = 1e-3;
  return (
    !validateScenario(setAtPath(scenario, segments, base + delta)).ok && !validateScenario(setAtPath(scenario, segments, base - delta)).ok
  );
}

function labelFor(scenario: Scenario, segments: PathSegment[]): string {
  const field = formatParamPath(segments.slice(2));
  if (segments[0] === 'shells' && typeof segments[1] === 'number') {
    const sh = scenario.shells[segments[1]];
    if (sh) return `${sh.name}: ${field}`;
  }
  if (segments[0] === 'designs' && typeof segments[1] === 'number') {
    const d = scenario.designs[segments[1]];
    if (d) return `${d.name}: ${field}`;
  }
  return formatParamPath(segments);
}

/** Every numeric field of the scenario (what the trade study view offers), in document order. */
export function numericFields(scenario: Scenario): Array<{ path: string; value: number; label: string }> {
  const out: Array<{ path: string; value: number; label: string }> = [];
  const walk = (v: unknown, segs: PathSegment[]) => {
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (segs[0] === 'version') return;
      out.push({ path: formatParamPath(segs), value: v, label: labelFor(scenario, segs) });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], [...segs, i]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, [...segs, k]);
    }
  };
  walk(scenario, []);
  return out;
}

/**
 * The parameter path of an editor field, from the field's stable name (`shells.<id>.altitudeKm`,
 * `design.<id>.radiator.areaM2`, `window.stepS`, `links.perHopProcessingMs`), or null when the
 * field is not a numeric scenario field (derived values such as satellites per plane).
 */
export function fieldNameToParamPath(scenario: Scenario, name: string): string | null {
  let path: string | null = null;
  if (name.startsWith('shells.')) {
    const rest = name.slice('shells.'.length);
    const dot = rest.lastIndexOf('.');
    const idx = dot > 0 ? scenario.shells.findIndex((sh) => sh.id === rest.slice(0, dot)) : -1;
    if (idx >= 0) path = `shells[${idx}].${rest.slice(dot + 1)}`;
  } else if (name.startsWith('design.')) {
    const parts = name.slice('design.'.length).split('.');
    if (parts.length >= 3) {
      const key = parts.pop() as string;
      const group = parts.pop() as string;
      const idx = scenario.designs.findIndex((d) => d.id === parts.join('.'));
      if (idx >= 0) path = `designs[${idx}].${group}.${key}`;
    }
  } else if (/^(window|links)\.[A-Za-z]+$/.test(name)) path = name;
  if (path === null) return null;
  const r = resolveParam(scenario, path);
  return 'ok' in r ? null : r.path;
}
