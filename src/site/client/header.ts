// The header's behaviour on every page: the theme switch and the scrolling nav.

import { startNav } from './nav.ts';
import { startThemeSwitch } from './theme.ts';
import { addThemeButtons } from './theme-buttons.ts';

export function startHeader(): void {
  const { button, system } = addThemeButtons(document.querySelector('.header-tools'));
  startThemeSwitch(button, system);
  startNav(document.querySelector<HTMLElement>('.site-nav'));
}
