// Turns ajv errors (allErrors + verbose) into friendly issues: the field, the bad value, what to change.

import type { ErrorObject } from 'ajv';
import { describeSchema, isSchema, typeHint } from './describe.ts';
import { formats, isFormatName } from './formats.ts';
import type { KeyedIssue, ValidationIssue } from './issue.ts';
import { describeValue, fieldName, pointerToPath, quoteValue, type IssuePath } from './paths.ts';

export interface MessageContext {
  /** The entity's kind when a kind schema is involved: "spec.owner is required for a Component". */
  kind?: string;
  /** Errors come from a custom kind's schema, which may require fields anywhere (not only under spec). */
  custom?: boolean;
}

/** Fields every entity has; their "is required" message does not name the kind. */
const ENVELOPE_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'metadata.name']);

const COMPARISONS: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };

function article(word: string): string {
  return /^[AEIOaeio]/.test(word) ? 'an' : 'a';
}

function isUnder(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/**
 * Indexes of errors that belong to a failed oneOf/anyOf's branches. ajv emits them right before the
 * oneOf/anyOf error; branch errors reached through $ref carry the ref's schema path, so "inside" is
 * either under the oneOf's schema path or outside the schema object that holds the oneOf.
 */
function branchErrors(errors: ErrorObject[]): Set<number> {
  const drop = new Set<number>();
  errors.forEach((e, i) => {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') return;
    const holder = e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/') + 1);
    for (let j = i - 1; j >= 0; j--) {
      const b = errors[j] as ErrorObject;
      const inside =
        isUnder(b.instancePath, e.instancePath) &&
        (b.schemaPath.startsWith(`${e.schemaPath}/`) || !b.schemaPath.startsWith(holder));
      if (!inside) break;
      drop.add(j);
    }
  });
  return drop;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? quoteValue(value) : JSON.stringify(value);
}

interface Built {
  message: string;
  hint?: string | undefined;
  path?: IssuePath;
  onKey?: boolean;
  key?: string;
}

function build(e: ErrorObject, path: IssuePath, onKey: boolean, ctx: MessageContext): Built | undefined {
  const field = fieldName(path);
  const parentSchema = isSchema(e.parentSchema) ? e.parentSchema : {};
  const params = e.params as Record<string, unknown>;
  const value = e.data;
  const subject = onKey ? `${fieldName(path.slice(0, -1))} key ${textOf(path[path.length - 1])}` : `${field} ${textOf(value)}`;

  switch (e.keyword) {
    case 'required':
    case 'dependencies': {
      const missing = String(params.missingProperty);
      const target = fieldName([...path, missing]);
      const prop = isSchema(parentSchema.properties) ? parentSchema.properties[missing] : undefined;
      const authored = isSchema(prop) ? prop['x-hint'] : undefined;
      const described = isSchema(prop) ? prop.description : undefined;
      const hint =
        typeof authored === 'string' ? authored : typeof described === 'string' ? `add ${target}: ${described}` : `add ${target}`;
      const kindRule = path[0] === 'spec' || (path.length === 0 && missing === 'spec') || ctx.custom;
      const suffix = ctx.kind && kindRule && !ENVELOPE_FIELDS.has(target) ? ` for ${article(ctx.kind)} ${ctx.kind}` : '';
      const when = e.keyword === 'dependencies' ? ` when ${fieldName([...path, String(params.property)])} is set` : '';
      return { message: `${target} is required${suffix}${when}`, hint, key: `required|${missing}` };
    }
    case 'type': {
      const expected = describeSchema(parentSchema) ?? `of type ${String(params.type)}`;
      return { message: `${field} must be ${expected}, not ${describeValue(value)}`, hint: typeHint(parentSchema, value, path) };
    }
    case 'backlotFormat': {
      const name = e.schema;
      if (!isFormatName(name)) return undefined;
      const rule = formats[name];
      const text = String(value);
      if (!rule.noun) return { message: `${field} must not be blank`, hint: rule.hint(text) };
      if (text === '' && !onKey) return { message: `${field} must not be empty`, hint: rule.hint(text) };
      return { message: `${subject} is not a valid ${rule.noun}`, hint: rule.hint(text) };
    }
    case 'minLength': {
      const limit = Number(params.limit);
      const own = parentSchema['x-hint'];
      if (limit <= 1) {
        return { message: `${field} must not be empty`, hint: typeof own === 'string' ? own : 'give it a value, or remove the line' };
      }
      return { message: `${field} must have at least ${limit} characters` };
    }
    case 'maxLength':
      return { message: `${field} must have at most ${String(params.limit)} characters (it has ${String(value).length})` };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const close = allowed.find((a) => typeof a === 'string' && typeof value === 'string' && a.toLowerCase() === value.toLowerCase());
      return {
        message: `${field} must be one of ${allowed.map(textOf).join(', ')}, not ${textOf(value)}`,
        hint: close !== undefined ? `did you mean ${textOf(close)}?` : undefined,
      };
    }
    case 'const':
      return { message: `${field} must be ${textOf(params.allowedValue)}, not ${textOf(value)}` };
    case 'pattern':
      return { message: `${subject} does not have the expected format`, hint: `it must match the regular expression ${String(params.pattern)}` };
    case 'format':
      return { message: `${subject} is not a valid ${String(params.format)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${field} must be ${COMPARISONS[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}, not ${textOf(value)}` };
    case 'multipleOf':
      return { message: `${field} must be a multiple of ${String(params.multipleOf)}, not ${textOf(value)}` };
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const bound = e.keyword === 'minItems' ? 'at least' : 'at most';
      return { message: `${field} must have ${bound} ${limit} item${limit === 1 ? '' : 's'}` };
    }
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const bound = e.keyword === 'minProperties' ? 'at least' : 'at most';
      return { message: `${field} must have ${bound} ${limit} field${limit === 1 ? '' : 's'}` };
    }
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return { message: `${field} lists the same item twice (items ${first} and ${second})`, hint: 'remove the duplicate' };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const kindText = ctx.kind ? `the schema of ${ctx.kind}` : 'the schema';
      return {
        message: `${field === 'the entity' ? 'The entity' : field} has an unknown field ${JSON.stringify(extra)}`,
        hint: `remove it or fix its spelling; ${kindText} does not allow it`,
        path: [...path, extra],
        onKey: true,
        key: `additionalProperties|${extra}`,
      };
    }
    case 'false schema':
      return { message: `${field} is not allowed here`, hint: 'remove it' };
    case 'not':
      return { message: `${field} has a value that is not allowed here` };
    case 'contains':
      return { message: `${field} must contain at least one matching item` };
    case 'oneOf':
    case 'anyOf': {
      if (Array.isArray(params.passingSchemas)) {
        return { message: `${field} matches more than one of the allowed forms`, hint: 'make it match exactly one' };
      }
      const branches = parentSchema[e.keyword];
      const forms = Array.isArray(branches) ? branches.map(describeSchema) : [];
      const hint = forms.length > 0 && forms.every(Boolean) ? `use ${forms.join(', or ')}` : undefined;
      return { message: `${field} does not match any of the allowed forms`, hint };
    }
    default:
      return { message: `${field} is not valid (it breaks the "${e.keyword}" rule of its schema)` };
  }
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);

/** Keywords whose errors only repeat their sub-errors. */
const SILENT = new Set(['propertyNames', 'if']);

export function issuesFromErrors(errors: ErrorObject[] | null | undefined, entity: unknown, ctx: MessageContext = {}): KeyedIssue[] {
  if (!errors) return [];
  const dropped = branchErrors(errors);
  const out: KeyedIssue[] = [];
  errors.forEach((e, i) => {
    if (dropped.has(i) || SILENT.has(e.keyword)) return;
    const base = pointerToPath(e.instancePath, entity);
    const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
    const onKey = propertyName !== undefined;
    const path = onKey ? [...base, propertyName] : base;
    // Unknown root fields are reported once, by root.ts; a custom schema may still forbid e.g. `spec`.
    if (e.keyword === 'additionalProperties' && e.instancePath === '' && !ROOT_FIELDS.has(String(e.params.additionalProperty))) return;
    const built = build(e, path, onKey, ctx);
    if (!built) return;
    const finalPath = built.path ?? path;
    const issue: ValidationIssue = { code: 'schema', message: built.message, path: finalPath };
    if (built.hint) issue.hint = built.hint;
    if (built.onKey ?? onKey) issue.onKey = true;
    const key = `${e.instancePath}|${onKey ? `key:${propertyName}` : ''}|${built.key ?? `${e.keyword}|${String(e.schema)}`}`;
    out.push({ key, issue });
  });
  return out;
}
