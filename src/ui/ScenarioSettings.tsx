/** Scenario-wide settings: name, description, epoch, analysis window and link options. */
import { useScenario, useWorkspace } from './workspace';
import type { Scenario } from '../core/scenario/schema';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { scenarioHint } from './schemaMeta';

export function ScenarioSettings() {
  const s = useScenario();
  const { actions } = useWorkspace();
  const ed = (key: string, fn: (s: Scenario) => Scenario) => {
    const r = actions.edit(fn, `scenario:${key}`);
    return r.ok ? null : r.errors;
  };
  const lh = (f: string) => scenarioHint('LinkOptionsSchema', f);
  const eh = (f: string) => scenarioHint('EnvironmentSchema', f);
  const vh = (f: string) => scenarioHint('LaunchVehicleSchema', f);
  return (
    <div>
      <div className="card">
        <div className="grid2">
          <TextField
            label="Scenario name"
            name="scenario.name"
            value={s.name}
            maxLength={200}
            wide
            commit={(v) => ed('name', (x) => ({ ...x, name: v }))}
          />
          <TextField
            label="Epoch of generated shells (UTC)"
            name="scenario.epoch"
            value={s.epoch}
            wide
            hint={scenarioHint('ScenarioSchema', 'epoch')}
            commit={(v) => ed('epoch', (x) => ({ ...x, epoch: v }))}
          />
        </div>
        <div className="field field-wide" style={{ marginTop: 4 }}>
          <label htmlFor="scenario-description">Description</label>
          <textarea
            id="scenario-description"
            rows={4}
            maxLength={5000}
            value={s.description}
            data-native-undo=""
            onChange={(e) => ed('description', (x) => ({ ...x, description: e.target.value }))}
          />
        </div>
      </div>
      <div className="card">
        <h3 style={{ marginTop: 0 }}>Analysis window (sampled mode)</h3>
        <div className="grid3">
          <TextField
            label="Start (UTC)"
            name="window.start"
            value={s.window.start}
            wide
            commit={(v) => ed('wstart', (x) => ({ ...x, window: { ...x.window, start: v } }))}
          />
          <NumberField
            label="Duration"
            unit="min"
            name="window.durationMin"
            value={s.window.durationMin}
            min={0}
            gt
            max={60 * 24 * 366}
            commit={(v) => ed('wdur', (x) => ({ ...x, window: { ...x.window, durationMin: v } }))}
          />
          <NumberField
            label="Step"
            unit="s"
            name="window.stepS"
            value={s.window.stepS}
            min={0}
            gt
            max={86400}
            commit={(v) => ed('wstep', (x) => ({ ...x, window: { ...x.window, stepS: v } }))}
          />
        </div>
      </div>
      <div className="card">
        <h3 style={{ marginTop: 0 }}>Links</h3>
        <CheckField
          label="Inter-satellite laser links (+Grid)"
          name="links.interSatelliteLinks"
          hint={lh('interSatelliteLinks')}
          value={s.links.interSatelliteLinks}
          commit={(v) => ed('isl', (x) => ({ ...x, links: { ...x.links, interSatelliteLinks: v } }))}
        />
        <div className="grid2">
          <NumberField
            label="Grazing altitude"
            unit="km"
            name="links.grazingAltitudeKm"
            hint={lh('grazingAltitudeKm')}
            value={s.links.grazingAltitudeKm}
            min={0}
            max={1000}
            commit={(v) => ed('graze', (x) => ({ ...x, links: { ...x.links, grazingAltitudeKm: v } }))}
          />
          <NumberField
            label="Per-hop processing"
            unit="ms"
            name="links.perHopProcessingMs"
            hint={lh('perHopProcessingMs')}
            value={s.links.perHopProcessingMs}
            min={0}
            max={100}
            commit={(v) => ed('hop', (x) => ({ ...x, links: { ...x.links, perHopProcessingMs: v } }))}
          />
          <NumberField
            label="Laser link rate"
            unit="Gbps"
            name="links.islRateGbps"
            hint={lh('islRateGbps')}
            value={s.links.islRateGbps}
            min={0}
            commit={(v) => ed('islr', (x) => ({ ...x, links: { ...x.links, islRateGbps: v } }))}
          />
          <NumberField
            label="Downlink rate"
            unit="Gbps"
            name="links.downlinkRateGbps"
            hint={lh('downlinkRateGbps')}
            value={s.links.downlinkRateGbps}
            min={0}
            commit={(v) => ed('dl', (x) => ({ ...x, links: { ...x.links, downlinkRateGbps: v } }))}
          />
        </div>
      </div>
      <div className="card">
        <h3 style={{ marginTop: 0 }}>Environment and launch (feasibility)</h3>
        <div className="grid2">
          <SelectField
            label="Solar activity (drag)"
            name="environment.solarActivity"
            hint={eh('solarActivity')}
            value={s.environment.solarActivity}
            options={[
              { value: 'low', label: 'low (F10.7 65)' },
              { value: 'moderate', label: 'moderate (F10.7 140)' },
              { value: 'high', label: 'high (F10.7 250)' },
            ]}
            commit={(v) => ed('sact', (x) => ({ ...x, environment: { ...x.environment, solarActivity: v } }))}
          />
          <NumberField
            label="Keep-out distance"
            unit="km"
            name="environment.keepOutKm"
            hint={eh('keepOutKm')}
            value={s.environment.keepOutKm}
            min={0}
            max={1000}
            commit={(v) => ed('keep', (x) => ({ ...x, environment: { ...x.environment, keepOutKm: v } }))}
          />
          <NumberField
            label="Shell band margin"
            unit="km"
            name="environment.shellMarginKm"
            hint={eh('shellMarginKm')}
            value={s.environment.shellMarginKm}
            min={0}
            max={500}
            commit={(v) => ed('band', (x) => ({ ...x, environment: { ...x.environment, shellMarginKm: v } }))}
          />
          <TextField
            label="Launch vehicle"
            name="launch.vehicle"
            value={s.launch.vehicle}
            maxLength={80}
            hint={vh('vehicle')}
            commit={(v) => ed('lv', (x) => ({ ...x, launch: { ...x.launch, vehicle: v } }))}
          />
          <NumberField
            label="Payload to the shells"
            unit="kg"
            name="launch.payloadKg"
            hint={vh('payloadKg')}
            value={s.launch.payloadKg}
            min={0}
            gt
            max={1e7}
            commit={(v) => ed('lpay', (x) => ({ ...x, launch: { ...x.launch, payloadKg: v } }))}
          />
          <NumberField
            label="Price per launch"
            unit="USD"
            name="launch.priceUsd"
            hint={vh('priceUsd')}
            value={s.launch.priceUsd}
            min={0}
            max={1e12}
            commit={(v) => ed('lprice', (x) => ({ ...x, launch: { ...x.launch, priceUsd: v } }))}
          />
          <NumberField
            label="Launches per year"
            unit="1/yr"
            name="launch.launchesPerYear"
            hint={vh('launchesPerYear')}
            value={s.launch.launchesPerYear}
            min={0}
            gt
            max={1e6}
            commit={(v) => ed('lrate', (x) => ({ ...x, launch: { ...x.launch, launchesPerYear: v } }))}
          />
        </div>
      </div>
    </div>
  );
}
