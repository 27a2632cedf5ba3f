/**
 * Satellite design: solar array, power system, compute payload, radiator, mass and cost.
 * Every default cites docs/PHYSICS.md (section named) or is marked *assumption*
 * (user-editable; the report lists it as such).
 */
import './zodConfig';
import { z } from 'zod';

export const SolarArraySchema = z.object({
  /** Array area, m^2. *assumption* sized for a ~100 kW-class compute node. */
  areaM2: z.number().positive().max(1e7).default(600),
  /** Cell efficiency at BOL. PHYSICS.md Electrical power: triple-junction 0.298 mean. */
  cellEfficiency: z.number().gt(0).max(0.6).default(0.298),
  /** Packing factor. PHYSICS.md: 0.85-0.90 *assumption*. */
  packingFactor: z.number().gt(0).max(1).default(0.875),
  /** Inherent degradation I_d. PHYSICS.md (SMAD): 0.77 nominal. */
  inherentDegradation: z.number().gt(0).max(1).default(0.77),
  /** Yearly degradation d. PHYSICS.md (SMAD): 0.5 %/yr triple-junction. */
  degradationPerYear: z.number().min(0).max(0.5).default(0.005),
  /** Years in orbit for end of life. *assumption* 5 years. */
  lifeYears: z.number().min(0).max(50).default(5),
  /** Temperature coefficient gamma, 1/degC. PHYSICS.md: -0.002 to -0.005. */
  tempCoeffPerC: z.number().min(-0.02).max(0).default(-0.0035),
  /** Cell operating temperature, degC. *assumption*. */
  cellTempC: z.number().min(-150).max(200).default(28),
  /** Sun tracking (theta = 0) or body-fixed (mean cos(theta) = 2/pi over an orbit, *assumption*). */
  pointing: z.enum(['sun-tracking', 'body-fixed']).default('sun-tracking'),
});
export type SolarArray = z.infer<typeof SolarArraySchema>;

export const PowerSystemSchema = z.object({
  /** SMAD 11.4: peak-power tracking X_e 0.60, X_d 0.80; direct energy transfer 0.65, 0.85. */
  regulation: z.enum(['peak-power-tracking', 'direct-energy-transfer']).default('peak-power-tracking'),
  /** Battery depth of discharge. PHYSICS.md: 0.2-0.4 in LEO *assumption*. */
  batteryDod: z.number().gt(0).max(1).default(0.3),
  /** Battery transfer efficiency n. PHYSICS.md: about 0.9. */
  batteryEfficiency: z.number().gt(0).max(1).default(0.9),
  /** Installed battery capacity, Wh. 0 = sized to need (reported). *assumption*. */
  batteryCapacityWh: z.number().min(0).default(0),
  /** Battery specific energy, Wh/kg. *assumption* (Li-ion cells, packaged). */
  batteryWhPerKg: z.number().positive().default(150),
});
export type PowerSystem = z.infer<typeof PowerSystemSchema>;

export const ComputeSchema = z.object({
  /** Accelerator model label. PHYSICS.md Compute equivalence: H100 SXM 700 W TDP. */
  acceleratorModel: z.string().min(1).max(80).default('H100 SXM'),
  /** Accelerators per satellite. *assumption*: 64 (eight DGX-class boxes of 8). */
  acceleratorCount: z.number().int().min(0).max(1e6).default(64),
  /** Power per accelerator, W. PHYSICS.md: H100 SXM 700 W. */
  powerPerAcceleratorW: z.number().min(0).max(1e5).default(700),
  /** Host, network and conversion overhead per accelerator, W (DGX H100: 1.275 kW - 0.7 kW). */
  overheadPerAcceleratorW: z.number().min(0).max(1e5).default(575),
  /** Bus housekeeping power, W. *assumption*. */
  busPowerW: z.number().min(0).max(1e7).default(2000),
});
export type Compute = z.infer<typeof ComputeSchema>;

export const RadiatorSchema = z.object({
  /** Radiator area (one side), m^2. *assumption*. */
  areaM2: z.number().positive().max(1e7).default(160),
  /** Emissivity. PHYSICS.md Heat rejection: eps > 0.8; white silicate paint 0.90. */
  emissivity: z.number().gt(0).max(1).default(0.9),
  /** Solar absorptivity. PHYSICS.md: white silicate paint 0.12. */
  absorptivity: z.number().min(0).max(1).default(0.12),
  /** Radiating faces: two-sided radiators have 2. PHYSICS.md. */
  sides: z.union([z.literal(1), z.literal(2)]).default(2),
  /** Operating temperature, degC. PHYSICS.md: coolant 20-60 C *assumption*. */
  operatingTempC: z.number().min(-100).max(200).default(20),
  /** Orientation: edge-on to Earth (F = 0.258 at 550 km) or nadir-facing. PHYSICS.md. */
  orientation: z.enum(['edge-on', 'nadir']).default('edge-on'),
  /** Whether the Sun can fall on the radiator (edge-on to the Sun is the design aim). *assumption*. */
  sunOnRadiator: z.boolean().default(false),
});
export type Radiator = z.infer<typeof RadiatorSchema>;

export const MassCostSchema = z.object({
  /** Bus dry mass, kg. *assumption*. */
  busKg: z.number().min(0).default(1500),
  /** Solar array areal mass, kg/m^2. *assumption* (flexible arrays 1.5-3). */
  arrayKgPerM2: z.number().min(0).default(2),
  /** Radiator areal mass, kg/m^2. PHYSICS.md: about 5-7 *assumption*. */
  radiatorKgPerM2: z.number().min(0).default(6),
  /** Compute mass per accelerator including host and cooling loop, kg. *assumption*. */
  computeKgPerAccelerator: z.number().min(0).default(20),
  /** Launch cost, USD/kg. PHYSICS.md: Suncatcher $200/kg by mid-2030s. */
  launchUsdPerKg: z.number().min(0).default(200),
  /** Hardware cost per satellite, USD. *assumption*. */
  hardwareUsdPerSatellite: z.number().min(0).default(4_000_000),
});
export type MassCost = z.infer<typeof MassCostSchema>;

export const RadiationSchema = z.object({
  /**
   * Aluminium-equivalent shielding around the accelerators, mm (centre of a solid sphere). *assumption*:
   * 10 mm (structure, box walls and cold plates of a large satellite); docs/FEASIBILITY.md "Feasibility: radiation".
   */
  shieldingMmAl: z.number().min(0.5, 'below 0.5 mm the dose table does not apply').max(50, 'the dose table ends at 50 mm').default(10),
  /**
   * Total ionising dose the accelerators tolerate over the life, krad(Si). Google's Trillium TPU
   * proton test (Suncatcher, arXiv 2511.19468): HBM irregularities from about 2 krad(Si), no hard
   * failure up to 15 krad(Si); default 2 (first anomalies).
   */
  toleranceKrad: z.number().gt(0).max(10_000).default(2),
});
export type Radiation = z.infer<typeof RadiationSchema>;

export const PropulsionSchema = z.object({
  /**
   * Specific impulse of the station-keeping thruster, s. Electric by default: Hall thrusters
   * 1,500 s (SPT-100 class; Starlink's krypton Hall thrusters about 1,600 s). Chemical 220-320 s.
   */
  specificImpulseS: z.number().min(50).max(20_000).default(1500),
  /** Drag coefficient Cd. docs/PHYSICS.md: about 2.2 (Vallado; flat plates in free-molecular flow). */
  dragCoefficient: z.number().min(1).max(4).default(2.2),
  /** Bus cross-section facing the flow, m^2 (added to the arrays' and radiators' mean projected areas). *assumption*. */
  busFrontalAreaM2: z.number().min(0).max(1e6).default(10),
});
export type Propulsion = z.infer<typeof PropulsionSchema>;

export const DesignSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  solarArray: SolarArraySchema.prefault({}),
  power: PowerSystemSchema.prefault({}),
  compute: ComputeSchema.prefault({}),
  radiator: RadiatorSchema.prefault({}),
  mass: MassCostSchema.prefault({}),
  radiation: RadiationSchema.prefault({}),
  propulsion: PropulsionSchema.prefault({}),
});
export type Design = z.infer<typeof DesignSchema>;

/** The default design, fully populated. */
export function defaultDesign(id = 'default', name = '100 kW compute node'): Design {
  return DesignSchema.parse({ id, name });
}
