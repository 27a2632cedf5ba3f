/**
 * Field help that works without a mouse: a "?" button (a tab stop, with aria-expanded) opens a
 * small popover with the text; Escape or a second press closes it. The text comes from the
 * schema's doc comments, so it is cleaned for people first: raw markup (`*assumption*`, `m^2`,
 * `degC`) becomes readable units and an "Assumption" tag, and file citations become the name of
 * the source in plain words.
 */
import { useEffect, useId, useState } from 'react';

export interface ReadableHelp {
  /** The explanation, in plain words. */
  text: string;
  /** Where the figure comes from, in plain words (null when the comment names no source). */
  source: string | null;
  /** The default is an assumption of this planner (editable), not a published figure. */
  assumption: boolean;
}

const GREEK: Array<[RegExp, string]> = [
  [/\bgamma\b/g, 'γ'],
  [/\btheta\b/g, 'θ'],
  [/\bbeta\b/g, 'β'],
  [/\beta\b/g, 'η'],
  [/\bepsilon\b/g, 'ε'],
  [/\bsigma\b/g, 'σ'],
  [/\balpha\b/g, 'α'],
  [/\bpi\b/g, 'π'],
];

/** Units and symbols as people write them: m² not m^2, °C not degC. */
export function readableUnits(s: string): string {
  let t = s
    .replace(/\bkm\^2\b/g, 'km²')
    .replace(/\bm\^2\b/g, 'm²')
    .replace(/\bm\^3\b/g, 'm³')
    .replace(/\^2\b/g, '²')
    .replace(/\^4\b/g, '⁴')
    .replace(/\bdegC\b/g, '°C')
    .replace(/(\d) ?deg\b/g, '$1°')
    .replace(/\s*<=\s*/g, ' ≤ ')
    .replace(/\s*>=\s*/g, ' ≥ ')
    .replace(/ - (?=\d)/g, ' – ')
    .replace(/(\d)-(\d)/g, '$1–$2');
  for (const [re, g] of GREEK) t = t.replace(re, g);
  return t;
}

/** Sources named in the schema comments, in words a user can look up. */
const SOURCES: Array<[RegExp, string]> = [
  [/\bSMAD\b/, 'Space Mission Analysis and Design (Wertz & Larson)'],
  [/\bDGX H100\b/, 'NVIDIA DGX H100 specification'],
  [/\bH100 SXM\b/, 'NVIDIA H100 SXM specification'],
  [/\bStarcloud\b/, 'Starcloud white paper'],
  [/\bSuncatcher\b/, 'Google Project Suncatcher paper'],
  [/\bColossus\b/, 'xAI Colossus public figures'],
];

/** Turn a schema doc comment into help for people (see the module comment). */
export function readableHelp(raw: string): ReadableHelp {
  let s = raw;
  const assumption = /\*assumption\*/i.test(s);
  s = s.replace(/\s*\*assumption\*\s*[:.]?/gi, ' ');
  // "PHYSICS.md Electrical power: ..." / "PHYSICS.md (SMAD): ..." / "PHYSICS.md: ..." / "... PHYSICS.md."
  const sections: string[] = [];
  s = s.replace(
    /(?:\.\.\/shared\/design\/|docs\/)?PHYSICS\.md(?: \(([^)]*)\))?((?: [A-Z][\w-]*(?: [a-z][\w-]*)*)?)(:?)/g,
    (_m, paren, sec, colon) => {
      if (sec && colon) sections.push(String(sec).trim());
      else if (sec) return ` ${String(sec).trim()}`;
      if (paren) return ` ${paren}${colon}`;
      return ' ';
    },
  );
  const named = SOURCES.filter(([re]) => re.test(raw)).map(([, name]) => name);
  const parts = [...named];
  if (sections.length) parts.push(`the planner's physics notes, “${sections.join('”, “')}”`);
  else if (/PHYSICS\.md/.test(raw)) parts.push("the planner's physics notes");
  s = readableUnits(s)
    .replace(/\beps\b/g, 'ε')
    .replace(/\(\s+/g, '(')
    .replace(/[\s,;:]+\)/g, ')')
    .replace(/\(\)/g, '')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\.{2,}/g, '.')
    .replace(/\.\s+([a-z])/g, (_m, c: string) => `. ${c.toUpperCase()}`)
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s.:;,]+|[\s:;,]+$/g, '')
    .trim();
  if (s && !/[.!?)]$/.test(s)) s += '.';
  if (s) s = s.charAt(0).toUpperCase() + s.slice(1);
  return { text: s, source: parts.length ? parts.join('; ') : null, assumption };
}

/** Open/close state of one field's help; Escape closes it. */
export function useHelpToggle(): { open: boolean; toggle: () => void; close: () => void; id: string } {
  const [open, setOpen] = useState(false);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  return { open, toggle: () => setOpen((o) => !o), close: () => setOpen(false), id };
}

/** The "?" button: a tab stop that shows or hides the help below the field (a disclosure). */
export function HelpButton({ label, open, onToggle, controls }: { label: string; open: boolean; onToggle: () => void; controls: string }) {
  return (
    <button
      type="button"
      className="hint-mark"
      aria-label={`Help: ${label}`}
      aria-expanded={open}
      aria-controls={controls}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
      data-testid="help-mark"
    >
      ?
    </button>
  );
}

/** The help text of a field, shown under it while its "?" is pressed. */
export function HelpBody({ id, help, extra, onClose }: { id: string; help: string; extra?: string; onClose: () => void }) {
  const h = readableHelp(help);
  return (
    <div className="help-pop" id={id} role="note" data-testid="help-pop">
      {h.assumption ? <span className="help-tag">Assumption</span> : null}
      {h.text ? <span className="help-text">{h.text}</span> : null}
      {h.source ? <span className="help-source">Source: {h.source}</span> : null}
      {extra ? <span className="help-extra">{readableUnits(extra)}</span> : null}
      <button type="button" className="btn link" style={{ alignSelf: 'flex-end' }} onClick={onClose}>
        Close help
      </button>
    </div>
  );
}
