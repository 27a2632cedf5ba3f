/**
 * Field metadata of the scenario schema that needs no bundler: doc-comment parsing (the source of
 * each default), design parameter groups, units and labels from field names. Used by the editor
 * (src/ui/schemaMeta.ts) and by the feasibility report (src/core/report/html.ts).
 */

/**
 * Doc comments of object fields in a TypeScript source: key "<SchemaName>.<field>" ->
 * comment text. Handles single- and multi-line `/** ... *\/` comments directly above a
 * `field: z....` line inside `export const <Name> = z.object({`.
 */
export function parseFieldComments(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = src.split(/\r?\n/);
  let group = '';
  let pending: string[] | null = null;
  let inComment = false;
  let lastComment = '';
  for (const raw of lines) {
    const line = raw.trim();
    const g = /^(?:export\s+)?const\s+(\w+)\s*=/.exec(line);
    if (g) group = g[1];
    if (inComment) {
      const end = line.indexOf('*/');
      pending!.push(line.slice(0, end >= 0 ? end : undefined).replace(/^\*\s?/, ''));
      if (end >= 0) {
        inComment = false;
        lastComment = pending!.join(' ').replace(/\s+/g, ' ').trim();
        pending = null;
      }
      continue;
    }
    if (line.startsWith('/**')) {
      const body = line.slice(3);
      const end = body.indexOf('*/');
      if (end >= 0) lastComment = body.slice(0, end).trim();
      else {
        pending = [body];
        inComment = true;
      }
      continue;
    }
    const f = /^(\w+)\s*:/.exec(line);
    if (f && lastComment && group) out.set(`${group}.${f[1]}`, lastComment);
    if (line !== '') lastComment = f ? '' : lastComment && line.startsWith('//') ? lastComment : '';
  }
  return out;
}

export const DESIGN_GROUPS = ['solarArray', 'power', 'compute', 'radiator', 'mass', 'radiation', 'propulsion'] as const;
export type DesignGroup = (typeof DESIGN_GROUPS)[number];
export const DESIGN_GROUP_LABELS: Record<DesignGroup, string> = {
  solarArray: 'Solar array',
  power: 'Power system',
  compute: 'Compute payload',
  radiator: 'Radiator',
  mass: 'Mass and cost',
  radiation: 'Radiation',
  propulsion: 'Propulsion and drag',
};
export const GROUP_SCHEMA_NAME: Record<DesignGroup, string> = {
  solarArray: 'SolarArraySchema',
  power: 'PowerSystemSchema',
  compute: 'ComputeSchema',
  radiator: 'RadiatorSchema',
  mass: 'MassCostSchema',
  radiation: 'RadiationSchema',
  propulsion: 'PropulsionSchema',
};
/** Unit from the field name's suffix (the project names carry units). */
export function unitFromName(key: string): string {
  const rules: Array<[RegExp, string]> = [
    [/UsdPerKg$/, 'USD/kg'],
    [/MmAl$/, 'mm Al'],
    [/Krad$/, 'krad(Si)'],
    [/ImpulseS$/, 's'],
    [/Usd$/, 'USD'],
    [/KgPerM2$/, 'kg/m²'],
    [/KgPerAccelerator$/, 'kg'],
    [/WhPerKg$/, 'Wh/kg'],
    [/UsdPer\w+$/, 'USD'],
    [/PerC$/, '1/°C'],
    [/PerYear$/, '1/yr'],
    [/Years$/, 'yr'],
    [/M2$/, 'm²'],
    [/Wh$/, 'Wh'],
    [/W$/, 'W'],
    [/Kg$/, 'kg'],
    [/TempC$/, '°C'],
    [/Km$/, 'km'],
    [/Deg$/, 'deg'],
    [/Hours$/, 'h'],
    [/Ms$/, 'ms'],
    [/Gbps$/, 'Gbps'],
  ];
  for (const [re, u] of rules) if (re.test(key)) return u;
  if (/(Efficiency|Factor|Degradation|Dod|ivity)$/.test(key)) return 'fraction';
  if (key === 'dragCoefficient') return '';
  return '';
}

const LABEL_OVERRIDES: Record<string, string> = {
  batteryDod: 'Battery depth of discharge',
  tempCoeffPerC: 'Temperature coefficient',
  cellTempC: 'Cell temperature',
  operatingTempC: 'Operating temperature',
  hardwareUsdPerSatellite: 'Hardware cost per satellite',
  launchUsdPerKg: 'Launch cost',
  computeKgPerAccelerator: 'Compute mass per accelerator',
  arrayKgPerM2: 'Array areal mass',
  radiatorKgPerM2: 'Radiator areal mass',
  batteryWhPerKg: 'Battery specific energy',
  degradationPerYear: 'Degradation per year',
  overheadPerAcceleratorW: 'Overhead per accelerator',
  powerPerAcceleratorW: 'Power per accelerator',
  sunOnRadiator: 'Sun falls on radiator',
  busKg: 'Bus dry mass',
  areaM2: 'Area',
  shieldingMmAl: 'Shielding',
  toleranceKrad: 'Dose tolerance',
  specificImpulseS: 'Specific impulse',
  dragCoefficient: 'Drag coefficient',
  busFrontalAreaM2: 'Bus frontal area',
};

/** "inherentDegradation" -> "Inherent degradation" (unit suffix dropped). */
export function labelFromKey(key: string): string {
  if (LABEL_OVERRIDES[key]) return LABEL_OVERRIDES[key];
  const stem = key.replace(/(M2|Wh|W|Kg|C|Years|Km|Deg|Hours|Ms)$/, '');
  const words = stem.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
