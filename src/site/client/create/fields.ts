// One form field in the DOM: its label, description, help, control(s) and error, and how to read it back.
// Errors are tied to the inputs with aria-invalid and aria-describedby.

import { h } from '../dom.ts';
import type { Choice, FormField } from '../../../views/create/form.ts';
import { initialInput, type RawInput, type RepoInput } from '../../../views/create/values.ts';
import { createCombobox } from './combobox.ts';

export interface FieldControl {
  field: FormField;
  /** The wrapper, `[data-field=<name>]`. */
  element: HTMLElement;
  read(): RawInput | undefined;
  setError(message: string | undefined): void;
  focus(): void;
}

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function options(choices: readonly Choice[], selected: string | undefined, placeholder?: string): HTMLOptionElement[] {
  const out = choices.map((c) => h('option', { value: String(c.value), selected: String(c.value) === selected }, c.label));
  return placeholder === undefined ? out : [h('option', { value: '', selected: !selected }, placeholder), ...out];
}

function datalist(id: string, choices: readonly Choice[]): HTMLDataListElement {
  return h('datalist', { id }, ...choices.map((c) => h('option', { value: String(c.value), label: c.label })));
}

export function createField(field: FormField, id: string): FieldControl {
  const initial = initialInput(field);
  const descId = field.description ? `${id}-desc` : undefined;
  const helpId = field.help || field.note ? `${id}-help` : undefined;
  const errorId = `${id}-error`;
  const described = [descId, helpId].filter(Boolean).join(' ');
  /** Every input of the field: they all carry the field's state for assistive technology. */
  const inputs: Input[] = [];
  const track = <T extends Input>(el: T): T => {
    if (described) el.setAttribute('aria-describedby', described);
    if (field.required) el.setAttribute('aria-required', 'true');
    if (field.readonly) el.toggleAttribute(el instanceof HTMLSelectElement ? 'disabled' : 'readonly', true);
    inputs.push(el);
    return el;
  };
  const text = typeof initial === 'string' ? initial : '';
  const attrs = (extra: Record<string, string | number | boolean | undefined> = {}) => ({
    id,
    name: field.name,
    placeholder: field.placeholder,
    autocomplete: 'off',
    ...extra,
  });

  let read: () => RawInput | undefined;
  let control: HTMLElement;
  let group = false;

  switch (field.kind) {
    case 'textarea':
    case 'json': {
      const el = track(h('textarea', attrs({ rows: field.rows ?? (field.kind === 'json' ? 4 : 3), maxlength: field.maxLength, spellcheck: field.kind === 'json' ? 'false' : undefined })));
      el.value = text;
      control = el;
      read = () => el.value;
      break;
    }
    case 'select':
    case 'alternative': {
      const placeholder = field.kind === 'select' ? (field.placeholder ?? 'Choose…') : undefined;
      const el = track(h('select', { id, name: field.name }, ...options(field.options ?? [], typeof initial === 'string' ? initial : undefined, placeholder)));
      control = el;
      read = () => el.value;
      break;
    }
    case 'radio':
    case 'checkboxes': {
      group = true;
      const type = field.kind === 'radio' ? 'radio' : 'checkbox';
      const chosen = Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [];
      const boxes = (field.options ?? []).map((o, i) => {
        const input = track(h('input', { type, id: i === 0 ? id : `${id}-${i}`, name: field.name, value: String(o.value), checked: chosen.includes(String(o.value)) }));
        return h('label', { class: 'choice' }, input, ` ${o.label}`);
      });
      control = h('div', { class: 'choices' }, ...boxes);
      read = () => {
        const checked = inputs.filter((i): i is HTMLInputElement => i instanceof HTMLInputElement && i.checked).map((i) => i.value);
        return field.kind === 'radio' ? (checked[0] ?? '') : checked;
      };
      break;
    }
    case 'boolean': {
      const el = track(h('input', { type: 'checkbox', id, name: field.name, checked: initial === true }));
      control = el;
      read = () => el.checked;
      break;
    }
    case 'entity': {
      // Search by display name or ref; a name not in the catalog is kept (allowArbitraryValues) or refused on Next.
      const combo = createCombobox(id, field.choices ?? [], text, { name: field.name, placeholder: field.placeholder ?? 'Search the catalog…' });
      track(combo.input);
      control = combo.element;
      read = combo.read;
      break;
    }
    case 'list': {
      group = true;
      const listId = `${id}-choices`;
      const items = h('ul', { class: 'list-items' });
      // Entity items are search boxes: each keeps its own id (its list hangs on it) and reads back as a ref.
      const readers = new Map<Input, () => string>();
      const wrappers = new Map<Input, HTMLElement>();
      let made = 0;
      const itemInput = (value: string, n: number): Input => {
        const label = `${field.title} ${n}`;
        if (field.picker === 'MultiEntityPicker') {
          const combo = createCombobox(made++ === 0 ? id : `${id}-item${made}`, field.choices ?? [], value, { 'aria-label': label, placeholder: 'Search the catalog…' });
          readers.set(track(combo.input), combo.read);
          wrappers.set(combo.input, combo.element);
          return combo.input;
        }
        if (field.choices && !field.arbitrary) {
          return track(h('select', { 'aria-label': label, id: n === 1 ? id : undefined }, ...options(field.choices, value || undefined, 'Choose…')));
        }
        const el = track(
          h('input', {
            type: field.itemType === 'string' ? 'text' : 'number',
            'aria-label': label,
            id: n === 1 ? id : undefined,
            list: field.choices?.length ? listId : undefined,
            autocomplete: 'off',
            spellcheck: 'false',
          }),
        );
        el.value = value;
        return el;
      };
      const renumber = () =>
        [...items.children].forEach((li, i) => {
          const input = li.querySelector('input, select');
          input?.setAttribute('aria-label', `${field.title} ${i + 1}`);
          if (field.picker === 'MultiEntityPicker') return void li.querySelector('button')?.setAttribute('aria-label', `Remove ${field.title} ${i + 1}`);
          input?.toggleAttribute('id', false);
          if (i === 0) input?.setAttribute('id', id);
          li.querySelector('button')?.setAttribute('aria-label', `Remove ${field.title} ${i + 1}`);
        });
      const addItem = (value: string) => {
        const input = itemInput(value, items.children.length + 1);
        const remove = h('button', { type: 'button', class: 'button small' }, 'Remove');
        const li = h('li', {}, wrappers.get(input) ?? input, remove);
        remove.addEventListener('click', () => {
          inputs.splice(inputs.indexOf(input), 1);
          li.remove();
          renumber();
          add.focus();
        });
        items.append(li);
        renumber();
        return input;
      };
      const add = h('button', { type: 'button', class: 'button small' }, `Add ${field.title.toLowerCase()}`);
      add.addEventListener('click', () => addItem('').focus());
      for (const value of Array.isArray(initial) && initial.length ? initial : ['']) addItem(value);
      control = h('div', { class: 'list' }, items, add, field.choices?.length && field.arbitrary ? datalist(listId, field.choices) : null);
      read = () => inputs.map((i) => readers.get(i)?.() ?? i.value);
      break;
    }
    case 'repo-url': {
      group = true;
      const repo = field.repo!;
      const start = (typeof initial === 'object' && !Array.isArray(initial) ? initial : { host: '', owner: '', repo: '' }) as RepoInput;
      const part = (label: string, el: Input) => h('label', { class: 'repo-part' }, h('span', {}, label), el);
      const host = track(h('select', { id, name: `${field.name}-host`, 'aria-label': 'Host' }, ...options(repo.hosts.map((x) => ({ value: x, label: x })), start.host)));
      const owner =
        repo.owners.length > 0
          ? track(h('select', { name: `${field.name}-owner` }, ...options(repo.owners.map((x) => ({ value: x, label: x })), start.owner || undefined, repo.owners.length > 1 ? 'Choose…' : undefined)))
          : track(h('input', { type: 'text', name: `${field.name}-owner`, autocomplete: 'off', spellcheck: 'false' }));
      if (owner instanceof HTMLInputElement) owner.value = start.owner;
      const name = track(h('input', { type: 'text', name: `${field.name}-repo`, autocomplete: 'off', spellcheck: 'false' }));
      name.value = start.repo;
      control = h('div', { class: 'repo-url' }, part('Host', host), part(repo.ownerLabel, owner), part(repo.repoLabel, name));
      host.removeAttribute('aria-label');
      read = () => ({ host: host.value, owner: owner.value, repo: name.value });
      break;
    }
    case 'hidden': {
      const el = h('input', { type: 'hidden', id, name: field.name, value: text });
      inputs.push(el);
      control = el;
      read = () => el.value;
      break;
    }
    default: {
      const type = field.kind === 'password' ? 'password' : field.kind === 'number' ? 'number' : field.inputType === 'date-time' ? 'datetime-local' : (field.inputType ?? 'text');
      const el = track(
        h(
          'input',
          attrs({
            type,
            maxlength: field.maxLength,
            min: field.minimum,
            max: field.maximum,
            step: field.valueType === 'integer' ? 1 : field.kind === 'number' ? 'any' : undefined,
            inputmode: field.valueType === 'integer' ? 'numeric' : undefined,
            spellcheck: field.check === 'entity-name' || field.kind === 'password' ? 'false' : undefined,
            autocomplete: field.kind === 'password' ? 'new-password' : 'off',
          }),
        ),
      );
      el.value = text;
      control = el;
      read = () => el.value;
    }
  }

  const title = [field.title, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null];
  const label = group ? h('legend', {}, ...title) : h('label', { for: id }, ...title);
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const parts = [
    label,
    field.description ? h('p', { id: descId, class: 'field-desc' }, field.description) : null,
    control,
    helpId ? h('p', { id: helpId, class: 'field-help' }, [field.help, field.note].filter(Boolean).join(' ')) : null,
    error,
  ];
  const element =
    field.kind === 'hidden'
      ? h('div', { class: 'field', 'data-field': field.name, hidden: true }, control)
      : group
        ? h('fieldset', { class: `field field-${field.kind}`, 'data-field': field.name }, ...parts)
        : h('div', { class: `field field-${field.kind}`, 'data-field': field.name }, ...parts);

  return {
    field,
    element,
    read,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      for (const input of inputs) {
        if (input.type === 'hidden') continue;
        if (message) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', [errorId, described].filter(Boolean).join(' '));
        } else {
          input.removeAttribute('aria-invalid');
          if (described) input.setAttribute('aria-describedby', described);
          else input.removeAttribute('aria-describedby');
        }
      }
    },
    focus() {
      inputs.find((i) => i.type !== 'hidden')?.focus();
    },
  };
}
