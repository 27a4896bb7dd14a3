// JSON Schema (as OpenAPI and AsyncAPI use it) → a display tree. Internal `$ref`s become entries of a
// table of named schemas, so shared and self-referencing schemas are converted once and cycles end there.

import { isInternalRef, refName, type RefResolver } from './refs.ts';
import type { SchemaNode, SchemaProperty, SchemaTable } from '../model/apis.ts';

/** Nesting of inline (unnamed) schemas before the tree is cut. */
const MAX_DEPTH = 12;
/** Schema nodes per definition before trees are cut: bounds the model and the page. */
export const NODE_BUDGET = 5000;
const MAX_TEXT = 2000;
const MAX_ENUM = 50;

export interface SchemaContext {
  refs: RefResolver;
  schemas: SchemaTable;
  warnings: string[];
  /** Nodes left to convert. */
  budget: number;
}

export function schemaContext(refs: RefResolver, budget = NODE_BUDGET): SchemaContext {
  return { refs, schemas: {}, warnings: [], budget };
}

export function convertSchema(value: unknown, ctx: SchemaContext, depth = 0): SchemaNode {
  if (ctx.budget <= 0 || depth > MAX_DEPTH) return { truncated: true };
  ctx.budget -= 1;
  if (value === true) return { type: 'any' };
  if (value === false) return { type: 'nothing' };
  if (!isObject(value)) return {};

  if (typeof value.$ref === 'string') {
    const node = namedRef(value.$ref, ctx);
    // OpenAPI 3.1 allows a description next to a $ref.
    const description = text(value.description);
    return description ? { ...node, description } : node;
  }

  const node: SchemaNode = {};
  const type = displayType(value);
  if (type) node.type = type;
  const simple: Array<'format' | 'title'> = ['format', 'title'];
  for (const key of simple) {
    const v = text(value[key]);
    if (v) node[key] = v;
  }
  const description = text(value.description);
  if (description) node.description = description;
  if (value.nullable === true) node.nullable = true;
  if (value.deprecated === true) node.deprecated = true;
  if (value.readOnly === true) node.readOnly = true;
  if (value.writeOnly === true) node.writeOnly = true;

  const values = Array.isArray(value.enum) ? value.enum : 'const' in value ? [value.const] : undefined;
  if (values) {
    node.enum = values.slice(0, MAX_ENUM).map(show);
    if (values.length > MAX_ENUM) node.enum.push(`… ${values.length - MAX_ENUM} more`);
  }
  if ('default' in value) node.default = show(value.default);
  const example = 'example' in value ? value.example : Array.isArray(value.examples) ? value.examples[0] : undefined;
  if (example !== undefined) node.example = show(example);
  const constraints = describeConstraints(value);
  if (constraints.length) node.constraints = constraints;

  if (isObject(value.properties)) {
    const required = new Set(Array.isArray(value.required) ? value.required.filter((r) => typeof r === 'string') : []);
    const properties: SchemaProperty[] = [];
    for (const [name, schema] of Object.entries(value.properties)) {
      if (ctx.budget <= 0) {
        properties.push({ name: '…', schema: { truncated: true } });
        break;
      }
      const property: SchemaProperty = { name, schema: convertSchema(schema, ctx, depth + 1) };
      if (required.has(name)) property.required = true;
      properties.push(property);
    }
    node.properties = properties;
  }
  if (value.additionalProperties === true) node.additional = true;
  else if (isObject(value.additionalProperties)) node.additional = convertSchema(value.additionalProperties, ctx, depth + 1);
  const items = Array.isArray(value.items) ? value.items[0] : value.items;
  if (items !== undefined) node.items = convertSchema(items, ctx, depth + 1);

  for (const kind of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = value[kind];
    if (!Array.isArray(options)) continue;
    node.variants = { kind, options: options.map((o) => convertSchema(o, ctx, depth + 1)) };
    break;
  }
  return node;
}

/** A `$ref` to a named schema: converted into the table on first sight, referenced by key after that. */
export function namedRef(ref: string, ctx: SchemaContext): SchemaNode {
  if (!isInternalRef(ref)) return { external: ref };
  if (ctx.schemas[ref]) return { ref };
  const target = ctx.refs.get(ref);
  if (target === undefined) {
    warn(ctx, `$ref "${ref}" does not resolve to anything in the definition`);
    return { unresolved: ref };
  }
  // Registered before converting, so a schema that refers back to itself finds its own entry.
  const entry = { name: refName(ref), schema: {} as SchemaNode };
  ctx.schemas[ref] = entry;
  entry.schema = convertSchema(target, ctx, 0);
  return { ref };
}

export function warn(ctx: { warnings: string[] }, message: string): void {
  if (!ctx.warnings.includes(message) && ctx.warnings.length < 20) ctx.warnings.push(message);
}

function displayType(value: Record<string, unknown>): string | undefined {
  const { type } = value;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.filter((t) => typeof t === 'string').join(' | ') || undefined;
  if (isObject(value.properties) || value.additionalProperties !== undefined) return 'object';
  if (value.items !== undefined) return 'array';
  return undefined;
}

/** Constraints shown as `<label> <n>`; one list for every schema node, not one made per node. */
const LABELLED: ReadonlyArray<readonly [string, string]> = [
  ['multipleOf', 'multiple of'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['minProperties', 'min properties'],
  ['maxProperties', 'max properties'],
];

const CONSTRAINTS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'uniqueItems', ...LABELLED.map(([key]) => key)]);

function describeConstraints(value: Record<string, unknown>): string[] {
  // Most schema nodes have none: a look at their few keys is cheaper than a dozen lookups of keys they lack.
  let any = false;
  for (const key in value) {
    if (CONSTRAINTS.has(key)) {
      any = true;
      break;
    }
  }
  if (!any) return [];
  const out: string[] = [];
  const num = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : undefined);
  const min = num('minimum');
  const max = num('maximum');
  // OpenAPI 3.0 has boolean exclusive flags; 3.1 (JSON Schema 2020-12) has numbers.
  if (min !== undefined) out.push(value.exclusiveMinimum === true ? `> ${min}` : `≥ ${min}`);
  if (num('exclusiveMinimum') !== undefined) out.push(`> ${num('exclusiveMinimum')}`);
  if (max !== undefined) out.push(value.exclusiveMaximum === true ? `< ${max}` : `≤ ${max}`);
  if (num('exclusiveMaximum') !== undefined) out.push(`< ${num('exclusiveMaximum')}`);
  for (const [key, label] of LABELLED) {
    const n = num(key);
    if (n !== undefined) out.push(`${label} ${n}`);
  }
  if (typeof value.pattern === 'string') out.push(`pattern ${value.pattern}`);
  if (value.uniqueItems === true) out.push('unique items');
  return out;
}

/** A short display form of any JSON value. */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** A trimmed string field, capped; undefined for anything else. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (!t) return undefined;
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
