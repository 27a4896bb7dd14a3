// Plain-words descriptions of what a schema node expects, and hints for values of the wrong type.

import type { IssuePath } from './paths.ts';

type Schema = Record<string, unknown>;

const SINGULAR: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
  object: 'an object',
  array: 'a list',
};

const PLURAL: Record<string, string> = {
  string: 'strings',
  number: 'numbers',
  integer: 'whole numbers',
  boolean: 'booleans',
  object: 'objects',
  array: 'lists',
};

export function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typesOf(schema: Schema): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function describeType(type: string, schema: Schema): string {
  if (type === 'array' && isSchema(schema.items)) {
    const itemTypes = typesOf(schema.items);
    const plural = itemTypes.length === 1 ? PLURAL[itemTypes[0] as string] : undefined;
    if (plural) return `a list of ${plural}`;
  }
  return SINGULAR[type] ?? `of type ${type}`;
}

/** `a string`, `a list of strings`, `an object or a list of objects`; undefined when the schema says no type. */
export function describeSchema(schema: unknown): string | undefined {
  if (!isSchema(schema)) return undefined;
  const types = typesOf(schema);
  if (types.length > 0) return types.map((t) => describeType(t, schema)).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  return undefined;
}

/** `{kind: Group, name: team-a}` → `group:team-a`. */
function compoundRefToString(value: Record<string, unknown>): string | undefined {
  const { kind, namespace, name } = value;
  if (typeof name !== 'string' || name === '') return undefined;
  const k = typeof kind === 'string' && kind ? `${kind.toLowerCase()}:` : '';
  const ns = typeof namespace === 'string' && namespace ? `${namespace}/` : '';
  return `${k}${ns}${name}`;
}

function refExample(defaultKind: string): string {
  return defaultKind ? `${defaultKind}:default/my-${defaultKind}` : 'component:default/my-service';
}

/** What to change when `value` has the wrong type for `schema` (the node that declared the type). */
export function typeHint(schema: Schema, value: unknown, path: IssuePath): string | undefined {
  if (isSchema(value) && Object.keys(value).length === 1 && '$text' in value) {
    return 'the $text placeholder was not replaced by the file\'s text; check that the file or URL it names can be read';
  }
  const own = schema['x-type-hint'];
  if (typeof own === 'string') return own;
  const types = typesOf(schema);
  const refKind = schema['x-ref'];
  if (typeof refKind === 'string' && isSchema(value)) {
    const written = compoundRefToString(value);
    return `write the entity reference as one string "[kind:][namespace/]name", e.g. "${written ?? refExample(refKind)}"`;
  }
  if (value === null || value === undefined) {
    return typeof schema['x-hint'] === 'string' ? schema['x-hint'] : 'give it a value, or remove the line';
  }
  if (types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    return `quote it: '${String(value)}'`;
  }
  const items = schema.items;
  const stringItems = items === undefined || (isSchema(items) && typesOf(items).includes('string'));
  if (types.includes('array') && !types.includes('string') && stringItems && typeof value === 'string') {
    const key = [...path].reverse().find((s) => typeof s === 'string') ?? 'items';
    return `make it a list: ${key}: [${JSON.stringify(value)}]`;
  }
  if (types.includes('array') && isSchema(value)) return 'make it a list: start each item with "- "';
  return undefined;
}
