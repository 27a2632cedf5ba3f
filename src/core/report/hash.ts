/**
 * The scenario's fingerprint for the report's reproducibility block: SHA-256 (@noble/hashes,
 * FIPS 180-4) of the canonical scenario JSON: keys sorted at every level, no whitespace, numbers
 * and strings as JSON.stringify writes them. Two scenarios with the same content in any key order
 * get the same hash; the planner reproduces a report from the scenario with this hash.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** JSON with object keys sorted (arrays keep their order); undefined members left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Lower-case hex SHA-256 of the canonical JSON of `value`. */
export function scenarioHash(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}

/** The element columns a fleet is propagated from, in fleet order. */
export const ELEMENT_HASH_COLUMNS = [
  'epochMs',
  'meanMotionRevPerDay',
  'eccentricity',
  'inclinationDeg',
  'raanDeg',
  'argPerigeeDeg',
  'meanAnomalyDeg',
  'bstar',
] as const;

/**
 * SHA-256 of a fleet's mean elements: the float64 bytes (little-endian, as every engine we run on
 * stores them) of each column of ELEMENT_HASH_COLUMNS in turn. For element files, whose text the
 * scenario does not carry, this pins the satellites the report was made from.
 */
export function elementsHash(cols: Record<(typeof ELEMENT_HASH_COLUMNS)[number], Float64Array>, count: number): string {
  const h = sha256.create();
  for (const k of ELEMENT_HASH_COLUMNS) {
    const a = cols[k];
    h.update(new Uint8Array(a.buffer, a.byteOffset, Math.min(count, a.length) * 8));
  }
  return bytesToHex(h.digest());
}
