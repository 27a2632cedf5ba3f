/**
 * Element-file import: pick or drop a TLE / OMM file, see the report (accepted, rejected with
 * line and reason, warnings) and only then apply it as an imported shell.
 */
import { usePopupFocus } from '../render/focus';
import { useEffect, useId, useRef, useState } from 'react';
import { useScenario, useWorkspace } from './workspace';
import { Cancelled, parseElementFile } from '../engine/elementsClient';
import type { ImportResult } from '../core/elements';
import type { ImportedShell } from '../core/scenario/schema';
import { fmtInt } from './format';
import { uniqueId } from '../core/scenario/operations';

const MAX_ROWS = 500;
/** Element files above this are refused (the scenario keeps the text). */
export const MAX_ELEMENT_FILE_BYTES = 256 * 1024 * 1024;

const FORMAT_LABEL: Record<string, string> = {
  tle: 'TLE',
  'omm-json': 'OMM JSON',
  'omm-csv': 'OMM CSV',
  'omm-xml': 'OMM XML',
  'omm-kvn': 'OMM KVN',
  unknown: 'unrecognised',
};

export function ImportDialog({ initialFile, onClose }: { initialFile: File | null; onClose: () => void }) {
  const scenario = useScenario();
  const { actions, store, services } = useWorkspace();
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string; blob: Blob } | null>(null);
  const [accept, setAccept] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [designId, setDesignId] = useState(scenario.designs[0].id);
  const abortRef = useRef<AbortController | null>(null);
  const nameId = useId();
  const designSel = useId();
  const [name, setName] = useState('');

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => abortRef.current?.abort();
  }, []);

  const parse = async (f: { name: string; text: string; blob: Blob }, acceptBad: boolean) => {
    abortRef.current?.abort();
    const ac = new AbortController();
    abortRef.current = ac;
    setBusy(true);
    setError(null);
    setResult(null);
    const task = actions.startTask(`Reading ${f.name}`, () => ac.abort());
    try {
      const r = await parseElementFile(
        f.blob,
        f.text,
        { acceptBadChecksums: acceptBad },
        (fr, n) => actions.progressTask(task, fr, `${fmtInt(n)} records`),
        ac.signal,
      );
      setResult(r);
    } catch (e) {
      setError(e instanceof Cancelled ? 'Reading was cancelled.' : `Could not read ${f.name}: ${(e as Error).message}`);
    } finally {
      actions.endTask(task);
      setBusy(false);
    }
  };

  const load = async (f: File) => {
    if (f.size > MAX_ELEMENT_FILE_BYTES) {
      setError(
        `${f.name} is ${fmtInt(f.size / 2 ** 20)} MB: larger than the ${MAX_ELEMENT_FILE_BYTES / 2 ** 20} MB the planner keeps in a ` +
          `scenario.`,
      );
      return;
    }
    let text: string;
    try {
      text = await f.text();
    } catch (e) {
      setError(`Could not read ${f.name}: ${(e as Error).message}`);
      return;
    }
    const entry = { name: f.name, text, blob: f as Blob };
    setFile(entry);
    setName(f.name.replace(/\.[^.]+$/, '').slice(0, 120) || 'Imported');
    await parse(entry, accept);
  };

  useEffect(() => {
    if (initialFile) void load(initialFile);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialFile]);

  const apply = () => {
    if (!file || !result || result.accepted === 0) return;
    const s = store.getState().history.present;
    const id = uniqueId(
      `import-${
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .slice(0, 40) || 'elements'
      }`,
      s.shells.map((x) => x.id),
    );
    const shell: ImportedShell = {
      id,
      name: name.trim() || 'Imported',
      designId,
      enabled: true,
      kind: 'imported',
      source: file.name.slice(0, 500),
      text: file.text,
      acceptBadChecksums: accept,
    };
    services.elements.seedImport(id, file.text, accept, result);
    const r = actions.edit((x) => ({ ...x, shells: [...x.shells, shell] }));
    if (!r.ok) {
      setError(r.errors.join('\n'));
      return;
    }
    store.setState({ selectedShellId: id });
    actions.post(
      result.rejected.length ? 'warning' : 'info',
      `Imported ${fmtInt(result.accepted)} satellites ` +
        `from ${file.name}${result.rejected.length ? `; ${fmtInt(result.rejected.length)} records rejected` : ''}.`,
    );
    close();
  };

  const close = () => {
    abortRef.current?.abort();
    ref.current?.close();
    onClose();
  };
  usePopupFocus(ref, { onClose: close });

  const rejected = result?.rejected ?? [];
  const warnings = result?.warnings ?? [];
  const checksumRejects = rejected.filter((r) => /checksum/i.test(r.reason)).length;

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby="import-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      data-testid="import-dialog"
    >
      <div className="modal-head">
        <span className="title" id="import-title">
          Import element file
        </span>
        <button className="btn icon" aria-label="Close" onClick={close}>
          ×
        </button>
      </div>
      <div className="modal-body">
        <div
          className={`dropzone${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setOver(false);
            const f = e.dataTransfer.files?.[0];
            if (f) void load(f);
          }}
        >
          Drop a TLE, OMM JSON, OMM CSV, OMM XML or OMM KVN file here, or{' '}
          <button className="btn" onClick={() => inputRef.current?.click()}>
            choose a file…
          </button>
          <input
            ref={inputRef}
            type="file"
            className="sr-only"
            aria-label="Element file"
            data-testid="import-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void load(f);
            }}
          />
          <div className="muted" style={{ marginTop: 4 }}>
            The format is detected from the content. Nothing changes until you apply the import.
          </div>
        </div>
        {error ? (
          <div className="banner error" role="alert" style={{ marginTop: 8 }}>
            {error}
          </div>
        ) : null}
        {busy ? <p className="muted">Reading {file?.name}…</p> : null}
        {result && file ? (
          <div data-testid="import-report" style={{ marginTop: 8 }}>
            <p>
              <b>{file.name}</b>: {FORMAT_LABEL[result.format] ?? result.format}, {fmtInt(result.accepted + rejected.length)} records read.
            </p>
            <dl className="stats">
              <dt>Accepted</dt>
              <dd data-testid="import-accepted">{fmtInt(result.accepted)}</dd>
              <dt>Rejected</dt>
              <dd data-testid="import-rejected">{fmtInt(rejected.length)}</dd>
              <dt>Warnings</dt>
              <dd data-testid="import-warnings">{fmtInt(warnings.length)}</dd>
            </dl>
            <div className="field field-check">
              <input
                id={`${nameId}-acc`}
                type="checkbox"
                checked={accept}
                onChange={(e) => {
                  setAccept(e.target.checked);
                  void parse(file, e.target.checked);
                }}
              />
              <label htmlFor={`${nameId}-acc`}>
                Accept records with wrong TLE checksums (each gets a warning)
                {checksumRejects ? ` — ${fmtInt(checksumRejects)} rejected for that` : ''}
              </label>
            </div>
            {rejected.length ? <IssueTable title="Rejected records" issues={rejected} /> : null}
            {warnings.length ? <IssueTable title="Warnings" issues={warnings} /> : null}
            <div className="grid2" style={{ marginTop: 8 }}>
              <div className="field">
                <label htmlFor={nameId}>Shell name</label>
                <input id={nameId} type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={designSel}>Design flown</label>
                <select id={designSel} value={designId} onChange={(e) => setDesignId(e.target.value)}>
                  {scenario.designs.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
        ) : null}
      </div>
      <div className="modal-foot">
        <button className="btn" onClick={close}>
          Cancel
        </button>
        <button
          className="btn primary"
          disabled={!result || busy || result.accepted === 0 || name.trim() === ''}
          onClick={apply}
          data-testid="import-apply"
        >
          {result ? `Add ${fmtInt(result.accepted)} satellites as a shell` : 'Apply'}
        </button>
      </div>
    </dialog>
  );
}

function IssueTable({ title, issues }: { title: string; issues: ImportResult['rejected'] }) {
  return (
    <>
      <h3>
        {title} ({fmtInt(issues.length)}
        {issues.length > MAX_ROWS ? `, first ${MAX_ROWS} shown` : ''})
      </h3>
      <div className="reject-list">
        <table className="data">
          <thead>
            <tr>
              <th>Line</th>
              <th>Reason</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, MAX_ROWS).map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, read-only list of issues: the index is its identity
              <tr key={i}>
                <td>{r.line}</td>
                <td>{r.reason}</td>
                <td className="mono">{r.text ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
