// Starred entities, kept in the browser. Buttons anywhere carry `data-star="<ref>"`; every button for a
// ref stays in sync, across the page and across tabs.

import { browserStorage, readJson, writeJson } from './storage.ts';
import { STAR_SVG } from '../render/icons.ts';

export const STARRED_KEY = 'backlot.starred';
/** Titles of starred entities, so lists of stars (the home page) need not load the catalog. */
export const STAR_TITLES_KEY = 'backlot.starred.titles';
/** Fired on window after the starred set changes here or in another tab. */
export const STARRED_EVENT = 'backlot:starred';

export function readStarred(storage: Storage | undefined): Set<string> {
  const list = readJson<unknown>(storage, STARRED_KEY, []);
  return new Set(Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase()) : []);
}

export function readStarTitles(storage: Storage | undefined): Record<string, string> {
  const titles = readJson<unknown>(storage, STAR_TITLES_KEY, {});
  return titles && typeof titles === 'object' && !Array.isArray(titles) ? (titles as Record<string, string>) : {};
}

/** Stars or unstars a ref (remembering its title when given) and returns the new set. */
export function setStarred(storage: Storage | undefined, ref: string, on: boolean, title?: string): Set<string> {
  const key = ref.toLowerCase();
  const set = readStarred(storage);
  const titles = readStarTitles(storage);
  if (on) {
    set.add(key);
    if (title) titles[key] = title;
  } else {
    set.delete(key);
    delete titles[key];
  }
  writeJson(storage, STARRED_KEY, [...set].sort());
  writeJson(storage, STAR_TITLES_KEY, titles);
  return set;
}

/** Syncs a button's pressed state with the set (its label stays "Star": the state is aria-pressed and the filled icon). */
export function showStar(button: HTMLElement, starred: ReadonlySet<string>): void {
  button.setAttribute('aria-pressed', String(starred.has((button.dataset.star ?? '').toLowerCase())));
}

let started = false;

/** One delegated click handler for every `[data-star]` button on the page; reveals the static ones. */
export function startStars(): void {
  const storage = browserStorage();
  const refresh = () => {
    const starred = readStarred(storage);
    for (const b of document.querySelectorAll<HTMLElement>('[data-star]')) showStar(b, starred);
  };
  // A static button comes without its icon (it is hidden until now; ~200 bytes of every entity page).
  // A labelled one (an entity page's) comes without its type or title too: the title is the page's heading.
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-star][hidden]')) {
    if (!b.querySelector('svg')) b.insertAdjacentHTML('afterbegin', STAR_SVG);
    b.type = 'button';
    const heading = document.querySelector('h1')?.textContent?.trim();
    if (heading && !b.dataset.starTitle) b.dataset.starTitle = heading;
    b.hidden = false;
  }
  refresh();
  if (started) return;
  started = true;
  document.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest<HTMLElement>('[data-star]');
    if (!button) return;
    setStarred(storage, button.dataset.star ?? '', button.getAttribute('aria-pressed') !== 'true', button.dataset.starTitle);
    refresh();
    dispatchEvent(new CustomEvent(STARRED_EVENT));
  });
  addEventListener('storage', (e) => {
    if (e.key !== STARRED_KEY) return;
    refresh();
    dispatchEvent(new CustomEvent(STARRED_EVENT));
  });
}
