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

export function startThemeSwitch(button: HTMLButtonElement | null): void {
  if (!button) return;
  const storage = browserStorage();
  const media = matchMedia('(prefers-color-scheme: dark)');
  const current = () => effectiveTheme(storedTheme(storage) ?? (document.documentElement.dataset.theme as Theme | undefined), media.matches);
  const show = () => button.setAttribute('aria-pressed', String(current() === 'dark'));
  button.addEventListener('click', () => {
    const next: Theme = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      storage?.setItem(THEME_KEY, next);
    } catch {
      // Not remembered, but applied to this page.
    }
    show();
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
