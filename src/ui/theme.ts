/**
 * The page theme: dark (the planner's look) or light. Until the user chooses, it follows the
 * system's prefers-color-scheme (light only when the system asks for light; dark otherwise, and
 * when the browser says nothing). The choice (Auto, Dark, Light) is kept in localStorage.
 */
export type Theme = 'dark' | 'light';
export type ThemeChoice = 'system' | Theme;

export const THEME_KEY = 'odc-theme';
export const THEME_CHOICES: ReadonlyArray<[ThemeChoice, string]> = [
  ['system', 'Auto'],
  ['dark', 'Dark'],
  ['light', 'Light'],
];

const LIGHT_QUERY = '(prefers-color-scheme: light)';

export function readThemeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function systemPrefersLight(): boolean {
  return typeof matchMedia === 'function' && matchMedia(LIGHT_QUERY).matches;
}

export function effectiveTheme(choice: ThemeChoice, prefersLight = systemPrefersLight()): Theme {
  return choice === 'system' ? (prefersLight ? 'light' : 'dark') : choice;
}

/** Call `onChange` when the system's colour scheme changes; returns the unsubscribe. */
export function watchSystemTheme(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia(LIGHT_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
