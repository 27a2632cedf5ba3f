/**
 * Satellite look-up by name, catalogue number (NORAD) or international designator (COSPAR,
 * `1998-067A` or the TLE's `98067A`), for the page's type-ahead search and `#sat=` links.
 *
 * Imported satellites are searched through their names, numbers and designators (upper-cased
 * once per fleet and cached); generated shells are not scanned satellite by satellite (a 1M fleet
 * has no stored names): their names `<shell>-P<plane>-S<slot>` are matched arithmetically, so a
 * search costs one pass over the imported rows at most.
 */
import { ommObjectId } from '../elements/omm';
import { type Fleet, satelliteName } from './fleet';

export type SearchMatch = 'norad' | 'designator' | 'name';

export interface SatelliteHit {
  id: number;
  name: string;
  /** Catalogue number, or -1. */
  noradId: number;
  /** International designator in OMM form (`1998-067A`), or ''. */
  objectId: string;
  shellName: string;
  match: SearchMatch;
}

interface Index {
  /** Upper-cased names of imported rows ('' for generated rows). */
  names: string[];
  /** Designators in OMM form, upper case. */
  ids: string[];
  /** Ids of the imported rows. */
  imported: Int32Array;
}

const cache = new WeakMap<Fleet, Index>();

function indexOf(fleet: Fleet): Index {
  let ix = cache.get(fleet);
  if (ix) return ix;
  const e = fleet.elements;
  const rows: number[] = [];
  for (const sh of fleet.shells) if (sh.kind === 'imported') for (let i = sh.start; i < sh.start + sh.count; i++) rows.push(i);
  const names = new Array<string>(rows.length);
  const ids = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    names[k] = satelliteName(fleet, i).toUpperCase();
    ids[k] = ommObjectId((e.objectIds?.[i] ?? '').trim().toUpperCase());
  }
  ix = { names, ids, imported: Int32Array.from(rows) };
  cache.set(fleet, ix);
  return ix;
}

/** Rank of a match: lower is better. */
const RANK = {
  noradExact: 0,
  designatorExact: 1,
  nameExact: 2,
  namePrefix: 3,
  designatorPrefix: 4,
  noradPrefix: 5,
  nameWord: 6,
  nameContains: 7,
} as const;

/**
 * Satellites matching `query`, best first, at most `limit`: an exact catalogue number or
 * designator, then names equal to, starting with, or containing the query (case-insensitive),
 * designators and catalogue numbers starting with it. Ties keep fleet order.
 */
export function searchSatellites(fleet: Fleet | null, query: string, limit = 8): SatelliteHit[] {
  const q = query.trim().toUpperCase();
  if (!fleet || q.length === 0 || limit <= 0) return [];
  const ix = indexOf(fleet);
  const e = fleet.elements;
  const qDesig = ommObjectId(q.replace(/\s+/g, ''));
  const qNum = /^\d{1,9}$/.test(q) ? Number(q) : -1;
  // (rank, id) pairs; few survive, so a small array sorted at the end is enough
  const found: Array<[number, number, SearchMatch]> = [];
  let worst = Number.POSITIVE_INFINITY;
  const consider = (rank: number, id: number, match: SearchMatch) => {
    if (found.length >= limit * 4 && rank >= worst) return;
    found.push([rank, id, match]);
    if (found.length >= limit * 8) {
      found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      found.length = limit * 4;
      worst = found[found.length - 1][0];
    }
  };
  for (let k = 0; k < ix.imported.length; k++) {
    const id = ix.imported[k];
    const norad = e.noradId[id];
    if (qNum >= 0 && norad === qNum) {
      consider(RANK.noradExact, id, 'norad');
      continue;
    }
    const desig = ix.ids[k];
    if (desig !== '' && desig === qDesig) {
      consider(RANK.designatorExact, id, 'designator');
      continue;
    }
    const name = ix.names[k];
    const at = name.indexOf(q);
    if (at === 0) consider(name.length === q.length ? RANK.nameExact : RANK.namePrefix, id, 'name');
    else if (desig !== '' && qDesig.length >= 4 && desig.startsWith(qDesig)) consider(RANK.designatorPrefix, id, 'designator');
    else if (qNum >= 0 && norad >= 0 && String(norad).startsWith(q)) consider(RANK.noradPrefix, id, 'norad');
    else if (at > 0) consider(/[^A-Z0-9]/.test(name[at - 1]) ? RANK.nameWord : RANK.nameContains, id, 'name');
  }
  // Generated shells: `<shell>-P<plane>-S<slot>` by arithmetic, or the first satellites of a shell whose name matches.
  for (const sh of fleet.shells) {
    if (sh.kind === 'imported' || sh.count === 0) continue;
    const shellName = sh.name.toUpperCase();
    const m = /^(.*)-P(\d+)(?:-S(\d*))?$/.exec(q);
    if (m && m[1] === shellName) {
      const plane = Number(m[2]) - 1;
      const spp = sh.satellitesPerPlane;
      if (plane < 0 || plane >= sh.planes) continue;
      if (m[3]) {
        const slot = Number(m[3]) - 1;
        if (slot >= 0 && slot < spp) consider(RANK.nameExact, sh.start + plane * spp + slot, 'name');
        // `-S1` also starts `-S10`..: the plane's other slots whose number begins with the digits
        for (let s = 0; s < spp; s++)
          if (s !== slot && String(s + 1).startsWith(m[3])) consider(RANK.namePrefix, sh.start + plane * spp + s, 'name');
      } else for (let s = 0; s < Math.min(spp, limit); s++) consider(RANK.namePrefix, sh.start + plane * spp + s, 'name');
      continue;
    }
    const at = shellName.indexOf(q);
    if (at < 0 && !`${shellName}-P`.startsWith(q)) continue;
    const rank = at === 0 || at < 0 ? RANK.namePrefix : /[^A-Z0-9]/.test(shellName[at - 1]) ? RANK.nameWord : RANK.nameContains;
    for (let i = sh.start; i < sh.start + Math.min(sh.count, limit); i++) consider(rank, i, 'name');
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: SatelliteHit[] = [];
  const seen = new Set<number>();
  for (const [, id, match] of found) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      name: satelliteName(fleet, id),
      noradId: e.noradId[id],
      objectId: ommObjectId(e.objectIds?.[id] ?? ''),
      shellName: fleet.shells[fleet.shellIndex[id]]?.name ?? '',
      match,
    });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The one satellite a `#sat=` link names: an id (`#sat=12`, the planner's satellite id), a
 * catalogue number (`#sat=norad:25544`), or a name or designator (`#sat=ISS (ZARYA)`,
 * `#sat=1998-067A`) that matches exactly. Returns the id, or a reason.
 */
export function resolveSatelliteRef(fleet: Fleet, ref: string): { ok: true; id: number } | { ok: false; error: string } {
  const r = ref.trim();
  if (r === '') return { ok: false, error: 'the link names no satellite' };
  if (/^\d+$/.test(r)) {
    const id = Number(r);
    if (id < fleet.count) return { ok: true, id };
    return {
      ok: false,
      error: `there is no satellite ${id} (this scenario has ${fleet.count.toLocaleString('en-US')}, ids 0 to ${fleet.count - 1})`,
    };
  }
  const norad = /^norad:(\d{1,9})$/i.exec(r);
  const hits = searchSatellites(fleet, norad ? norad[1] : r, 2);
  const exact = hits.filter((h) =>
    norad
      ? h.match === 'norad' && h.noradId === Number(norad[1])
      : h.name.toUpperCase() === r.toUpperCase() || (h.match === 'designator' && h.objectId.toUpperCase() === ommObjectId(r.toUpperCase())),
  );
  if (exact.length > 0) return { ok: true, id: exact[0].id };
  return { ok: false, error: `no satellite in this scenario is called "${r.slice(0, 60)}"` };
}
