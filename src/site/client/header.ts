// The header's behaviour on every page: the theme switch and the scrolling nav.

import { startNav } from './nav.ts';
import { startThemeSwitch } from './theme.ts';

export function startHeader(): void {
  startThemeSwitch(document.querySelector<HTMLButtonElement>('[data-theme-switch]'), document.querySelector<HTMLButtonElement>('[data-theme-system]'));
  startNav(document.querySelector<HTMLElement>('.site-nav'));
}
