// The theme switch's buttons, added by the header's script: they do nothing without JavaScript (and were hidden
// until it ran), so writing them into every page cost ~1 KB of HTML per page (100 MB at 100,000 entities).

const ICONS =
  '<svg class="icon-moon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M20.5 14.5A8.5 8.5 0 0 1 9.5 3.5a8.5 8.5 0 1 0 11 11z" fill="currentColor"/></svg>' +
  '<svg class="icon-sun" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="12" cy="12" r="4.5" fill="currentColor"/><path d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const SYSTEM_ICON =
  '<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><rect x="3" y="4" width="18" height="12" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 20h8M12 16v4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

/** Appends the light/dark switch and the follow-the-system button (hidden; theme.ts shows them) to `tools`. */
export function addThemeButtons(tools: Element | null): { button: HTMLButtonElement | null; system: HTMLButtonElement | null } {
  if (!tools) return { button: null, system: null };
  tools.insertAdjacentHTML(
    'beforeend',
    `<button type="button" class="icon-button theme-switch" data-theme-switch aria-pressed="false" hidden>${ICONS}<span class="visually-hidden">Dark theme</span></button>` +
      `<button type="button" class="icon-button theme-system" data-theme-system title="Follow the system theme" hidden>${SYSTEM_ICON}<span class="visually-hidden">Follow the system theme</span></button>`,
  );
  return { button: tools.querySelector<HTMLButtonElement>('[data-theme-switch]'), system: tools.querySelector<HTMLButtonElement>('[data-theme-system]') };
}
