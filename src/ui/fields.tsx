/**
 * Form fields that validate as the user types. The text stays in the field while it is
 * invalid (nothing typed is lost); only a value that passes the field's own checks and the
 * caller's `commit` (which validates the whole scenario) reaches the store.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { clearDraft, getDraft, setDraft } from './drafts';
import { HelpBody, HelpButton, useHelpToggle } from './help';
import { fmtInt } from './format';

/** Errors from scenario validation look like "shells[0].altitudeKm: message": keep the message. */
export function fieldMessage(errors: string[]): string {
  return errors
    .map((e) => {
      const i = e.indexOf(': ');
      return i > 0 && /^[\w.[\]]+$/.test(e.slice(0, i)) ? e.slice(i + 2) : e;
    })
    .join('; ');
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(12)));
}

/** Parse what a person types as a number: accepts spaces and thousands separators "1,000,000", "1e6". */
export function parseTypedNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[\s_]/g, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export interface NumberCheck {
  min?: number;
  max?: number;
  /** Exclusive lower bound (zod .gt / .positive). */
  gt?: boolean;
  integer?: boolean;
}

/** The field's own check (range, integer). Returns a message or null. */
export function checkNumber(v: number | null, c: NumberCheck, unit = ''): string | null {
  const u = unit && unit !== 'fraction' ? ` ${unit}` : '';
  if (v === null) return 'must be a number';
  if (c.integer && !Number.isInteger(v)) return 'must be a whole number';
  if (c.min !== undefined && (c.gt ? v <= c.min : v < c.min)) return `must be ${c.gt ? 'above' : 'at least'} ${c.min}${u}`;
  if (c.max !== undefined && v > c.max) return `must be at most ${c.max}${u}`;
  return null;
}

/**
 * "Sweep this field": provided by the app, so a numeric editor field can open the trade study on
 * itself. `pathOf` maps a field's stable name to its scenario path (null: not sweepable).
 */
export interface SweepFieldAction {
  pathOf(name: string): string | null;
  sweep(path: string): void;
}
export const SweepFieldContext = createContext<SweepFieldAction | null>(null);

function SweepButton({ name, label }: { name: string; label: string }) {
  const ctx = useContext(SweepFieldContext);
  const path = ctx?.pathOf(name) ?? null;
  if (!ctx || !path) return null;
  return (
    <button
      type="button"
      className="field-sweep"
      aria-label={`Sweep ${label} in a trade study`}
      title={`Sweep ${label} in a trade study (${path})`}
      onClick={() => ctx.sweep(path)}
      data-sweep={path}
    >
      ⇄
    </button>
  );
}

interface FieldShellProps {
  id: string;
  label: string;
  unit?: string;
  hint?: string;
  /** Extra help line (default and range). */
  hintExtra?: string;
  error: string | null;
  children: ReactNode;
  wide?: boolean;
  /** Extra control after the unit (the sweep action). */
  action?: ReactNode;
  /** Valid values near the refused one, offered as one-click fixes. */
  suggestions?: ReadonlyArray<{ value: number; text: string }>;
  onSuggest?: (v: number) => void;
}

function FieldShell({ id, label, unit, hint, hintExtra, error, children, wide, action, suggestions, onSuggest }: FieldShellProps) {
  const help = useHelpToggle();
  return (
    <div className={`field${error ? ' field-invalid' : ''}${wide || help.open ? ' field-wide' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {hint ? <HelpButton label={label} open={help.open} onToggle={help.toggle} controls={help.id} /> : null}
      </div>
      {hint && help.open ? <HelpBody id={help.id} help={hint} extra={hintExtra} onClose={help.close} /> : null}
      <div className="field-input">
        {children}
        {unit ? <span className="unit">{unit}</span> : null}
        {action}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-err`} role="alert">
          {error}
        </div>
      ) : null}
      {error && suggestions && suggestions.length > 0 && onSuggest ? (
        <div className="field-suggest" data-testid="field-suggest">
          {suggestions.map((s) => (
            <button key={s.value} type="button" className="btn link" onClick={() => onSuggest(s.value)}>
              Use {s.text}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export interface NumberFieldProps extends NumberCheck {
  label: string;
  value: number;
  unit?: string;
  /** Hover text: the source of the default. */
  hint?: string;
  /** Stable name for tests and autofill, e.g. "shells.w500.altitudeKm". */
  name: string;
  /** Validate and store; returns errors (refused) or null (stored). */
  commit: (v: number) => string[] | null;
  step?: number;
  wide?: boolean;
  /** Extra help line (default and range). */
  hintExtra?: string;
  /** Valid values near a refused `v` (e.g. the nearest multiples of P for T). Range limits are offered without it. */
  suggest?: (v: number) => number[];
}

/** The message shown for a draft restored after a reload (re-checked locally, never applied). */
function draftError(local: string | null): string {
  return `${local ?? 'not applied: it was refused when typed'} (kept from before the reload)`;
}

/** Valid values next to a refused number: the field's own limits, then the caller's suggestions. */
export function nearbyValues(v: number | null, c: NumberCheck, suggest?: (v: number) => number[]): number[] {
  if (v === null || !Number.isFinite(v)) return [];
  const out: number[] = [];
  if (c.integer && !Number.isInteger(v)) out.push(Math.floor(v), Math.ceil(v));
  if (c.min !== undefined && !c.gt && v < c.min) out.push(c.min);
  if (c.max !== undefined && v > c.max) out.push(c.max);
  if (suggest) out.push(...suggest(v));
  const ok = (x: number) => Number.isFinite(x) && checkNumber(x, c) === null && x !== v;
  return [...new Set(out.filter(ok))].slice(0, 3);
}

export function NumberField(p: NumberFieldProps) {
  const id = useId();
  const draft = getDraft(p.name);
  const [text, setText] = useState(draft ?? formatNumber(p.value));
  const [error, setError] = useState<string | null>(
    draft === undefined ? null : draftError(checkNumber(parseTypedNumber(draft), p, p.unit)),
  );
  const [near, setNear] = useState<number[]>(() => (draft === undefined ? [] : nearbyValues(parseTypedNumber(draft), p, p.suggest)));
  const lastValue = useRef(p.value);
  // The store changed under us (undo/redo, another panel): show the stored value.
  useEffect(() => {
    if (!Object.is(lastValue.current, p.value)) {
      lastValue.current = p.value;
      setText(formatNumber(p.value));
      setError(null);
      setNear([]);
      clearDraft(p.name);
    }
  }, [p.value, p.name]);
  const onChange = (t: string) => {
    setText(t);
    const v = parseTypedNumber(t);
    const local = checkNumber(v, p, p.unit);
    if (local || v === null) {
      setError(local);
      setNear(nearbyValues(v, p, p.suggest));
      setDraft(p.name, t, p.label);
      return;
    }
    const errs = p.commit(v);
    if (errs && errs.length) {
      setError(fieldMessage(errs));
      setNear(nearbyValues(v, p, p.suggest));
      setDraft(p.name, t, p.label);
      return;
    }
    lastValue.current = v;
    setError(null);
    setNear([]);
    clearDraft(p.name);
  };
  return (
    <FieldShell
      id={id}
      label={p.label}
      unit={p.unit}
      hint={p.hint}
      hintExtra={p.hintExtra}
      error={error}
      wide={p.wide}
      action={<SweepButton name={p.name} label={p.label} />}
      suggestions={near.map((x) => ({ value: x, text: Math.abs(x) >= 1000 && Number.isInteger(x) ? fmtInt(x) : formatNumber(x) }))}
      onSuggest={(x) => onChange(formatNumber(x))}
    >
      <input
        id={id}
        name={p.name}
        data-field={p.name}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          if (!error) setText(formatNumber(p.value));
        }}
      />
    </FieldShell>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  name: string;
  hint?: string;
  hintExtra?: string;
  maxLength?: number;
  commit: (v: string) => string[] | null;
  wide?: boolean;
}

export function TextField(p: TextFieldProps) {
  const id = useId();
  const draft = getDraft(p.name);
  const [text, setText] = useState(draft ?? p.value);
  const [error, setError] = useState<string | null>(
    draft === undefined ? null : draftError(draft.trim() === '' ? 'must not be empty' : null),
  );
  const last = useRef(p.value);
  useEffect(() => {
    if (last.current !== p.value) {
      last.current = p.value;
      setText(p.value);
      setError(null);
      clearDraft(p.name);
    }
  }, [p.value, p.name]);
  const refuse = (t: string, msg: string) => {
    setError(msg);
    setDraft(p.name, t, p.label);
  };
  const onChange = (t: string) => {
    setText(t);
    if (t.trim() === '') return refuse(t, 'must not be empty');
    if (p.maxLength && t.length > p.maxLength) return refuse(t, `at most ${p.maxLength} characters`);
    const errs = p.commit(t);
    if (errs && errs.length) return refuse(t, fieldMessage(errs));
    last.current = t;
    setError(null);
    clearDraft(p.name);
  };
  return (
    <FieldShell id={id} label={p.label} hint={p.hint} hintExtra={p.hintExtra} error={error} wide={p.wide}>
      <input
        id={id}
        name={p.name}
        data-field={p.name}
        type="text"
        autoComplete="off"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  name: string;
  hint?: string;
  hintExtra?: string;
  options: ReadonlyArray<{ value: T; label: string; disabled?: boolean }>;
  commit: (v: T) => string[] | null;
  wide?: boolean;
}

export function SelectField<T extends string | number>(p: SelectFieldProps<T>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [p.value]);
  return (
    <FieldShell id={id} label={p.label} hint={p.hint} hintExtra={p.hintExtra} error={error} wide={p.wide}>
      <select
        id={id}
        name={p.name}
        data-field={p.name}
        value={String(p.value)}
        onChange={(e) => {
          const opt = p.options.find((o) => String(o.value) === e.target.value);
          if (!opt) return;
          const errs = p.commit(opt.value);
          setError(errs && errs.length ? fieldMessage(errs) : null);
        }}
      >
        {p.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckField(p: {
  label: string;
  value: boolean;
  name: string;
  hint?: string;
  hintExtra?: string;
  commit: (v: boolean) => string[] | null;
}) {
  const id = useId();
  const help = useHelpToggle();
  return (
    <div className={`field field-check${help.open ? ' field-wide' : ''}`}>
      <div className="field-label">
        <input id={id} type="checkbox" name={p.name} data-field={p.name} checked={p.value} onChange={(e) => p.commit(e.target.checked)} />
        <label htmlFor={id}>{p.label}</label>
        {p.hint ? <HelpButton label={p.label} open={help.open} onToggle={help.toggle} controls={help.id} /> : null}
      </div>
      {p.hint && help.open ? <HelpBody id={help.id} help={p.hint} extra={p.hintExtra} onClose={help.close} /> : null}
    </div>
  );
}
