/**
 * Satellite design presets. Figures from docs/PHYSICS.md where they exist; the rest
 * are *assumptions* (named as such) that a planner is expected to edit.
 */
import { DesignSchema, type Design } from '../scenario/design';

/** About 80 kW of compute: 64 H100-class accelerators at 1.275 kW all-in (DGX H100 per GPU). */
export function design100kW(id = 'node-100kw'): Design {
  return DesignSchema.parse({ id, name: '100 kW compute node' });
}

/**
 * About 1 MW of compute, after Starcloud's white paper (PHYSICS.md "Space data-centre anchors"):
 * 784 accelerators at 1.275 kW all-in; array sized for a mostly-sunlit dawn-dusk orbit; radiator
 * panel area from Starcloud's 633 W/m^2 net for a two-sided panel at 20 C, i.e. 1,580 m^2 per MW
 * (PHYSICS.md Heat rejection check), for the ~1.01 MW heat load: 1,600 m^2 (the schema's area is
 * the panel's one-side area; both faces radiate).
 */
export function design1MW(id = 'starcloud-1mw'): Design {
  return DesignSchema.parse({
    id,
    name: '1 MW Starcloud-like',
    solarArray: { areaM2: 5200 },
    compute: {
      acceleratorModel: 'H100 SXM',
      acceleratorCount: 784,
      powerPerAcceleratorW: 700,
      overheadPerAcceleratorW: 575,
      busPowerW: 10_000,
    },
    radiator: { areaM2: 1600, sides: 2, emissivity: 0.92, operatingTempC: 20 },
    mass: { busKg: 8000, computeKgPerAccelerator: 20 },
  });
}

/**
 * Suncatcher-like (Google, 2025): small TPU satellites flying in 81-satellite clusters.
 * Per-satellite power is not published: 24 kW of accelerators is an *assumption*. The radiator is
 * sized for the ~24.8 kW heat load (accelerators, overhead and bus): 44 m^2 two-sided at 20 C
 * rejects ~27.8 kW at 650 km dawn-dusk (~630 W/m^2 net, PHYSICS.md Heat rejection), a ~12 %
 * margin; the earlier 22 m^2 rejected only half the load.
 */
export function designSuncatcher(id = 'suncatcher'): Design {
  return DesignSchema.parse({
    id,
    name: 'Suncatcher-like',
    solarArray: { areaM2: 130 },
    compute: {
      acceleratorModel: 'TPU (assumption: 300 W each)',
      acceleratorCount: 64,
      powerPerAcceleratorW: 300,
      overheadPerAcceleratorW: 75,
      busPowerW: 800,
    },
    radiator: { areaM2: 44, sides: 2 },
    mass: { busKg: 400, computeKgPerAccelerator: 8, launchUsdPerKg: 200 },
  });
}

export const DESIGN_PRESETS: ReadonlyArray<{ key: string; label: string; make: (id?: string) => Design }> = [
  { key: '100kw', label: '100 kW compute node', make: design100kW },
  { key: '1mw', label: '1 MW Starcloud-like', make: design1MW },
  { key: 'suncatcher', label: 'Suncatcher-like', make: designSuncatcher },
];
