// A picker's search box (WAI-ARIA combobox with a list): typing narrows the catalog's choices by display name or
// ref, a choice shows its display name and reads back as its ref. Choices come with the page (computed at build
// time by the picker's catalogFilter), so searching needs no network.

import { h } from '../dom.ts';
import type { Choice } from '../../../views/create/form.ts';

/** At most this many matches are listed; typing more narrows them. */
const SHOWN = 50;

export interface Combobox {
  input: HTMLInputElement;
  element: HTMLElement;
  /** The chosen (or typed) choice's value; what was typed when it matches none. */
  read(): string;
}

const norm = (s: string) => s.toLocaleLowerCase('en-US').trim();

/** The choices a text finds: every word in the display name or the ref. */
export function matchChoices(choices: readonly Choice[], text: string): Choice[] {
  const words = norm(text).split(/\s+/).filter(Boolean);
  return choices.filter((c) => {
    const hay = `${norm(c.label)} ${norm(String(c.value))}`;
    return words.every((w) => hay.includes(w));
  });
}

/** The value a typed text stands for: a choice whose display name or ref it is, else the text. */
export function choiceValue(choices: readonly Choice[], text: string): string {
  const t = norm(text);
  const hit = t ? choices.find((c) => norm(c.label) === t || norm(String(c.value)) === t) : undefined;
  return hit ? String(hit.value) : text;
}

export function createCombobox(id: string, choices: readonly Choice[], initial: string, attrs: Record<string, string | undefined> = {}): Combobox {
  const listId = `${id}-list`;
  const input = h('input', { type: 'text', id, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, autocomplete: 'off', spellcheck: 'false', ...attrs });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', hidden: true });
  const start = choices.find((c) => String(c.value) === initial);
  input.value = start ? start.label : initial;
  let shown: Choice[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const mark = (index: number) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      list.children[index]?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = () => {
    // A chosen entity's name lists everything again: the box is for changing it.
    const chosen = choices.some((c) => c.label === input.value);
    shown = matchChoices(choices, chosen ? '' : input.value).slice(0, SHOWN);
    list.replaceChildren(
      ...shown.map((c, i) => h('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', 'data-value': String(c.value) }, c.label)),
    );
    if (!shown.length) list.append(h('li', { class: 'combo-none', 'aria-disabled': 'true' }, 'No match in the catalog'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const pick = (choice: Choice) => {
    input.value = choice.label;
    close();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };

  input.addEventListener('input', open);
  input.addEventListener('focus', () => {
    if (!input.readOnly) open();
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) open();
      if (!shown.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      mark((active + step + shown.length) % shown.length);
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault(); // picks, instead of going to the next step
      pick(shown[active]!);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  // mousedown, not click: it comes before the input's blur closes the list.
  list.addEventListener('mousedown', (event) => {
    const li = (event.target as HTMLElement).closest<HTMLElement>('li[role="option"]');
    if (!li) return;
    event.preventDefault();
    const choice = shown[Number(li.id.slice(listId.length + 1))];
    if (choice) pick(choice);
  });

  return { input, element: h('div', { class: 'combo' }, input, list), read: () => choiceValue(choices, input.value) };
}
