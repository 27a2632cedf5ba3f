/** Scenario-wide settings: name, description, epoch, analysis window and link options. */
import { useScenario, useWorkspace } from '../app/context';
import type { Scenario } from '../core/scenario/schema';
import { CheckField, NumberField, TextField } from './fields';
import { scenarioHint } from './schemaMeta';

export function ScenarioSettings() {
  const s = useScenario();
  const { actions } = useWorkspace();
  const ed = (key: string, fn: (s: Scenario) => Scenario) => {
    const r = actions.edit(fn, `scenario:${key}`);
    return r.ok ? null : r.errors;
  };
  const lh = (f: string) => scenarioHint('LinkOptionsSchema', f);
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
    </div>
  );
}
