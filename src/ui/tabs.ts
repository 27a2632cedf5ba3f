/** Arrow-key navigation for a role="tablist" (WAI-ARIA tabs pattern): Left/Right/Home/End move and select. */
import type { KeyboardEvent } from 'react';

export function onTablistKey<T extends string>(
  e: KeyboardEvent<HTMLElement>,
  keys: readonly T[],
  current: T,
  select: (k: T) => void,
): void {
  const i = keys.indexOf(current);
  let j = -1;
  if (e.key === 'ArrowRight') j = (i + 1) % keys.length;
  else if (e.key === 'ArrowLeft') j = (i - 1 + keys.length) % keys.length;
  else if (e.key === 'Home') j = 0;
  else if (e.key === 'End') j = keys.length - 1;
  if (j < 0) return;
  e.preventDefault();
  select(keys[j]);
  const buttons = e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]');
  buttons[j]?.focus();
}
