/**
 * The satellite inspector's rows (src/render/overlays.tsx inspectorRows): the beta angle comes
 * from the core function (betaAngleFromStateRad) on the satellite's current state and the
 * runtime's Sun vector, checked here against values set up by hand.
 */
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { inspectorRows } from '../../../src/render/overlays';
import { createRuntime } from '../../../src/render/runtime';
import type { SatelliteLayer } from '../../../src/render/satelliteLayer';
import { createViewerStore } from '../../../src/render/store';

const T0 = Date.parse('2026-03-20T12:00:00Z');

function runtimeWithState(r: [number, number, number], v: [number, number, number], sun: [number, number, number]) {
  const store = createViewerStore();
  store.setState({ clock: { ...store.getState().clock, playing: false, baseSimMs: T0 } });
  const rt = createRuntime(store);
  rt.sun = new Float64Array(sun);
  // The inspector reads only these fields of the layer (the last tick's states, at stateTimeMs).
  rt.layer = { shown: 1, stateTimeMs: T0, positions: new Float32Array(r), velocities: new Float32Array(v) } as unknown as SatelliteLayer;
  return rt;
}

describe('inspector rows', () => {
  const fleet = buildFleet(presetScenario('starlink-72x22')!);
  const row = (rows: Array<{ k: string; v: string }>, k: string) => rows.find((x) => x.k === k)?.v;

  it('beta angle: an equatorial orbit and the Sun at 23.44 deg declination give 23.4 deg; edge-on gives 0', () => {
    const dec = (23.44 * Math.PI) / 180;
    // r along x, v along y: orbit normal +z, so beta = the Sun's declination
    const rt = runtimeWithState([6928, 0, 0], [0, 7.585, 0], [Math.cos(dec), 0, Math.sin(dec)]);
    expect(row(inspectorRows(rt, fleet, 0), 'Beta angle')).toBe('23.4°');
    // the Sun vector need not be unit length (the core function normalises it)
    rt.sun = new Float64Array([2 * Math.cos(dec), 0, -2 * Math.sin(dec)]);
    expect(row(inspectorRows(rt, fleet, 0), 'Beta angle')).toBe('-23.4°');
    rt.sun = new Float64Array([0, 1, 0]);
    expect(row(inspectorRows(rt, fleet, 0), 'Beta angle')).toBe('0.0°');
  });

  it('a polar orbit facing the Sun has beta 90 deg', () => {
    // r along x, v along z: normal -y; the Sun along -y
    const rt = runtimeWithState([6928, 0, 0], [0, 0, 7.585], [0, -1, 0]);
    expect(row(inspectorRows(rt, fleet, 0), 'Beta angle')).toBe('90.0°');
  });
});
