// From what a person typed to the template's values, and the checks Backstage's own fields add on top of
// the JSON Schema. Pure functions: the browser reads its inputs into `RawInput`s and calls these.

import { parseEntityRef } from '../../model/entityRef.ts';
import { pageShown, type WhenEvaluator } from '../../model/templateParameters.ts';
import { alternativeField, type FormField, type TemplateForm, type ValueTest } from './form.ts';

export interface RepoInput {
  host: string;
  owner: string;
  repo: string;
}

/** What a field's inputs hold: text, several texts (lists, checkboxes), a checkbox, or the repo picker's parts. */
export type RawInput = string | string[] | boolean | RepoInput;

export type Values = Record<string, unknown>;

// Backstage's rules (catalog-model `KubernetesValidatorFunctions`, `CommonValidatorFunctions`).
const ENTITY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const REPO_NAME = /^[A-Za-z0-9_.-]+$/;
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** RepoUrlPicker's value: `host?owner=o&repo=r`, as `serializeRepoPickerUrl` writes it. */
export function repoUrlValue(input: RepoInput): string | undefined {
  const host = input.host.trim();
  const owner = input.owner.trim();
  const repo = input.repo.trim();
  if (!host || (!owner && !repo)) return undefined;
  const params = new URLSearchParams();
  if (owner) params.set('owner', owner);
  if (repo) params.set('repo', repo);
  return `${host}?${params.toString()}`;
}

export function parseRepoUrlValue(value: unknown): RepoInput | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const cut = value.indexOf('?');
  const params = new URLSearchParams(cut === -1 ? '' : value.slice(cut + 1));
  return { host: cut === -1 ? value : value.slice(0, cut), owner: params.get('owner') ?? params.get('organization') ?? '', repo: params.get('repo') ?? '' };
}

/** A typed entity name completed with the field's default kind and namespace, as Backstage's pickers do. */
export function toEntityRef(text: string, field: Pick<FormField, 'defaultKind' | 'defaultNamespace'>): string {
  const value = text.trim();
  if (!value) return value;
  try {
    const ref = parseEntityRef(value, {
      ...(field.defaultKind ? { defaultKind: field.defaultKind } : {}),
      ...(field.defaultNamespace ? { defaultNamespace: field.defaultNamespace } : {}),
    });
    return `${ref.kind.toLowerCase()}:${ref.namespace}/${ref.name}`;
  } catch {
    return value; // no kind and no default: kept as typed, like Backstage
  }
}

function typed(text: string, type: FormField['valueType'] | FormField['itemType']): unknown {
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text; // left as text, the schema reports the type
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The value a field contributes, or `undefined` when it is left empty (then it is not sent at all). */
export function fieldValue(field: FormField, raw: RawInput | undefined): unknown {
  if (raw === undefined) return undefined;
  switch (field.kind) {
    case 'boolean':
      return raw === true;
    case 'repo-url':
      return typeof raw === 'object' && !Array.isArray(raw) ? repoUrlValue(raw) : undefined;
    case 'checkboxes': {
      const chosen = Array.isArray(raw) ? raw : [];
      const picked = (field.options ?? []).filter((o) => chosen.includes(String(o.value))).map((o) => o.value);
      return picked.length ? picked : undefined;
    }
    case 'list': {
      const items = (Array.isArray(raw) ? raw : []).map((s) => s.trim()).filter(Boolean);
      const out = items.map((s) => (field.picker === 'MultiEntityPicker' ? toEntityRef(s, field) : typed(s, field.itemType)));
      return out.length ? out : undefined;
    }
    case 'json': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!text) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    case 'entity': {
      const text = typeof raw === 'string' ? raw : '';
      return text.trim() ? toEntityRef(text, field) : undefined;
    }
    default: {
      const text = typeof raw === 'string' ? raw : '';
      if (text === '') return undefined;
      return typed(text, field.valueType);
    }
  }
}

function holds(test: ValueTest, values: Readonly<Record<string, unknown>>): boolean {
  const value = values[test.field];
  if (value === undefined || value === '') return test.absentOk === true;
  return test.values ? test.values.some((v) => v === value) : true;
}

/** Whether a field is shown (and sent) with these values. */
export function fieldActive(field: FormField, values: Readonly<Record<string, unknown>>): boolean {
  const when = field.when;
  if (!when) return true;
  if (when.and && !when.and.every((t) => holds(t, values))) return false;
  const all = when.all.every((t) => holds(t, values));
  return when.negate ? !all : all;
}

/** What the form holds: the values it sends, and which pages are steps for them. */
export interface FormState {
  /** The values, plus each bare-`oneOf` page's choice (under `alternativeField(i)`), which steers the form. */
  values: Values;
  /** Indexes of the pages whose `when` holds. */
  shown: Set<number>;
}

/**
 * The form's values from each field's raw input; empty fields are left out, as react-jsonschema-form does, and so
 * are conditional fields whose condition does not hold and every field of a page whose `when` does not (they are
 * hidden). A page's `when` reads the answers of the pages it may depend on: those before it that are shown, and
 * those after it as they stand.
 */
export function formState(form: TemplateForm, raw: (field: FormField) => RawInput | undefined, evaluate?: WhenEvaluator): FormState {
  const pageValues = form.pages.map((page) => {
    const values: Values = {};
    for (const field of page.fields) {
      if (!fieldActive(field, values)) continue;
      const value = fieldValue(field, raw(field));
      if (value !== undefined) values[field.name] = value;
    }
    return values;
  });
  const shown = new Set<number>();
  const values: Values = {};
  form.pages.forEach((page, i) => {
    const context = Object.assign({}, ...pageValues.slice(i + 1).reverse(), values) as Values;
    if (!pageShown(page.schema, sendable(form, context), evaluate)) return;
    shown.add(i);
    Object.assign(values, pageValues[i]);
  });
  return { values, shown };
}

/** Values of every shown field (see formState). */
export function formValues(form: TemplateForm, raw: (field: FormField) => RawInput | undefined, evaluate?: WhenEvaluator): Values {
  return formState(form, raw, evaluate).values;
}

/** The values as sent and checked: without the bare-`oneOf` pages' choices. */
export function sendable(form: TemplateForm, values: Values): Values {
  const out = { ...values };
  form.pages.forEach((page, i) => {
    if (page.alternatives) delete out[alternativeField(i)];
  });
  return out;
}

/** What a field shows before anyone types: its `default`, shaped for the inputs. */
export function initialInput(field: FormField): RawInput | undefined {
  const value = field.default;
  if (field.kind === 'repo-url') {
    const parsed = parseRepoUrlValue(value);
    return parsed ?? { host: field.repo?.hosts[0] ?? '', owner: field.repo?.owners.length === 1 ? field.repo.owners[0]! : '', repo: '' };
  }
  if (value === undefined || value === null) return field.kind === 'boolean' ? false : undefined;
  if (field.kind === 'boolean') return value === true;
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

/** Checks Backstage's fields make beyond the JSON Schema; a message for the person, or undefined. */
export function checkField(field: FormField, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (field.kind === 'json' && typeof value === 'string') return 'Not valid JSON.';
  if (field.kind === 'entity' && !field.arbitrary && field.choices && !field.choices.some((c) => c.value === value)) {
    return `“${String(value)}” is not in the catalog: choose one of the listed entities.`;
  }
  if (field.kind === 'list' && !field.arbitrary && field.choices && Array.isArray(value)) {
    const unknown = value.find((v) => !field.choices!.some((c) => c.value === v));
    if (unknown !== undefined) return `“${String(unknown)}” is not in the catalog: choose one of the listed entities.`;
  }
  switch (field.check) {
    case 'entity-name':
      if (typeof value === 'string' && (value.length > 63 || !ENTITY_NAME.test(value))) {
        return 'Must be 1–63 letters, digits, “-”, “_” or “.”, starting and ending with a letter or digit.';
      }
      return undefined;
    case 'tags': {
      const bad = Array.isArray(value) ? value.find((t) => typeof t !== 'string' || t.length > 63 || !TAG.test(t)) : undefined;
      return bad !== undefined ? `“${String(bad)}” is not a valid tag: use lower-case letters, digits, “:”, “+” or “#”, with single “-” between parts.` : undefined;
    }
    case 'repo-url':
      return checkRepoUrl(field, value);
    default:
      return undefined;
  }
}

function checkRepoUrl(field: FormField, value: unknown): string | undefined {
  const parts = parseRepoUrlValue(value);
  const picker = field.repo;
  if (!parts || !picker) return undefined;
  if (!parts.owner || !parts.repo) return `Give both the ${picker.ownerLabel.toLowerCase()} and the ${picker.repoLabel.toLowerCase()} name.`;
  if (!picker.hosts.includes(parts.host)) return `The host must be ${picker.hosts.join(' or ')}.`;
  if (picker.owners.length && !picker.owners.includes(parts.owner)) return `The ${picker.ownerLabel.toLowerCase()} must be ${picker.owners.join(' or ')}.`;
  if (!OWNER_NAME.test(parts.owner)) return `“${parts.owner}” is not a valid ${picker.ownerLabel.toLowerCase()} name.`;
  if (!REPO_NAME.test(parts.repo) || parts.repo === '.' || parts.repo === '..') {
    return `“${parts.repo}” is not a valid repository name: use letters, digits, “-”, “_” and “.”.`;
  }
  if (picker.repos.length && !picker.repos.includes(parts.repo)) return `The ${picker.repoLabel.toLowerCase()} must be ${picker.repos.join(' or ')}.`;
  return undefined;
}
