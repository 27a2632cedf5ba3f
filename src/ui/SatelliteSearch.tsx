/**
 * Type-ahead satellite search over the 3D view: name, catalogue number or international
 * designator (src/core/fleet/search.ts). The WAI-ARIA combobox pattern: focus stays in the field,
 * Arrow Up/Down move through the list, Enter (or a click or tap) picks, Escape closes the list and
 * then clears the field. `/` anywhere outside a text field focuses it. Picking hands the
 * satellite id to `onPick` (the page selects it, turns the camera to it and the inspector shows it).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Fleet } from '../core/fleet/fleet';
import { type SatelliteHit, searchSatellites } from '../core/fleet/search';
import { fmtInt } from './format';

const LIMIT = 8;

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const t = el.tagName;
  return t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT' || (el as HTMLElement).isContentEditable;
}

function detail(h: SatelliteHit): string {
  const parts: string[] = [];
  if (h.noradId >= 0) parts.push(`NORAD ${h.noradId}`);
  if (h.objectId) parts.push(h.objectId);
  if (h.shellName) parts.push(h.shellName);
  return parts.join(' · ');
}

export function SatelliteSearch({ fleet, onPick }: { fleet: Fleet | null; onPick: (id: number) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hits = useMemo(() => (open ? searchSatellites(fleet, query, LIMIT) : []), [fleet, query, open]);
  useEffect(() => setActive(0), [query]);

  // '/' focuses the search from anywhere but a text field or an open dialog
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTyping(document.activeElement) || document.querySelector('dialog[open], [aria-modal="true"]')) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pick = (h: SatelliteHit | undefined) => {
    if (!h) return;
    setQuery(h.name);
    setOpen(false);
    onPick(h.id);
  };

  const expanded = open && query.trim().length > 0;
  const optionId = (k: number) => `${listId}-opt-${k}`;
  return (
    <div className="sat-search" data-testid="sat-search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search satellites by name, catalogue number or international designator (press / to focus)"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && hits.length > 0 ? optionId(active) : undefined}
        placeholder="Find satellite… ( / )"
        autoComplete="off"
        spellCheck={false}
        value={query}
        data-testid="sat-search-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => query && setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!expanded) {
              setOpen(true);
              return;
            }
            const n = hits.length;
            if (n > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
          } else if (e.key === 'Enter') {
            if (expanded) {
              e.preventDefault();
              pick(hits[active]);
            }
          } else if (e.key === 'Escape') {
            // first Escape closes the list, the second clears the field; the view's own Escape does not run
            e.preventDefault();
            e.stopPropagation();
            if (expanded) setOpen(false);
            else setQuery('');
          }
        }}
      />
      {expanded ? (
        <div id={listId} role="listbox" aria-label="Matching satellites" className="sat-search-list" data-testid="sat-search-list">
          {hits.length === 0 ? (
            <div className="muted" role="presentation">
              No satellite matches “{query.trim().slice(0, 40)}” among {fmtInt(fleet?.count ?? 0)}
            </div>
          ) : (
            hits.map((h, k) => (
              <div
                key={h.id}
                id={optionId(k)}
                role="option"
                tabIndex={-1}
                aria-selected={k === active}
                className={k === active ? 'active' : undefined}
                data-testid="sat-search-option"
                data-id={h.id}
                // pointerdown, not click: the field's blur would close the list first
                onPointerDown={(e) => {
                  e.preventDefault();
                  pick(h);
                }}
                onMouseEnter={() => setActive(k)}
              >
                <span className="name">{h.name}</span>
                <span className="muted">{detail(h)}</span>
              </div>
            ))
          )}
        </div>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {expanded ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}` : ''}
      </span>
    </div>
  );
}
