/**
 * Shell generators: expand scenario shells into element columns.
 * Walker delta/star i:T/P/F and dawn-dusk SSO per docs/PHYSICS.md "Orbits".
 * Generated orbits are circular mean elements for SGP4 (WGS-72), B* = 0, with the Kozai mean
 * motion chosen so SGP4's mean semi-major axis equals R + altitude.
 */
import { allocElementColumns, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../elements/columns';
import { kozaiMeanMotionForAltitude, raanForLtanDeg, ssoInclinationDeg } from '../orbit';
import type { Scenario, SsoShell, WalkerShell } from '../scenario/schema';
import { DEG2RAD, msToJd } from '../units';
import type { Fleet, FleetShell } from './fleet';

const wrap360 = (x: number): number => {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
};

/** Walker geometry of one shell. RAAN of plane p, argument of latitude of slot s in plane p. */
export interface WalkerGeometry {
  planes: number;
  perPlane: number;
  total: number;
  phasing: number;
  /** 360 for delta, 180 for star. */
  raanSpreadDeg: number;
  raanOffsetDeg: number;
  /** Arc the slots of a plane span, deg (360 = evenly round the orbit). */
  inPlaneArcDeg: number;
}

/** Spacing of adjacent slots in a plane, deg: 360/S round the orbit, arc/(S-1) across a cluster arc. */
export function walkerSlotStepDeg(g: WalkerGeometry): number {
  return g.inPlaneArcDeg >= 360 ? 360 / g.perPlane : g.perPlane > 1 ? g.inPlaneArcDeg / (g.perPlane - 1) : 0;
}

/** RAAN of plane p, deg: offset + p * spread / P. */
export function walkerRaanDeg(g: WalkerGeometry, plane: number): number {
  return wrap360(g.raanOffsetDeg + (plane * g.raanSpreadDeg) / g.planes);
}

/** Argument of latitude of slot s in plane p, deg: s * 360/S + p * F * 360/T. */
export function walkerArgLatDeg(g: WalkerGeometry, plane: number, slot: number): number {
  return wrap360(slot * walkerSlotStepDeg(g) + (plane * g.phasing * 360) / g.total);
}

/** Fill rows [at, at + P*S) of `cols` with a Walker-pattern shell of circular orbits. */
function fillWalker(
  cols: ElementColumns,
  at: number,
  g: WalkerGeometry,
  altitudeKm: number,
  inclinationDeg: number,
  eccentricity: number,
  argPerigeeDeg: number,
  epochMs: number,
): void {
  const nRevPerDay = kozaiMeanMotionForAltitude(altitudeKm, eccentricity, inclinationDeg * DEG2RAD);
  const { planes, perPlane } = g;
  const end = at + planes * perPlane;
  cols.epochMs.fill(epochMs, at, end);
  cols.meanMotionRevPerDay.fill(nRevPerDay, at, end);
  cols.eccentricity.fill(eccentricity, at, end);
  cols.inclinationDeg.fill(inclinationDeg, at, end);
  cols.argPerigeeDeg.fill(argPerigeeDeg, at, end);
  // bstar, ndot, nddot stay 0; noradId stays -1.
  const slotStep = walkerSlotStepDeg(g);
  const phaseStep = (g.phasing * 360) / g.total;
  const raan = cols.raanDeg;
  const ma = cols.meanAnomalyDeg;
  let i = at;
  for (let p = 0; p < planes; p++) {
    const raanP = walkerRaanDeg(g, p);
    const base = p * phaseStep - argPerigeeDeg;
    for (let s = 0; s < perPlane; s++, i++) {
      raan[i] = raanP;
      // circular: mean anomaly = argument of latitude - argument of perigee
      let m = base + s * slotStep;
      m %= 360;
      ma[i] = m < 0 ? m + 360 : m;
    }
  }
}

export function walkerGeometry(shell: WalkerShell): WalkerGeometry {
  return {
    planes: shell.planes,
    perPlane: shell.totalSatellites / shell.planes,
    total: shell.totalSatellites,
    phasing: shell.phasing,
    raanSpreadDeg: shell.kind === 'walker-star' ? 180 : 360,
    raanOffsetDeg: shell.raanOffsetDeg,
    inPlaneArcDeg: 360,
  };
}

export function ssoGeometry(shell: SsoShell, epochMs: number): WalkerGeometry {
  const planes = shell.planes;
  const spread = shell.raanSpreadDeg;
  const centre = raanForLtanDeg(msToJd(epochMs), shell.ltanHours);
  return {
    planes,
    perPlane: shell.satellitesPerPlane,
    total: planes * shell.satellitesPerPlane,
    phasing: shell.phasing % planes,
    // planes spread evenly over `spread` deg centred on the LTAN node: spacing spread/P
    raanSpreadDeg: spread,
    raanOffsetDeg: planes > 1 ? centre - (spread * (planes - 1)) / planes / 2 : centre,
    inPlaneArcDeg: shell.inPlaneArcDeg,
  };
}

/** Satellite count of a shell without generating it (imported shells need their parse). */
export function generatedShellCount(shell: Scenario['shells'][number]): number {
  switch (shell.kind) {
    case 'walker-delta':
    case 'walker-star':
      return shell.totalSatellites;
    case 'sso-dawn-dusk':
      return shell.planes * shell.satellitesPerPlane;
    default:
      return 0;
  }
}

/** Parsed imported shells, provided by the caller (the element parser runs off the main thread). */
export type ImportedElementsById = Map<string, ElementColumns>;

export interface BuildFleetOptions {
  /** Elements of imported shells by shell id (already parsed). Missing ones contribute 0 satellites. */
  imported?: ImportedElementsById;
  /** Hard cap on satellites, to refuse absurd inputs. */
  maxSatellites?: number;
  /**
   * When the whole fleet is one imported element set, use its typed arrays as the fleet's columns
   * instead of copying them (the command-line planner: the parsed set is not used again). The
   * caller must not change those columns afterwards. Off by default: the page keeps parsed sets
   * and rebuilds fleets from them.
   */
  adoptImported?: boolean;
  /**
   * The fleet's element columns in one SharedArrayBuffer (allocElementColumns `shared`): the page's
   * analysis worker, when cross-origin isolated.
   */
  sharedColumns?: boolean;
}

export const MAX_FLEET_SATELLITES = 4_000_000;

/**
 * Refusals for a scenario whose generated shells add up past `max` satellites (each shell passes
 * the schema alone: 100,000 planes of 1,000,000 would not), naming the largest shell. Empty when it fits.
 */
export function fleetSizeErrors(scenario: Scenario, max = MAX_FLEET_SATELLITES): string[] {
  let total = 0;
  let big = -1;
  let bigN = -1;
  scenario.shells.forEach((sh, i) => {
    if (!sh.enabled) return;
    const n = generatedShellCount(sh);
    total += n;
    if (n > bigN) {
      bigN = n;
      big = i;
    }
  });
  if (total <= max) return [];
  const f = (v: number) => v.toLocaleString('en-US');
  return [
    `shells: ${f(total)} satellites in total, more than the ${f(max)} the planner can hold (largest: shells[${big}] ` +
      `"${scenario.shells[big].name}" with ${f(bigN)})`,
  ];
}

/** Expand a scenario's enabled shells into a fleet. */
export function buildFleet(scenario: Scenario, opts: BuildFleetOptions = {}): Fleet {
  const epochMs = Date.parse(scenario.epoch);
  const designIdx = new Map(scenario.designs.map((d, i) => [d.id, i] as const));
  const shells: FleetShell[] = [];
  const importedParts: Array<{ at: number; cols: ElementColumns }> = [];
  let total = 0;
  for (const sh of scenario.shells) {
    if (!sh.enabled) continue;
    const count = sh.kind === 'imported' ? (opts.imported?.get(sh.id)?.count ?? 0) : generatedShellCount(sh);
    let altitudeKm = Number.NaN;
    let inclinationDeg = Number.NaN;
    let planes = 1;
    let perPlane = count;
    if (sh.kind === 'walker-delta' || sh.kind === 'walker-star') {
      altitudeKm = sh.altitudeKm;
      inclinationDeg = sh.inclinationDeg;
      planes = sh.planes;
      perPlane = sh.totalSatellites / sh.planes;
    } else if (sh.kind === 'sso-dawn-dusk') {
      altitudeKm = sh.altitudeKm;
      inclinationDeg = ssoInclinationDeg(sh.altitudeKm);
      planes = sh.planes;
      perPlane = sh.satellitesPerPlane;
    }
    shells.push({
      id: sh.id,
      name: sh.name,
      kind: sh.kind,
      designId: sh.designId,
      designIndex: designIdx.get(sh.designId) ?? 0,
      start: total,
      count,
      altitudeKm,
      inclinationDeg,
      planes,
      satellitesPerPlane: perPlane,
    });
    total += count;
  }
  const max = opts.maxSatellites ?? MAX_FLEET_SATELLITES;
  if (total > max) throw new RangeError(`fleet of ${total} satellites exceeds the limit of ${max}`);

  const hasStrings = [...(opts.imported?.values() ?? [])].some((c) => c.names !== null);
  const enabled = scenario.shells.filter((s) => s.enabled);
  const sole = enabled.length === 1 && enabled[0].kind === 'imported' ? opts.imported?.get(enabled[0].id) : undefined;
  if (opts.adoptImported && sole && sole.count === total && total > 0) {
    const shellIndex = new Uint16Array(total);
    const designIndex = new Uint16Array(total).fill(shells[0].designIndex);
    const adopted = { count: total, names: null, objectIds: null, classification: null } as ElementColumns;
    for (const f of ELEMENT_FLOAT_FIELDS) adopted[f] = sole[f].length === total ? sole[f] : sole[f].subarray(0, total);
    for (const f of ELEMENT_INT_FIELDS) adopted[f] = sole[f].length === total ? sole[f] : sole[f].subarray(0, total);
    if (hasStrings) {
      adopted.names = sole.names ?? new Array<string>(total).fill('');
      adopted.objectIds = sole.objectIds ?? new Array<string>(total).fill('');
      adopted.classification = sole.classification ?? new Array<string>(total).fill('U');
    }
    return { count: total, elements: adopted, shellIndex, designIndex, shells };
  }
  const cols = allocElementColumns(total, false, opts.sharedColumns === true);
  const shellIndex = new Uint16Array(total);
  const designIndex = new Uint16Array(total);
  let names: string[] | null = null;
  let objectIds: string[] | null = null;
  let classification: string[] | null = null;

  scenario.shells
    .filter((s) => s.enabled)
    .forEach((sh, k) => {
      const info = shells[k];
      shellIndex.fill(k, info.start, info.start + info.count);
      designIndex.fill(info.designIndex, info.start, info.start + info.count);
      if (sh.kind === 'walker-delta' || sh.kind === 'walker-star') {
        fillWalker(cols, info.start, walkerGeometry(sh), sh.altitudeKm, sh.inclinationDeg, sh.eccentricity, sh.argPerigeeDeg, epochMs);
      } else if (sh.kind === 'sso-dawn-dusk') {
        fillWalker(cols, info.start, ssoGeometry(sh, epochMs), sh.altitudeKm, info.inclinationDeg, 0, 0, epochMs);
      } else {
        const imp = opts.imported?.get(sh.id);
        if (imp && imp.count > 0) importedParts.push({ at: info.start, cols: imp });
      }
    });

  if (importedParts.length > 0) {
    for (const { at, cols: src } of importedParts) {
      for (const f of ELEMENT_FLOAT_FIELDS) cols[f].set(src[f], at);
      for (const f of ELEMENT_INT_FIELDS) cols[f].set(src[f], at);
      if (hasStrings) {
        names ??= new Array<string>(total).fill('');
        objectIds ??= new Array<string>(total).fill('');
        classification ??= new Array<string>(total).fill('U');
        for (let i = 0; i < src.count; i++) {
          names[at + i] = src.names?.[i] ?? '';
          objectIds[at + i] = src.objectIds?.[i] ?? '';
          classification[at + i] = src.classification?.[i] ?? 'U';
        }
      }
    }
  }
  cols.names = names;
  cols.objectIds = objectIds;
  cols.classification = classification;
  return { count: total, elements: cols, shellIndex, designIndex, shells };
}
