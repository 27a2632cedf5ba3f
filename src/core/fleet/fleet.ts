/**
 * The fleet: every satellite of a scenario as column arrays. Index = satellite id.
 * Built from the scenario by `buildFleet` (generators.ts); everything downstream (propagation,
 * analysis, rendering, export) reads these columns.
 */
import { sliceElementColumns, type ElementColumns } from '../elements/columns';

export type ShellKind = 'walker-delta' | 'walker-star' | 'sso-dawn-dusk' | 'imported';

export interface FleetShell {
  id: string;
  name: string;
  kind: ShellKind;
  designId: string;
  designIndex: number;
  /** First satellite id of this shell; shells occupy contiguous id ranges. */
  start: number;
  count: number;
  /** Nominal altitude, km (NaN for imported shells). */
  altitudeKm: number;
  /** Nominal inclination, deg (NaN for imported shells). */
  inclinationDeg: number;
  planes: number;
  satellitesPerPlane: number;
}

export interface Fleet {
  count: number;
  elements: ElementColumns;
  /** Index into `shells` per satellite. */
  shellIndex: Uint16Array;
  /** Index into scenario.designs per satellite. */
  designIndex: Uint16Array;
  shells: FleetShell[];
}

/** The display name of satellite `id`: the imported name, or `<shell>-<plane>-<slot>`. */
/** Name of an imported satellite without one: its catalogue number, else shell name and 1-based row. */
export function importedFallbackName(noradId: number, shellName: string, localIndex: number): string {
  return noradId >= 0 ? `NORAD ${noradId}` : `${shellName}-${localIndex + 1}`;
}

export function satelliteName(fleet: Fleet, id: number): string {
  const n = fleet.elements.names?.[id];
  if (n) return n;
  const shell = fleet.shells[fleet.shellIndex[id]];
  if (!shell) return `sat-${id}`;
  const local = id - shell.start;
  if (shell.kind === 'imported') return importedFallbackName(fleet.elements.noradId[id], shell.name, local);
  const plane = Math.floor(local / shell.satellitesPerPlane);
  const slot = local % shell.satellitesPerPlane;
  return `${shell.name}-P${plane + 1}-S${slot + 1}`;
}

export interface FleetShard {
  /** First fleet id in this shard. */
  start: number;
  count: number;
  /** Views into the fleet's buffers (no copy). */
  elements: ElementColumns;
  shellIndex: Uint16Array;
  designIndex: Uint16Array;
}

/** Split [0, count) into `parts` contiguous, near-equal ranges. */
export function shardRanges(count: number, parts: number): Array<[number, number]> {
  const p = Math.max(1, Math.min(parts, Math.max(1, count)));
  const out: Array<[number, number]> = [];
  for (let k = 0; k < p; k++) out.push([Math.floor((k * count) / p), Math.floor(((k + 1) * count) / p)]);
  return out;
}

/** Contiguous shards whose arrays are subarray views of the fleet's (element data not copied). */
export function shardFleet(fleet: Fleet, parts: number): FleetShard[] {
  return shardRanges(fleet.count, parts).map(([s, e]) => ({
    start: s,
    count: e - s,
    elements: sliceElementColumns(fleet.elements, s, e),
    shellIndex: fleet.shellIndex.subarray(s, e),
    designIndex: fleet.designIndex.subarray(s, e),
  }));
}
