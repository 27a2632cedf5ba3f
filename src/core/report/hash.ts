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
