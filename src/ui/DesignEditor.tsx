/**
 * Satellite design editor: every parameter of the design schema with its unit, range and the
 * source of its default on hover; design presets; add, duplicate, remove.
 */
import { useMemo, useState } from 'react';
import { useScenario, useWorkspace } from './workspace';
import { DESIGN_PRESETS } from '../core/presets';
import type { Design } from '../core/scenario/design';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { fmtSig } from './format';
import { DESIGN_GROUPS, DESIGN_GROUP_LABELS, designFields, type DesignFieldMeta } from './schemaMeta';
import { addDesign as addDesignTo, designUsers, duplicateDesign, removeDesign, updateDesign } from '../core/scenario/operations';

const FIELDS = designFields();

function rangeText(f: DesignFieldMeta): string {
  if (f.kind.type !== 'number') return '';
  const lo = f.kind.min !== undefined ? `${f.kind.gt ? '>' : '≥'} ${fmtSig(f.kind.min)}` : '';
  const hi = f.kind.max !== undefined ? `≤ ${fmtSig(f.kind.max)}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}

/** The default and the allowed range, shown under the source in the field's help. */
export function defaultAndRange(f: DesignFieldMeta): string {
  const range = rangeText(f);
  return `Default: ${String(f.defaultValue)}${f.unit && f.unit !== 'fraction' ? ` ${f.unit}` : ''}${range ? ` · Range: ${range}` : ''}`;
}

export function DesignEditor() {
  const scenario = useScenario();
  const { actions } = useWorkspace();
  const [selId, setSelId] = useState<string | undefined>(scenario.designs[0]?.id);
  const design = scenario.designs.find((d) => d.id === selId) ?? scenario.designs[0];
  const users = useMemo(() => designUsers(scenario, design.id), [scenario, design.id]);

  const editDesign = (key: string, fn: (d: Design) => Design) => {
    const r = actions.edit((s) => updateDesign(s, design.id, fn), `design:${design.id}:${key}`);
    return r.ok ? null : r.errors;
  };
  const addDesign = (make: (id?: string) => Design) => {
    const proto = make();
    let id = '';
    const r = actions.edit((x) => {
      const a = addDesignTo(x, proto);
      id = a.id;
      return a.scenario;
    });
    if (r.ok) setSelId(id);
    else actions.post('error', r.errors.join('\n'));
  };
  const duplicate = () => {
    let id = '';
    const r = actions.edit((x) => {
      const d = duplicateDesign(x, design.id);
      id = d.id;
      return d.scenario;
    });
    if (r.ok) setSelId(id);
  };
  const remove = () => {
    const r = actions.edit((x) => removeDesign(x, design.id));
    if (!r.ok) actions.post('error', r.errors.join('\n'));
    else setSelId(scenario.designs.find((d) => d.id !== design.id)?.id);
  };
  const applyPreset = (key: string) => {
    const p = DESIGN_PRESETS.find((x) => x.key === key);
    if (!p) return;
    const made = p.make(design.id);
    const r = actions.edit((x) => updateDesign(x, design.id, () => ({ ...made, id: design.id })));
    if (!r.ok) actions.post('error', r.errors.join('\n'));
  };

  return (
    <div>
      <div className="card">
        <div className="grid2">
          <SelectField
            label="Design"
            name="design.select"
            value={design.id}
            options={scenario.designs.map((d) => ({ value: d.id, label: d.name }))}
            commit={(v) => {
              setSelId(v);
              return null;
            }}
            wide
          />
          <SelectField
            label="Load preset into this design"
            name="design.preset"
            value=""
            options={[
              { value: '', label: 'Choose a preset…', disabled: true },
              ...DESIGN_PRESETS.map((p) => ({ value: p.key, label: p.label })),
            ]}
            commit={(v) => {
              applyPreset(v);
              return null;
            }}
            wide
          />
        </div>
        <div className="btn-row" style={{ marginTop: 6 }}>
          {DESIGN_PRESETS.map((p) => (
            <button key={p.key} className="btn" onClick={() => addDesign(p.make)} title={`Add a new design from the "${p.label}" preset`}>
              + {p.label}
            </button>
          ))}
          <button className="btn" onClick={duplicate}>
            Duplicate
          </button>
          <button className="btn danger" onClick={remove} disabled={scenario.designs.length <= 1}>
            Remove
          </button>
        </div>
        <p className="muted" style={{ margin: '6px 0 0' }}>
          Flown by {users} shell(s). Press ? beside a field for the source of its default.
        </p>
      </div>
      <div className="card">
        <TextField
          label="Name"
          name={`design.${design.id}.name`}
          value={design.name}
          maxLength={120}
          commit={(v) => editDesign('name', (d) => ({ ...d, name: v }))}
          wide
        />
      </div>
      {DESIGN_GROUPS.map((g) => (
        <div className="card" key={g}>
          <h3 style={{ marginTop: 0 }}>{DESIGN_GROUP_LABELS[g]}</h3>
          <div className="grid2">
            {FIELDS.filter((f) => f.group === g).map((f) => (
              <DesignFieldInput key={`${design.id}.${g}.${f.key}`} design={design} meta={f} editDesign={editDesign} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function DesignFieldInput({
  design,
  meta: f,
  editDesign,
}: {
  design: Design;
  meta: DesignFieldMeta;
  editDesign: (key: string, fn: (d: Design) => Design) => string[] | null;
}) {
  const group = design[f.group] as Record<string, unknown>;
  const value = group[f.key];
  const set = (v: unknown) => editDesign(`${f.group}.${f.key}`, (d) => ({ ...d, [f.group]: { ...(d[f.group] as object), [f.key]: v } }));
  const name = `design.${design.id}.${f.group}.${f.key}`;
  const hint = f.source;
  const extra = defaultAndRange(f);
  const unit = f.unit === 'fraction' ? '' : f.unit;
  switch (f.kind.type) {
    case 'number':
      return (
        <NumberField
          label={f.label}
          name={name}
          unit={unit}
          hint={hint}
          hintExtra={extra}
          value={value as number}
          min={f.kind.min}
          max={f.kind.max}
          gt={f.kind.gt}
          integer={f.kind.integer}
          commit={(v) => set(v)}
        />
      );
    case 'enum':
      return (
        <SelectField
          label={f.label}
          name={name}
          hint={hint}
          hintExtra={extra}
          value={value as string | number}
          options={f.kind.options.map((o) => ({ value: o, label: String(o) }))}
          commit={(v) => set(v)}
          // a half-width select cuts labels such as "peak-power-tracking": long ones take the row
          wide={f.kind.options.some((o) => String(o).length > 12)}
        />
      );
    case 'boolean':
      return <CheckField label={f.label} name={name} hint={hint} hintExtra={extra} value={Boolean(value)} commit={(v) => set(v)} />;
    default:
      return (
        <TextField
          label={f.label}
          name={name}
          hint={hint}
          hintExtra={extra}
          value={String(value ?? '')}
          maxLength={f.kind.maxLength}
          commit={(v) => set(v)}
        />
      );
  }
}
