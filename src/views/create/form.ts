// The form generator: a Template's `spec.parameters` (JSON Schema pages with rjsf `ui:` hints and Backstage's
// pickers) → a plain description of steps and fields that the browser renders. Picker choices come from the
// catalog here, at build time, so the page needs no catalog API.

import { pageAlternatives, parameterPages } from '../../model/templateParameters.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { entityTitle } from '../entities.ts';
import { humanizeRef } from '../../model/entityRef.ts';
import { matchesCatalogFilter, singleKind, type CatalogFilter } from './catalog-filter.ts';
import { selectFromApi } from './api-field.ts';

type Json = Record<string, unknown>;

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'password'
  | 'hidden'
  | 'number'
  | 'boolean'
  | 'select'
  | 'radio'
  | 'checkboxes'
  | 'list'
  | 'entity'
  | 'repo-url'
  | 'json'
  /** Which alternative of a page that is a bare `oneOf` (rjsf's selector): steers the form, never sent. */
  | 'alternative';

export interface Choice {
  value: string | number | boolean;
  label: string;
}

/** Checks beyond the JSON Schema that Backstage's fields make (EntityNamePicker, EntityTagsPicker, …). */
export type FieldCheck = 'entity-name' | 'tags' | 'repo-url';

export interface RepoPicker {
  hosts: string[];
  /** Empty: any owner may be typed. */
  owners: string[];
  repos: string[];
  ownerLabel: string;
  repoLabel: string;
}

export interface FormField {
  /** Property name: the key in the values. */
  name: string;
  kind: FieldKind;
  /** The JSON type the value gets. */
  valueType: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'json';
  /** For lists: the items' type. */
  itemType?: 'string' | 'number' | 'integer';
  /** `ui:field` as written, when any. */
  picker?: string;
  title: string;
  description?: string;
  help?: string;
  placeholder?: string;
  autofocus?: boolean;
  required: boolean;
  readonly?: boolean;
  default?: unknown;
  rows?: number;
  /** Input hints mirroring the schema (ajv enforces the schema itself). */
  inputType?: 'text' | 'email' | 'url' | 'date' | 'date-time' | 'time';
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Enum options (select, radio, checkboxes). */
  options?: Choice[];
  /** Picker choices from the catalog (entity refs, tags). */
  choices?: Choice[];
  /** A picker that also takes typed values; otherwise only its choices. */
  arbitrary?: boolean;
  /** Typed entity names get this kind and namespace (Backstage's `defaultKind`, `defaultNamespace`). */
  defaultKind?: string;
  defaultNamespace?: string;
  repo?: RepoPicker;
  check?: FieldCheck;
  /** On the review step: hidden, or shown as the mask. */
  review: { show: boolean; mask?: string };
  /** Something the static portal cannot do as Backstage does, said next to the field. */
  note?: string;
  /** Shown only while this holds (the page's `dependencies` or `if`/`then`/`else`); its value is sent only then. */
  when?: FieldCondition;
}

/** One test on another field's value: one of `values`, or (without `values`) any value at all. */
export interface ValueTest {
  field: string;
  values?: Array<string | number | boolean>;
  /** Holds when the field is empty too (JSON Schema's `if` tests only the properties that are there). */
  absentOk?: true;
}

/** All of `all` hold, or, with `negate`, not all of them do (an `else` branch). */
export interface FieldCondition {
  all: ValueTest[];
  negate?: true;
  /** Must hold as well, never negated (the alternative of a bare-`oneOf` page the field belongs to). */
  and?: ValueTest[];
}

export interface FormPage {
  title: string;
  description?: string;
  fields: FormField[];
  /** Backstage's page-level `when: ${{ … }}`: the page is a step only while it holds (model/templateParameters.ts). */
  when?: unknown;
  /** A bare-`oneOf` page: its alternatives' schemas, chosen by the page's `alternative` field. */
  alternatives?: Json[];
  /** The page exactly as written: the JSON Schema the browser (and `backlot scaffold`) validate against. */
  schema: Json;
}

export interface TemplateForm {
  ref: string;
  title: string;
  pages: FormPage[];
  buttons: { back: string; review: string; create: string };
  /** The form could not be built from the template (see createPageData): the page says why instead. */
  failed?: string;
}

export interface FormOptions {
  /** Host the RepoUrlPicker offers when a template names none (the portal's GitHub host). */
  defaultHost?: string;
}

const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

const ENTITY_PICKERS = new Set(['EntityPicker', 'OwnerPicker', 'OwnedEntityPicker', 'MyGroupsPicker']);
/** `ui:field`s the form knows; any other (a vendor's own extension) falls back to a plain input, with a hint naming it. */
const KNOWN_FIELDS = new Set([...ENTITY_PICKERS, 'MultiEntityPicker', 'EntityTagsPicker', 'EntityNamePicker', 'RepoUrlPicker', 'SelectFieldFromApi', 'Secret']);
const DEFAULT_MASK = '******';

/** Options from `enum` (+ rjsf's `enumNames`) or from `oneOf`/`anyOf` entries that each have a `const`. */
function enumOptions(schema: Json): Choice[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum
      .filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v))
      .map((value, i) => ({ value, label: typeof names[i] === 'string' ? (names[i] as string) : String(value) }));
  }
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives?.length && alternatives.every((a) => isRecord(a) && 'const' in a)) {
    return (alternatives as Json[])
      .filter((a) => ['string', 'number', 'boolean'].includes(typeof a.const))
      .map((a) => ({ value: a.const as string | number | boolean, label: str(a.title) ?? String(a.const) }));
  }
  return undefined;
}

function schemaType(schema: Json): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') as string | undefined;
  return undefined;
}

/** `kind:namespace/name` as Backstage's pickers output it: kind lower-cased, namespace and name as written. */
export function pickerRef(e: PortalEntity): string {
  return `${e.entity.kind.toLowerCase()}:${e.entity.metadata.namespace ?? 'default'}/${e.entity.metadata.name}`;
}

function entityChoices(entities: readonly PortalEntity[], filter: CatalogFilter | CatalogFilter[] | undefined, defaultKind?: string): Choice[] {
  return entities
    .filter((e) => matchesCatalogFilter(e.entity, filter))
    .map((e) => {
      const ref = pickerRef(e);
      const short = humanizeRef(ref, defaultKind);
      const title = entityTitle(e.entity);
      return { value: ref, label: title !== e.entity.metadata.name ? `${title} (${short})` : short };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));
}

/** Tags in use, most used first (EntityTagsPicker suggests these; `kinds` narrows the entities). */
function tagChoices(entities: readonly PortalEntity[], kinds: string[], showCounts: boolean): Choice[] {
  const wanted = new Set(kinds.map((k) => k.toLowerCase()));
  const counts = new Map<string, number>();
  for (const e of entities) {
    if (wanted.size && !wanted.has(e.entity.kind.toLowerCase())) continue;
    for (const tag of strings(e.entity.metadata.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag, n]) => ({ value: tag, label: showCounts ? `${tag} (${n})` : tag }));
}

function catalogFilterOf(options: Json, fallbackKinds?: string[]): CatalogFilter | CatalogFilter[] | undefined {
  const filter = options.catalogFilter;
  if (isRecord(filter) || Array.isArray(filter)) return filter as CatalogFilter | CatalogFilter[];
  const allowedKinds = strings(options.allowedKinds);
  if (allowedKinds.length) return { kind: allowedKinds };
  return fallbackKinds ? { kind: fallbackKinds } : undefined;
}

function reviewOf(schema: Json, kind: FieldKind): FormField['review'] {
  const backstage = isRecord(schema['ui:backstage']) ? schema['ui:backstage'] : {};
  const review = isRecord(backstage.review) ? backstage.review : {};
  if (review.show === false) return { show: false };
  const mask = str(review.mask);
  if (mask) return { show: true, mask };
  return kind === 'password' ? { show: true, mask: DEFAULT_MASK } : { show: true };
}

const FORMAT_INPUTS: Record<string, FormField['inputType']> = { email: 'email', uri: 'url', url: 'url', date: 'date', 'date-time': 'date-time', time: 'time' };

export function buildField(name: string, schema: Json, required: boolean, entities: readonly PortalEntity[], options: FormOptions = {}): FormField {
  const ui = isRecord(schema['ui:options']) ? schema['ui:options'] : {};
  const picker = str(schema['ui:field']);
  const widget = str(schema['ui:widget']);
  const type = schemaType(schema);
  const field: FormField = {
    name,
    kind: 'text',
    valueType: 'string',
    title: str(schema.title) ?? name,
    required,
    review: { show: true },
  };
  const set = <K extends keyof FormField>(key: K, value: FormField[K] | undefined) => {
    if (value !== undefined) field[key] = value;
  };
  set('picker', picker);
  set('description', str(schema.description));
  set('help', str(schema['ui:help']) ?? str(ui.helperText));
  set('placeholder', str(schema['ui:placeholder']));
  if (schema['ui:autofocus'] === true) field.autofocus = true;
  if (schema['ui:readonly'] === true || schema['ui:disabled'] === true || schema.readOnly === true) field.readonly = true;
  if ('default' in schema) field.default = schema.default;
  set('minLength', num(schema.minLength));
  set('maxLength', num(schema.maxLength));
  set('minimum', num(schema.minimum));
  set('maximum', num(schema.maximum));
  const format = str(schema.format);
  if (format && FORMAT_INPUTS[format]) field.inputType = FORMAT_INPUTS[format];

  const enumChoices = enumOptions(schema);
  if (type === 'array') {
    field.valueType = 'array';
    const items = isRecord(schema.items) ? schema.items : {};
    const itemChoices = enumOptions(items);
    const itemType = schemaType(items);
    if (picker === 'MultiEntityPicker') {
      const filter = catalogFilterOf(ui);
      const defaultKind = str(ui.defaultKind) ?? singleKind(filter);
      field.kind = 'list';
      field.itemType = 'string';
      field.choices = entityChoices(entities, filter, defaultKind);
      field.arbitrary = ui.allowArbitraryValues !== false;
      set('defaultKind', defaultKind);
      set('defaultNamespace', str(ui.defaultNamespace));
    } else if (picker === 'EntityTagsPicker') {
      field.kind = 'list';
      field.itemType = 'string';
      field.choices = tagChoices(entities, strings(ui.kinds), ui.showCounts === true);
      field.arbitrary = true;
      field.check = 'tags';
    } else if (itemChoices) {
      field.kind = 'checkboxes';
      field.options = itemChoices;
    } else if (itemType === undefined || itemType === 'string' || itemType === 'number' || itemType === 'integer') {
      field.kind = 'list';
      field.itemType = itemType ?? 'string';
    } else {
      field.kind = 'json';
      field.valueType = 'json';
    }
  } else if (picker && ENTITY_PICKERS.has(picker)) {
    const isOwner = picker === 'OwnerPicker';
    const isGroups = picker === 'MyGroupsPicker';
    const filter = isGroups ? { kind: ['Group'] } : catalogFilterOf(ui, isOwner ? ['Group', 'User'] : undefined);
    const defaultKind = str(ui.defaultKind) ?? singleKind(filter) ?? (isOwner ? 'group' : undefined);
    field.kind = 'entity';
    field.choices = entityChoices(entities, filter, defaultKind);
    field.arbitrary = !isGroups && ui.allowArbitraryValues !== false;
    set('defaultKind', defaultKind);
    set('defaultNamespace', str(ui.defaultNamespace));
    if (picker === 'OwnedEntityPicker' || isGroups) {
      field.note = 'The portal does not know who you are, so this lists every matching entity, not only yours.';
    }
  } else if (picker === 'RepoUrlPicker') {
    const hosts = strings(ui.allowedHosts);
    field.kind = 'repo-url';
    field.check = 'repo-url';
    field.repo = {
      hosts: hosts.length ? hosts : [options.defaultHost ?? 'github.com'],
      owners: strings(ui.allowedOwners).length ? strings(ui.allowedOwners) : strings(ui.allowedOrganizations),
      repos: strings(ui.allowedRepos),
      ownerLabel: str(ui.ownerLabel) ?? 'Owner',
      repoLabel: str(ui.repoLabel) ?? 'Repository',
    };
  } else if (picker === 'SelectFieldFromApi') {
    const api = selectFromApi(ui, entities);
    set('title', str(ui.title) ?? str(schema.title));
    set('description', str(ui.description) ?? str(schema.description));
    if ('options' in api) {
      field.kind = 'select';
      field.options = api.options;
      set('placeholder', str(ui.placeholder));
    } else {
      field.note = api.problem;
    }
  } else if (enumChoices) {
    field.kind = widget === 'radio' ? 'radio' : 'select';
    field.options = enumChoices;
    field.valueType = type === 'number' || type === 'integer' || type === 'boolean' ? type : 'string';
  } else if (type === 'boolean') {
    field.valueType = 'boolean';
    if (widget === 'radio' || widget === 'select') {
      field.kind = widget;
      field.options = [
        { value: true, label: 'Yes' },
        { value: false, label: 'No' },
      ];
    } else {
      field.kind = 'boolean';
    }
  } else if (type === 'number' || type === 'integer') {
    field.kind = widget === 'hidden' ? 'hidden' : 'number';
    field.valueType = type;
  } else if (type === 'object') {
    field.kind = 'json';
    field.valueType = 'json';
  } else {
    field.kind = widget === 'textarea' ? 'textarea' : widget === 'password' ? 'password' : widget === 'hidden' ? 'hidden' : 'text';
    if (picker === 'EntityNamePicker') field.check = 'entity-name';
    else if (picker === 'Secret') field.note = 'Sent as an ordinary value: a static portal has no secret store.';
  }
  if (picker && !field.note && !KNOWN_FIELDS.has(picker)) {
    field.note = `The portal has no “${picker}” field (a field extension of your Backstage); ${field.kind === 'list' ? 'type the values' : field.kind === 'json' ? 'type the value as JSON' : 'type the value'}.`;
  }
  const rows = num(ui.rows);
  if (rows && (field.kind === 'textarea' || field.kind === 'json')) field.rows = rows;
  field.review = reviewOf(schema, field.kind);
  return field;
}

/** The name of a bare-`oneOf` page's selector: not a property name a template could use, and never sent. */
export const alternativeField = (index: number) => `#alternative-${index}`;

export function buildPage(page: Json, entities: readonly PortalEntity[], options: FormOptions = {}, index = 0): FormPage {
  const alternatives = pageAlternatives(page);
  const fields = alternatives ? alternativeFields(alternatives, entities, options, index) : schemaFields(page, entities, options);
  return {
    title: str(page.title) ?? `Step ${index + 1}`,
    ...(str(page.description) ? { description: str(page.description)! } : {}),
    fields,
    ...(page.when !== undefined ? { when: page.when } : {}),
    ...(alternatives ? { alternatives } : {}),
    schema: page,
  };
}

function schemaFields(page: Json, entities: readonly PortalEntity[], options: FormOptions): FormField[] {
  const properties = isRecord(page.properties) ? page.properties : {};
  const required = new Set(strings(page.required));
  const fields = Object.entries(properties)
    .filter((entry): entry is [string, Json] => isRecord(entry[1]))
    .map(([name, schema]) => buildField(name, schema, required.has(name), entities, options));
  for (const branch of conditionalBranches(page, new Set(fields.map((f) => f.name)))) {
    const branchRequired = new Set(strings(branch.schema.required));
    for (const [name, schema] of Object.entries(isRecord(branch.schema.properties) ? branch.schema.properties : {})) {
      if (!isRecord(schema) || branch.controls.has(name)) continue;
      const same = fields.find((f) => f.name === name);
      if (!same) {
        fields.push({ ...buildField(name, schema, branchRequired.has(name), entities, options), when: branch.when });
        continue;
      }
      // The same field in another branch of one choice (rjsf shows it for either): widen the values it shows for.
      const test = same.when && !same.when.negate && !branch.when.negate && same.when.all.length === 1 && branch.when.all.length === 1 ? same.when.all[0]! : undefined;
      const more = branch.when.all[0];
      if (test?.values && more?.values && test.field === more.field) test.values = [...new Set([...test.values, ...more.values])];
    }
  }
  return fields;
}

/**
 * A page that is a bare `oneOf`, as rjsf shows it: a selector of the alternatives (by title), then the chosen
 * alternative's fields. A property with a `const` (`noDatabase: {const: true}`) is filled, as rjsf fills it.
 */
function alternativeFields(alternatives: Json[], entities: readonly PortalEntity[], options: FormOptions, index: number): FormField[] {
  const name = alternativeField(index);
  const selector: FormField = {
    name,
    kind: 'alternative',
    valueType: 'integer',
    title: 'Choose one',
    required: true,
    default: 0,
    options: alternatives.map((a, i) => ({ value: i, label: str(a.title) ?? `Option ${i + 1}` })),
    review: { show: true },
  };
  const fields = [selector];
  alternatives.forEach((alternative, i) => {
    const when: FieldCondition = { all: [{ field: name, values: [i] }] };
    for (const field of schemaFields(alternative, entities, options)) {
      const own = (isRecord(alternative.properties) ? alternative.properties : {})[field.name];
      const constant = isRecord(own) && 'const' in own ? own.const : undefined;
      if (['string', 'number', 'boolean'].includes(typeof constant)) {
        Object.assign(field, { kind: 'hidden', default: constant, valueType: typeof constant === 'number' ? 'number' : typeof constant });
        field.review = { show: false };
      }
      fields.push({ ...field, when: field.when ? { ...field.when, and: when.all } : when });
    }
  });
  return fields;
}

interface Branch {
  when: FieldCondition;
  /** Properties the condition reads: already fields, not shown again. */
  controls: Set<string>;
  schema: Json;
}

/** A property's test in a condition: its `const` or `enum` as the values, or only "has a value". */
function valueTest(field: string, schema: unknown): ValueTest {
  if (!isRecord(schema)) return { field };
  const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  if (scalar(schema.const)) return { field, values: [schema.const] };
  if (Array.isArray(schema.enum)) return { field, values: schema.enum.filter(scalar) };
  return { field };
}

/**
 * The conditional parts of a page, as react-jsonschema-form shows them: `dependencies` (a property's schema
 * dependency, or its `oneOf` branches told apart by that property's `const`/`enum`) and `if`/`then`/`else`, at
 * the top and inside `allOf`. Conditions on properties the page does not have are left to the schema check.
 */
function conditionalBranches(page: Json, known: ReadonlySet<string>): Branch[] {
  const out: Branch[] = [];
  const dependencies = isRecord(page.dependencies) ? page.dependencies : {};
  for (const [field, dependency] of Object.entries(dependencies)) {
    if (!known.has(field) || !isRecord(dependency)) continue; // an array: a property dependency, nothing to show
    const alternatives = Array.isArray(dependency.oneOf) ? dependency.oneOf.filter(isRecord) : [];
    if (alternatives.length === 0) {
      out.push({ when: { all: [{ field }] }, controls: new Set([field]), schema: dependency });
      continue;
    }
    for (const alternative of alternatives) {
      const props = isRecord(alternative.properties) ? alternative.properties : {};
      const test = valueTest(field, props[field]);
      out.push({ when: { all: [test] }, controls: new Set([field]), schema: alternative });
    }
  }
  const conditionals = [page, ...(Array.isArray(page.allOf) ? page.allOf.filter(isRecord) : [])].filter((c) => isRecord(c.if));
  for (const conditional of conditionals) {
    const test = conditional.if as Json;
    const props = isRecord(test.properties) ? test.properties : {};
    const names = [...new Set([...Object.keys(props), ...strings(test.required)])];
    if (names.length === 0 || names.some((n) => !known.has(n))) continue;
    const needed = new Set(strings(test.required));
    const all = names.map((n): ValueTest => (needed.has(n) ? valueTest(n, props[n]) : { ...valueTest(n, props[n]), absentOk: true }));
    const controls = new Set(names);
    if (isRecord(conditional.then)) out.push({ when: { all }, controls, schema: conditional.then });
    if (isRecord(conditional.else)) out.push({ when: { all, negate: true }, controls, schema: conditional.else });
  }
  return out;
}

/** The whole form of a Template entity. */
export function buildForm(template: PortalEntity, entities: readonly PortalEntity[], options: FormOptions = {}): TemplateForm {
  const spec = template.entity.spec ?? {};
  const pages = parameterPages(spec.parameters);
  const presentation = isRecord(spec.presentation) ? spec.presentation : {};
  const labels = isRecord(presentation.buttonLabels) ? presentation.buttonLabels : {};
  return {
    ref: template.ref,
    title: entityTitle(template.entity),
    pages: pages.map((page, i) => buildPage(page, entities, options, i)),
    buttons: {
      back: str(labels.backButtonText) ?? 'Back',
      review: str(labels.reviewButtonText) ?? 'Review',
      create: str(labels.createButtonText) ?? 'Create',
    },
  };
}
