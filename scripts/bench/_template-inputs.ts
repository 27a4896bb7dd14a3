// What `npm run bench -- templates` types into a template's form: generated from the form Backlot builds for the
// Create page (its defaults, enums' first value, the pickers' catalog choices, every other field filled, as a
// person answering the whole form would), then checked step by step with the form's own validation, trying the
// next candidate for a field it refuses. A text field named for an organisation or a repository gets the org and
// a repo the portal crawls: templates that read an existing repo (register it, open a pull request) need one.

import type { FormField, TemplateForm } from '../../src/views/create/form.ts';
import { validatePage } from '../../src/views/create/validate.ts';
import { formState, initialInput, sendable, type RawInput, type Values } from '../../src/views/create/values.ts';
import { formWhenEvaluator } from '../../src/views/create/when.ts';

/** Texts tried in turn for a required text field, until the page's schema (a pattern, a length) takes one. */
const TEXTS = ['bench-sample', 'benchsample', 'Bench sample', 'bench_sample', 'bench.sample', 'BENCH', 'BEN', 'bs', 'b1', '1'];

export interface TemplateInputs {
  /** Per field: what to type, choose or tick (undefined: leave the field as the form shows it). */
  raw: Map<FormField, RawInput>;
  /** The values the form sends for those inputs. */
  values: Values;
  /** Fields no candidate satisfied, with the form's message. */
  unresolved: string[];
}

const present = (raw: RawInput | undefined): raw is RawInput =>
  raw !== undefined && raw !== '' && !(Array.isArray(raw) && (raw.length === 0 || raw.every((r) => r === '')));

/** The repo of the bench org: crawled, so a template may fetch from it. */
export const EXISTING_REPO = 'bench-org';

function textCandidates(field: FormField, org: string): string[] {
  const base =
    /(organi[sz]ation|org|owner)(name)?$/i.test(field.name) && field.kind === 'text' ? [org, ...TEXTS]
    : /repo(sitory)?(name)?$/i.test(field.name) && field.kind === 'text' ? [EXISTING_REPO, ...TEXTS]
    :
    field.inputType === 'email' ? ['bench@example.com']
    : field.inputType === 'url' ? ['https://example.com/bench']
    : field.inputType === 'date' ? ['2026-01-01']
    : field.inputType === 'date-time' ? ['2026-01-01T10:00']
    : field.inputType === 'time' ? ['10:00']
    : field.kind === 'json' ? ['{}', '[]']
    : TEXTS;
  const min = field.minLength ?? 0;
  return base.map((t) => (t.length >= min ? t : t.padEnd(min, 'x')));
}

/** Every input worth trying for a field, best first. */
export function candidates(field: FormField, org: string): RawInput[] {
  const choices = (field.choices ?? []).map((c) => String(c.value));
  const options = (field.options ?? []).map((c) => String(c.value));
  switch (field.kind) {
    case 'select':
    case 'radio':
    case 'alternative':
      return options;
    case 'checkboxes':
      return options.map((o) => [o]);
    case 'boolean':
      return [false, true];
    case 'number':
      return [field.minimum, field.maximum, 1, 0].filter((n): n is number => typeof n === 'number').map(String);
    case 'entity':
      return [...choices, ...(field.arbitrary === false ? [] : ['bench-sample'])];
    case 'list':
      if (field.picker === 'MultiEntityPicker' || (field.choices && !field.arbitrary)) return choices.map((c) => [c]);
      return field.itemType === 'string' || !field.itemType ? [...choices.map((c) => [c]), ...TEXTS.map((t) => [t])] : [['1']];
    case 'repo-url': {
      const repo = field.repo;
      const hosts = repo?.hosts.length ? repo.hosts : ['github.com'];
      const owners = repo?.owners.length ? repo.owners : [org];
      const repos = repo?.repos.length ? repo.repos : ['bench-sample'];
      return hosts.flatMap((host) => owners.map((owner) => ({ host, owner, repo: repos[0]! })));
    }
    case 'hidden':
      return [];
    default:
      return textCandidates(field, org);
  }
}

/** The first input of a field: its default, else its first candidate (a checkbox stays as it is). */
function firstInput(field: FormField, org: string): RawInput | undefined {
  const initial = initialInput(field);
  if (present(initial) && field.kind !== 'repo-url') return initial;
  if (field.kind === 'boolean' || field.readonly) return initial;
  return candidates(field, org)[0] ?? initial;
}

export function generateInputs(form: TemplateForm, org: string): TemplateInputs {
  const evaluate = form.pages.some((p) => p.when !== undefined) ? formWhenEvaluator() : undefined;
  const raw = new Map<FormField, RawInput>();
  const tried = new Map<FormField, number>();
  for (const page of form.pages) {
    for (const field of page.fields) {
      const first = firstInput(field, org);
      if (first !== undefined) raw.set(field, first);
    }
  }
  const unresolved = new Map<string, string>();
  // Each round fixes what the shown pages refuse; a field runs out of candidates at most once.
  for (let round = 0; round < 12; round++) {
    const state = formState(form, (f) => raw.get(f), evaluate);
    let changed = false;
    for (const i of state.shown) {
      const page = form.pages[i]!;
      for (const error of validatePage(page, state.values)) {
        const field = page.fields.find((f) => f.name === error.field);
        if (!field) {
          unresolved.set(`${page.title}`, error.message);
          continue;
        }
        const list = candidates(field, org);
        const next = tried.get(field) ?? (present(raw.get(field)) && !list.includes(raw.get(field)!) ? 0 : 1);
        if (next < list.length) {
          raw.set(field, list[next]!);
          tried.set(field, next + 1);
          changed = true;
          unresolved.delete(field.name);
        } else {
          unresolved.set(field.name, error.message);
        }
      }
    }
    if (!changed) break;
  }
  const values = sendable(form, formState(form, (f) => raw.get(f), evaluate).values);
  return { raw, values, unresolved: [...unresolved].map(([name, message]) => `${name}: ${message}`) };
}
