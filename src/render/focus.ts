/**
 * Focus handling shared by every pop-up (menus, dialogs, the search list, the viewer's own menus;
 * here in src/render so the viewer overlays and src/ui both use it), after the WAI-ARIA
 * Authoring Practices dialog and menu-button patterns: opening moves focus into the pop-up,
 * Tab and Shift+Tab stay inside it, Escape closes it, and closing gives focus back to what had it
 * before (the button that opened it), however the pop-up was closed.
 */
import { type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** The elements Tab reaches inside `root`, in order (visible ones only). */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[inert]') && (el.offsetParent !== null || el.getClientRects().length > 0) && el.tabIndex >= 0,
  );
}

export interface PopupFocusOptions {
  /** Called on Escape (and by the owner's other ways to close). */
  onClose: () => void;
  /** Keep Tab inside the pop-up (default true). */
  trap?: boolean;
  /** Element to focus first (default: the first [autofocus] element, else the first focusable one, else the pop-up). */
  initial?: () => HTMLElement | null | undefined;
  /** Escape closes (default true). */
  escape?: boolean;
  /** Move focus into the pop-up on open (default true; false for a pop-up open from the start, e.g. an embed option). */
  takeFocus?: boolean;
  /** Arrow Up/Down (and Home/End) move between the items, as in a menu (default false). */
  arrows?: boolean;
}

/**
 * While the component using it is mounted, `ref`'s element is an open pop-up. Mount it with the
 * pop-up (not before): focus moves in on mount and returns to the opener on unmount.
 */
export function usePopupFocus(ref: RefObject<HTMLElement | null>, opts: PopupFocusOptions): void {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  // The opener is what had focus when the pop-up first rendered: before any effect (a modal
  // <dialog>'s showModal, autofocus) moved focus into it.
  const openerRef = useRef<HTMLElement | null | undefined>(undefined);
  if (openerRef.current === undefined) {
    const a = typeof document === 'undefined' ? null : document.activeElement;
    openerRef.current = a instanceof HTMLElement && a !== document.body ? a : null;
  }
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const opener = openerRef.current ?? null;
    const first = optsRef.current.initial?.() ?? root.querySelector<HTMLElement>('[autofocus]') ?? focusableIn(root)[0];
    if (optsRef.current.takeFocus !== false && !root.contains(document.activeElement)) {
      if (first) first.focus();
      else {
        if (!root.hasAttribute('tabindex')) root.setAttribute('tabindex', '-1');
        root.focus();
      }
    }
    const onKey = (e: KeyboardEvent) => {
      const o = optsRef.current;
      if (e.key === 'Escape' && o.escape !== false) {
        // the innermost pop-up closes first; a field's own Escape (help, search) has already run
        if (e.defaultPrevented) return;
        e.preventDefault();
        e.stopPropagation();
        o.onClose();
        return;
      }
      if (o.arrows && (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End')) {
        const items = focusableIn(root);
        if (items.length === 0) return;
        const at = items.indexOf(document.activeElement as HTMLElement);
        const n = items.length;
        const next = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : e.key === 'ArrowDown' ? (at + 1) % n : (at - 1 + n) % n;
        e.preventDefault();
        items[next].focus();
        return;
      }
      if (e.key !== 'Tab' || o.trap === false) return;
      const items = focusableIn(root);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const at = items.indexOf(document.activeElement as HTMLElement);
      if (e.shiftKey && (at <= 0 || !root.contains(document.activeElement))) {
        e.preventDefault();
        items[items.length - 1].focus();
      } else if (!e.shiftKey && (at === items.length - 1 || !root.contains(document.activeElement))) {
        e.preventDefault();
        items[0].focus();
      }
    };
    root.addEventListener('keydown', onKey);
    return () => {
      root.removeEventListener('keydown', onKey);
      // Give focus back when it was inside the pop-up (or fell to the page body as the pop-up went).
      const a = document.activeElement;
      if (opener?.isConnected && (a === null || a === document.body || root.contains(a))) opener.focus();
    };
  }, [ref]);
}
