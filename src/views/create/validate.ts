// Browser-side validation of one step: the page's own JSON Schema through ajv (configured as `backlot scaffold`
// configures it, so both agree), plus the checks of Backstage's fields, as messages per field.

import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { valuesAjv } from '../../util/ajv.ts';
import type { FormField, FormPage } from './form.ts';
import { checkField, fieldActive, type Values } from './values.ts';

export interface FieldError {
  /** Property name; empty for a problem no field owns. */
  field: string;
  message: string;
}

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction | Error>();

function compile(schema: object): ValidateFunction | Error {
  let hit = compiled.get(schema);
  if (!hit) {
    ajv ??= valuesAjv(); // as `backlot scaffold` configures it (scaffold/values.ts)
    try {
      hit = ajv.compile(schema);
    } catch (err) {
      hit = err as Error;
    }
    compiled.set(schema, hit);
  }
  return hit;
}

const article = (type: string) =>
  ({ number: 'a number', integer: 'a whole number', boolean: 'yes or no', string: 'text', array: 'a list', object: 'an object' })[type] ?? type;

/** A message a person can act on, for one ajv error on a field (`item` when it is about one list item). */
export function errorMessage(err: ErrorObject, field?: FormField): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return 'This field is required.';
    case 'pattern':
      return `Does not have the expected form (pattern ${String(p.pattern)}).`;
    case 'minLength':
      return `Must be at least ${String(p.limit)} character${p.limit === 1 ? '' : 's'} long.`;
    case 'maxLength':
      return `Must be at most ${String(p.limit)} characters long.`;
    case 'minimum':
      return `Must be ${String(p.limit)} or more.`;
    case 'maximum':
      return `Must be ${String(p.limit)} or less.`;
    case 'exclusiveMinimum':
      return `Must be more than ${String(p.limit)}.`;
    case 'exclusiveMaximum':
      return `Must be less than ${String(p.limit)}.`;
    case 'multipleOf':
      return `Must be a multiple of ${String(p.multipleOf)}.`;
    case 'type':
      return `Must be ${String(p.type).split(',').map(article).join(' or ')}.`;
    case 'enum':
    case 'const':
      return field?.options?.length ? `Choose one of: ${field.options.map((o) => o.label).join(', ')}.` : 'Choose one of the allowed values.';
    case 'format':
      return `Must be a valid ${String(p.format)}.`;
    case 'minItems':
      return `Add at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `Give at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`;
    case 'uniqueItems':
      return 'Items must not repeat.';
    default:
      return `${err.message ?? 'Is not valid'}.`.replace(/^./, (c) => c.toUpperCase());
  }
}

function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Whether an error comes from a `dependencies` oneOf branch whose value does not match the form's: such a branch
 * is not the one chosen, so its failures (the picking value, its own required fields) are nobody's problem.
 */
function inUnchosenBranch(schema: Record<string, unknown>, schemaPath: string, values: Values): boolean {
  const [keyword, name, oneOf, branch] = pointerParts(schemaPath.replace(/^#/, ''));
  if (keyword !== 'dependencies' || oneOf !== 'oneOf' || !name || !/^\d+$/.test(branch ?? '')) return false;
  const dependency = (schema.dependencies as Record<string, { oneOf?: Array<{ properties?: Record<string, { const?: unknown; enum?: unknown[] }> }> }> | undefined)?.[name];
  const test = dependency?.oneOf?.[Number(branch)]?.properties?.[name];
  if (!test) return false;
  const value = values[name];
  if ('const' in test) return value !== test.const;
  if (Array.isArray(test.enum)) return !test.enum.includes(value);
  return false;
}

/** What a step is checked against: the page, or for a bare-`oneOf` page the alternative chosen. */
function stepSchema(page: FormPage, values: Values): object {
  const selector = page.fields.find((f) => f.kind === 'alternative');
  if (!page.alternatives || !selector) return page.schema;
  return page.alternatives[Number(values[selector.name] ?? 0)] ?? page.schema;
}

/** Problems of one step, at most one per field (the first), fields in page order, then the rest. */
export function validatePage(page: FormPage, values: Values): FieldError[] {
  // Hidden fields (a condition that does not hold) get no messages: nobody could act on them.
  const shown = page.fields.filter((f) => fieldActive(f, values));
  const byName = new Map(shown.map((f) => [f.name, f]));
  const found = new Map<string, string>();
  const loose: string[] = [];
  const validate = compile(stepSchema(page, values));
  const data = Object.fromEntries(Object.entries(values).filter(([name]) => byName.get(name)?.kind !== 'alternative'));
  if (validate instanceof Error) {
    loose.push(`The template's parameters are not a valid JSON Schema: ${validate.message}`);
  } else if (!validate(data)) {
    for (const err of validate.errors ?? []) {
      if (err.keyword === 'if' || err.keyword === 'oneOf' || err.keyword === 'anyOf' || err.keyword === 'allOf') continue;
      if (inUnchosenBranch(page.schema, err.schemaPath, values)) continue;
      const path = pointerParts(err.instancePath);
      const name = err.keyword === 'required' && path.length === 0 ? String((err.params as { missingProperty: string }).missingProperty) : path[0];
      const field = name === undefined ? undefined : byName.get(name);
      if (!field) {
        loose.push(`${name ? `${name}: ` : ''}${errorMessage(err)}`);
        continue;
      }
      if (found.has(field.name)) continue;
      const item = path.length > 1 && /^\d+$/.test(path[1]!) ? `Item ${Number(path[1]) + 1}: ` : '';
      found.set(field.name, item + errorMessage(err, field));
    }
  }
  for (const field of shown) {
    if (found.has(field.name)) continue;
    const message = checkField(field, values[field.name]);
    if (message) found.set(field.name, message);
  }
  const errors: FieldError[] = shown.filter((f) => found.has(f.name)).map((f) => ({ field: f.name, message: found.get(f.name)! }));
  return [...errors, ...[...new Set(loose)].map((message) => ({ field: '', message }))];
}

/** The whole form's check, exactly as `backlot scaffold` runs it in the workflow (all pages at once). */
export { validateValues } from '../../scaffold/values.ts';
