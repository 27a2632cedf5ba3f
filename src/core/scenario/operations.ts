/**
 * Pure edits of a scenario, as the editor panels make them (src/ui/ShellsEditor.tsx,
 * DesignEditor.tsx, GroundStationsEditor.tsx, ImportDialog.tsx and the globe click in
 * src/app/ViewerRegion.tsx): each takes a scenario and returns a new one, never changing its
 * input. They do not validate the result: the workspace's `edit` action validates every edit as a
 * whole and refuses an invalid one. The shell edits refuse a fleet the viewer cannot draw by
 * throwing the message `fleetSizeErrors` gives (`edit` turns a throw into an error message).
 */
import { fleetSizeErrors, generatedShellCount } from '../fleet/generators';
import { ssoInclinationDeg } from '../orbit';
import type { Design } from './design';
import type { GroundStation, Scenario, Shell, SsoShell, WalkerShell } from './schema';

// ---- names and ids ----

/** `base` (without a trailing "-<n>", at most 56 characters), or `base-2`, `base-3` ... : the first one not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  const stem = base.replace(/-\d+$/, '').slice(0, 56) || 'shell';
  if (!set.has(stem)) return stem;
  for (let k = 2; ; k++) if (!set.has(`${stem}-${k}`)) return `${stem}-${k}`;
}

/** `name`, or `name (2)`, `name (3)` ... : the first one no station in `taken` has. */
export function uniqueStationName(name: string, taken: readonly GroundStation[]): string {
  const names = new Set(taken.map((s) => s.name));
  if (!names.has(name)) return name;
  for (let k = 2; ; k++) if (!names.has(`${name} (${k})`)) return `${name} (${k})`;
}

/** `list` with the item at `from` moved to `to` (a copy; unchanged order when `to` is out of range). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list.slice();
  const out = list.slice();
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

// ---- counts ----

export interface ShellCounts {
  perShell: Map<string, number>;
  /** Satellites of the enabled shells. */
  total: number;
  /** Imported shells still being parsed. */
  pending: number;
}

/** Counts per shell and in total; imported shells from their parsed element counts (pending while absent). */
export function shellCounts(s: Scenario, importedCounts: ReadonlyMap<string, number>): ShellCounts {
  const perShell = new Map<string, number>();
  let total = 0;
  let pending = 0;
  for (const sh of s.shells) {
    let n: number;
    if (sh.kind === 'imported') {
      const c = importedCounts.get(sh.id);
      if (c === undefined) pending++;
      n = c ?? 0;
    } else n = generatedShellCount(sh);
    perShell.set(sh.id, n);
    if (sh.enabled) total += n;
  }
  return { perShell, total, pending };
}

// ---- shells ----

/** The scenario with `shells`; throws the first fleet-size error when the viewer could not draw the fleet. */
export function withShells(s: Scenario, shells: Shell[]): Scenario {
  const next = { ...s, shells };
  const tooBig = fleetSizeErrors(next);
  if (tooBig.length) throw new Error(tooBig[0]);
  return next;
}

/** A new Walker-delta shell (Starlink-like 550 km / 53 deg, 72 planes of 22) flying the first design, with a free id. */
export function newWalkerShell(s: Scenario): WalkerShell {
  return {
    id: uniqueId(
      'shell',
      s.shells.map((x) => x.id),
    ),
    name: '550 km / 53 deg',
    designId: s.designs[0].id,
    enabled: true,
    kind: 'walker-delta',
    altitudeKm: 550,
    inclinationDeg: 53,
    totalSatellites: 1584,
    planes: 72,
    phasing: 1,
    eccentricity: 0,
    raanOffsetDeg: 0,
    argPerigeeDeg: 0,
  };
}

/** Convert a shell to another generated kind, keeping what carries over. */
export function convertShellKind(sh: Shell, kind: 'walker-delta' | 'walker-star' | 'sso-dawn-dusk'): Shell {
  if (sh.kind === kind) return sh;
  const base = { id: sh.id, name: sh.name, designId: sh.designId, enabled: sh.enabled };
  const planes = sh.kind === 'imported' ? 10 : sh.planes;
  const perPlane =
    sh.kind === 'walker-delta' || sh.kind === 'walker-star'
      ? sh.totalSatellites / sh.planes
      : sh.kind === 'sso-dawn-dusk'
        ? sh.satellitesPerPlane
        : 10;
  const alt = sh.kind === 'imported' ? 550 : sh.altitudeKm;
  if (kind === 'sso-dawn-dusk') {
    return {
      ...base,
      kind,
      altitudeKm: Math.min(alt, 5900),
      ltanHours: 18,
      planes,
      satellitesPerPlane: perPlane,
      phasing: sh.kind === 'imported' ? 0 : Math.min(sh.phasing, planes - 1),
      raanSpreadDeg: 0,
      inPlaneArcDeg: 360,
    } as SsoShell;
  }
  const inclinationDeg =
    sh.kind === 'walker-delta' || sh.kind === 'walker-star'
      ? sh.inclinationDeg
      : sh.kind === 'sso-dawn-dusk'
        ? Number(ssoInclinationDeg(sh.altitudeKm).toFixed(3))
        : 53;
  return {
    ...base,
    kind,
    altitudeKm: alt,
    inclinationDeg,
    totalSatellites: planes * perPlane,
    planes,
    phasing: sh.kind === 'imported' ? 1 : Math.min(sh.phasing, planes - 1),
    eccentricity: 0,
    raanOffsetDeg: 0,
    argPerigeeDeg: 0,
  };
}

/** Append `shell` (its id must be free: use uniqueId). */
export function addShell(s: Scenario, shell: Shell): Scenario {
  return withShells(s, [...s.shells, shell]);
}

/** A copy of the shell at `index` right after it, with a free id and " copy" added to its name. */
export function duplicateShell(s: Scenario, index: number): { scenario: Scenario; id: string } {
  const src = s.shells[index];
  if (!src) throw new Error(`shells[${index}]: no such shell`);
  const copy = {
    ...src,
    id: uniqueId(
      src.id,
      s.shells.map((x) => x.id),
    ),
    name: `${src.name} copy`.slice(0, 120),
  } as Shell;
  return { scenario: withShells(s, [...s.shells.slice(0, index + 1), copy, ...s.shells.slice(index + 1)]), id: copy.id };
}

export function removeShell(s: Scenario, index: number): Scenario {
  return withShells(
    s,
    s.shells.filter((_, k) => k !== index),
  );
}

/** Move the shell at `index` by `delta` places (no change past either end). */
export function moveShell(s: Scenario, index: number, delta: number): Scenario {
  return withShells(s, moveItem(s.shells, index, index + delta));
}

/** Replace the shell with id `id` by `fn(shell)`. */
export function updateShell(s: Scenario, id: string, fn: (sh: Shell) => Shell): Scenario {
  return withShells(
    s,
    s.shells.map((sh) => (sh.id === id ? fn(sh) : sh)),
  );
}

// ---- designs ----

/** Append `proto` under a free id derived from its own. */
export function addDesign(s: Scenario, proto: Design): { scenario: Scenario; id: string } {
  const id = uniqueId(
    proto.id,
    s.designs.map((d) => d.id),
  );
  return { scenario: { ...s, designs: [...s.designs, { ...proto, id }] }, id };
}

/** A copy of design `designId` with a free id and " copy" added to its name. */
export function duplicateDesign(s: Scenario, designId: string): { scenario: Scenario; id: string } {
  const design = s.designs.find((d) => d.id === designId);
  if (!design) throw new Error(`design "${designId}": no such design`);
  return addDesign(s, { ...design, name: `${design.name} copy`.slice(0, 120) });
}

/** The number of shells flying design `designId`. */
export function designUsers(s: Scenario, designId: string): number {
  return s.shells.filter((sh) => sh.designId === designId).length;
}

/** Remove design `designId`; throws (naming the design) while a shell still flies it. */
export function removeDesign(s: Scenario, designId: string): Scenario {
  const users = designUsers(s, designId);
  if (users > 0) {
    const name = s.designs.find((d) => d.id === designId)?.name ?? designId;
    throw new Error(`Design "${name}" is flown by ${users} shell(s): give those shells another design first.`);
  }
  return { ...s, designs: s.designs.filter((d) => d.id !== designId) };
}

/** Replace design `designId` by `fn(design)` (a preset keeps the design's id: pass `{ ...made, id }`). */
export function updateDesign(s: Scenario, designId: string, fn: (d: Design) => Design): Scenario {
  return { ...s, designs: s.designs.map((d) => (d.id === designId ? fn(d) : d)) };
}

// ---- ground stations ----

/** Append `station`, renamed "<name> (2)" ... when its name is taken. */
export function addStation(s: Scenario, station: GroundStation): Scenario {
  return { ...s, groundStations: [...s.groundStations, { ...station, name: uniqueStationName(station.name, s.groundStations) }] };
}

/** A station at a clicked point of the globe: latitude and longitude to 0.01 deg, sea level, 25 deg mask. */
export function stationAt(latDeg: number, lonDeg: number): GroundStation {
  const lat = Number(latDeg.toFixed(2));
  const lon = Number(lonDeg.toFixed(2));
  return { name: `Station ${lat.toFixed(2)}, ${lon.toFixed(2)}`, latDeg: lat, lonDeg: lon, altitudeKm: 0, minElevationDeg: 25 };
}
