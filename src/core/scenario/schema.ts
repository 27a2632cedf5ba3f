/**
 * The scenario document: versioned JSON, validated with zod. Everything the planner knows
 * about a study lives here; the fleet is derived from it (src/core/fleet).
 */
import './zodConfig';
import { z } from 'zod';
import { DesignSchema } from './design';

/**
 * Version 2 (feasibility beyond power and heat) added `environment`, `launch` and the designs'
 * `radiation` and `propulsion` groups; version 1 documents migrate in load.ts (defaults filled).
 */
export const SCENARIO_VERSION = 2;

const isoUtc = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'must be a UTC ISO 8601 time such as 2026-03-20T12:00:00Z',
  });

const altitudeKm = z.number().min(160, 'altitude below 160 km decays within days').max(40_000);
const common = {
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  /** Design id (Scenario.designs[].id) flown on this shell. */
  designId: z.string().min(1).max(64),
  enabled: z.boolean().default(true),
};

/** Walker delta (planes over 360 deg) or star (planes over 180 deg): i:T/P/F. PHYSICS.md Orbits. */
export const WalkerShellSchema = z
  .object({
    ...common,
    kind: z.enum(['walker-delta', 'walker-star']),
    altitudeKm,
    inclinationDeg: z.number().min(0).max(180),
    totalSatellites: z.number().int().min(1).max(2_000_000),
    planes: z.number().int().min(1).max(100_000),
    phasing: z.number().int().min(0),
    eccentricity: z.number().min(0).max(0.1).default(0),
    raanOffsetDeg: z.number().min(-360).max(360).default(0),
    argPerigeeDeg: z.number().min(0).max(360).default(0),
  })
  .superRefine((s, ctx) => {
    if (s.totalSatellites % s.planes !== 0)
      ctx.addIssue({ code: 'custom', path: ['totalSatellites'], message: `T = ${s.totalSatellites} is not a multiple of P = ${s.planes}` });
    if (s.phasing >= s.planes)
      ctx.addIssue({ code: 'custom', path: ['phasing'], message: `F = ${s.phasing} must be below P = ${s.planes}` });
  });

/** Dawn-dusk sun-synchronous: inclination from the J2 condition. PHYSICS.md Orbits. */
export const SsoShellSchema = z.object({
  ...common,
  kind: z.literal('sso-dawn-dusk'),
  altitudeKm: altitudeKm.max(6000, 'sun-synchronous orbits exist only below about 5,970 km'),
  /** Local time of the ascending node, hours: 6 (dawn) or 18 (dusk). */
  ltanHours: z.union([z.literal(6), z.literal(18)]),
  planes: z.number().int().min(1).max(100_000),
  satellitesPerPlane: z.number().int().min(1).max(1_000_000),
  /** Phase offset between adjacent planes, in units of 360/T deg (Walker F). */
  phasing: z.number().int().min(0).default(0),
  /** Total RAAN spread of the planes around the LTAN node, deg (0 = all in one plane family). */
  raanSpreadDeg: z.number().min(0).max(30).default(0),
  /**
   * Arc of the orbit the satellites of a plane spread over, deg: 360 spreads them evenly round the
   * orbit; a small arc makes a formation-flying cluster (Suncatcher: 81 satellites within 1 km).
   */
  inPlaneArcDeg: z.number().gt(0).max(360).default(360),
});

/** Satellites from an imported element file (TLE / OMM). The elements ride along in `records`. */
export const ImportedShellSchema = z.object({
  ...common,
  kind: z.literal('imported'),
  /** Original file name, for the report. */
  source: z.string().max(500).default(''),
  /** The element file's text (TLE or OMM); parsed into the fleet on load. */
  text: z.string(),
  /** Accept records whose TLE checksum is wrong (with a warning). */
  acceptBadChecksums: z.boolean().default(false),
});

export const ShellSchema = z.union([WalkerShellSchema, SsoShellSchema, ImportedShellSchema]);
export type WalkerShell = z.infer<typeof WalkerShellSchema>;
export type SsoShell = z.infer<typeof SsoShellSchema>;
export type ImportedShell = z.infer<typeof ImportedShellSchema>;
export type Shell = z.infer<typeof ShellSchema>;

export const GroundStationSchema = z.object({
  name: z.string().min(1).max(120),
  latDeg: z.number().min(-90).max(90),
  lonDeg: z.number().min(-180).max(360),
  altitudeKm: z.number().min(-0.5).max(9),
  /** Elevation mask, deg. PHYSICS.md Latency: Starlink 25, Kuiper 30, Telesat 10. */
  minElevationDeg: z.number().min(0).max(90).default(25),
});
export type GroundStation = z.infer<typeof GroundStationSchema>;

export const AnalysisWindowSchema = z.object({
  start: isoUtc,
  durationMin: z
    .number()
    .positive()
    .max(60 * 24 * 366),
  stepS: z.number().positive().max(86_400),
});
export type AnalysisWindow = z.infer<typeof AnalysisWindowSchema>;

export const LinkOptionsSchema = z.object({
  /** Inter-satellite laser links in a +Grid mesh (Hypatia). */
  interSatelliteLinks: z.boolean().default(true),
  /** Links must clear this grazing altitude, km. PHYSICS.md: 80 km. */
  grazingAltitudeKm: z.number().min(0).max(1000).default(80),
  /** Per-hop processing delay, ms. *assumption* (PHYSICS.md: measured RTT far above propagation). */
  perHopProcessingMs: z.number().min(0).max(100).default(0.1),
  /** Laser link rate, Gbps. PHYSICS.md: 100-200. */
  islRateGbps: z.number().min(0).default(100),
  /** Ground downlink rate, Gbps. PHYSICS.md: optical 200 (TBIRD), Ka 1-3. */
  downlinkRateGbps: z.number().min(0).default(200),
});
export type LinkOptions = z.infer<typeof LinkOptionsSchema>;

export const EnvironmentSchema = z.object({
  /**
   * Solar and geomagnetic activity for the atmosphere (drag, decay): NRLMSISE-00 at F10.7 = 65 / 140 / 250,
   * Ap = 0 / 15 / 45 (ECSS-E-ST-10-04C low / moderate / high long-term). docs/FEASIBILITY.md "Feasibility: drag".
   */
  solarActivity: z.enum(['low', 'moderate', 'high']).default('moderate'),
  /** Keep-out distance between two satellites of a shell, km: shells closer than this are flagged. *assumption*. */
  keepOutKm: z.number().min(0).max(1000).default(1),
  /** Margin added either side of a shell's altitude band (perigee to apogee of the flown states), km. *assumption*. */
  shellMarginKm: z.number().min(0).max(500).default(10),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const LaunchVehicleSchema = z.object({
  /** Vehicle label for the report. *assumption*: a fully reusable Starship-class vehicle. */
  vehicle: z.string().min(1).max(80).default('Starship-class'),
  /** Payload to the shells' altitudes, kg. *assumption*: SpaceX's public 100-150 t to LEO claim, low end. */
  payloadKg: z.number().positive().max(1e7).default(100_000),
  /** Price per launch, USD. *assumption*: 100 t at Suncatcher's $200/kg = $20 M. */
  priceUsd: z.number().min(0).max(1e12).default(20_000_000),
  /** Launches per year available to the constellation. *assumption*. */
  launchesPerYear: z.number().positive().max(1e6).default(100),
});
export type LaunchVehicle = z.infer<typeof LaunchVehicleSchema>;

export const ScenarioSchema = z
  .object({
    /** Version 1 documents parse too (their new groups take the defaults); the output is always the current version. */
    version: z.union([z.literal(1), z.literal(SCENARIO_VERSION)]).transform((): typeof SCENARIO_VERSION => SCENARIO_VERSION),
    name: z.string().min(1).max(200),
    description: z.string().max(5000).default(''),
    /** Epoch of generated shells (UTC ISO 8601). */
    epoch: isoUtc,
    shells: z.array(ShellSchema).max(10_000),
    designs: z.array(DesignSchema).min(1).max(1000),
    groundStations: z.array(GroundStationSchema).max(10_000),
    window: AnalysisWindowSchema,
    links: LinkOptionsSchema.prefault({}),
    environment: EnvironmentSchema.prefault({}),
    launch: LaunchVehicleSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    const designIds = new Set(s.designs.map((d) => d.id));
    if (designIds.size !== s.designs.length) ctx.addIssue({ code: 'custom', path: ['designs'], message: 'design ids must be unique' });
    const shellIds = new Set<string>();
    s.shells.forEach((sh, i) => {
      if (!designIds.has(sh.designId))
        ctx.addIssue({ code: 'custom', path: ['shells', i, 'designId'], message: `unknown design "${sh.designId}"` });
      if (shellIds.has(sh.id)) ctx.addIssue({ code: 'custom', path: ['shells', i, 'id'], message: `duplicate shell id "${sh.id}"` });
      shellIds.add(sh.id);
    });
  });
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
