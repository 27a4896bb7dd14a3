// The theme switch. The stored choice is applied before first paint by the inline script in Base.astro
// (THEME_KEY must match); without one the system preference rules through CSS `color-scheme`.

import { browserStorage } from './storage.ts';

export const THEME_KEY = 'backlot.theme';
export type Theme = 'light' | 'dark';

export function storedTheme(storage: Storage | undefined): Theme | undefined {
  try {
    const value = storage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function effectiveTheme(stored: Theme | undefined, systemDark: boolean): Theme {
  return stored ?? (systemDark ? 'dark' : 'light');
}

/** The switch is a light/dark toggle; `system` (shown once a choice is stored) forgets it and follows the system again. */
export function startThemeSwitch(button: HTMLButtonElement | null, system?: HTMLButtonElement | null): void {
  if (!button) return;
  const storage = browserStorage();
  const media = matchMedia('(prefers-color-scheme: dark)');
  const current = () => effectiveTheme(storedTheme(storage) ?? (document.documentElement.dataset.theme as Theme | undefined), media.matches);
  const show = () => {
    button.setAttribute('aria-pressed', String(current() === 'dark'));
    if (system) system.hidden = !document.documentElement.dataset.theme;
  };
  const store = (theme: Theme | undefined) => {
    try {
      if (theme) storage?.setItem(THEME_KEY, theme);
      else storage?.removeItem(THEME_KEY);
    } catch {
      // Not remembered, but applied to this page.
    }
  };
  button.addEventListener('click', () => {
    const next: Theme = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    store(next);
    show();
  });
  system?.addEventListener('click', () => {
    delete document.documentElement.dataset.theme;
    store(undefined);
    show();
    button.focus();
  });
  media.addEventListener('change', show);
  addEventListener('storage', (e) => {
    if (e.key !== THEME_KEY) return;
    const theme = storedTheme(storage);
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    show();
  });
  show();
  button.hidden = false;
}
