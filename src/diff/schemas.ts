// Breaking-change rules for JSON Schemas (OpenAPI bodies and parameters, AsyncAPI payloads), on the schema trees
// src/apis/ already builds. A request schema breaks clients when it asks more of them (a new required field, a
// narrower type or enum); a response schema breaks them when it gives less (a field removed or made optional, a
// changed type). `both` applies both rules (an AsyncAPI message sent and received).

import type { SchemaNode, SchemaTable } from '../model/apis.ts';
import type { ApiChange } from './types.ts';

export type Direction = 'request' | 'response' | 'both';

export interface SchemaDiffContext {
  before: SchemaTable;
  after: SchemaTable;
  direction: Direction;
  /** The operation, channel or message, for every change found. */
  where: string;
  out: ApiChange[];
}

/** Nesting walked before giving up (named schemas are also walked once per pair, so cycles end). */
const MAX_DEPTH = 20;

export function diffSchema(a: SchemaNode | undefined, b: SchemaNode | undefined, ctx: SchemaDiffContext, label: string): void {
  walk(a, b, ctx, label, '', new Set(), 0);
}

function walk(
  a: SchemaNode | undefined,
  b: SchemaNode | undefined,
  ctx: SchemaDiffContext,
  label: string,
  path: string,
  seen: Set<string>,
  depth: number,
): void {
  if (!a || !b || depth > MAX_DEPTH) return;
  const ra = resolve(a, ctx.before);
  const rb = resolve(b, ctx.after);
  if (ra.ref || rb.ref) {
    const pair = `${ra.ref ?? ''}\0${rb.ref ?? ''}`;
    if (seen.has(pair)) return;
    seen = new Set(seen).add(pair);
  }
  const x = ra.node;
  const y = rb.node;
  if (x.truncated || y.truncated || x.external || y.external) return;
  const request = ctx.direction !== 'response';
  const response = ctx.direction !== 'request';
  const add = (breaking: boolean, message: string) => ctx.out.push({ breaking, where: ctx.where, message: `${label}: ${message}` });
  const self = path ? `field "${path}"` : 'schema';
  const child = (name: string) => (path ? `${path}.${name}` : name);

  if (x.type && y.type && x.type !== y.type) {
    const widened = typesOf(x.type).every((t) => typesOf(y.type!).includes(t));
    add(!(widened && !response), `${self}: type changed from ${x.type} to ${y.type}`);
    return;
  }
  if (x.enum || y.enum) {
    const before = new Set(x.enum ?? []);
    const after = new Set(y.enum ?? []);
    const dropped = x.enum ? [...before].filter((v) => !after.has(v)) : [];
    const gained = y.enum ? [...after].filter((v) => !before.has(v)) : [];
    if (!x.enum) add(request, `${self}: now restricted to ${list(y.enum!)}`);
    else if (!y.enum) add(false, `${self}: no longer restricted to a list of values`);
    else {
      const no = `${dropped.length === 1 ? 'is' : 'are'} no longer ${request ? 'allowed' : 'returned'}`;
      if (dropped.length) add(request, `${self}: enum narrowed: ${list(dropped)} ${no}`);
      if (gained.length) add(false, `${self}: enum widened: ${list(gained)} added`);
    }
  }
  if (x.properties || y.properties) {
    const before = new Map((x.properties ?? []).map((p) => [p.name, p]));
    const after = new Map((y.properties ?? []).map((p) => [p.name, p]));
    for (const [name, p] of before) {
      const q = after.get(name);
      const field = `"${child(name)}"`;
      if (!q) {
        add(response, `field ${field} removed`);
        continue;
      }
      if (!p.required && q.required) add(request, `field ${field} is now required`);
      if (p.required && !q.required) add(response, `field ${field} is no longer always present`);
      walk(p.schema, q.schema, ctx, label, child(name), seen, depth + 1);
    }
    for (const [name, q] of after) {
      if (before.has(name)) continue;
      if (q.required && request) add(true, `new required field "${child(name)}"`);
      else add(false, `field "${child(name)}" added`);
    }
  }
  if (x.items && y.items) walk(x.items, y.items, ctx, label, `${path}[]`, seen, depth + 1);
}

/** Follows `ref`s into the definition's schema table. */
function resolve(node: SchemaNode, table: SchemaTable): { node: SchemaNode; ref?: string } {
  let current = node;
  let ref: string | undefined;
  for (let hops = 0; current.ref && hops < 10; hops++) {
    ref = current.ref;
    const next = table[current.ref]?.schema;
    if (!next) break;
    current = next;
  }
  return ref ? { node: current, ref } : { node: current };
}

function typesOf(type: string): string[] {
  return type.split('|').map((t) => t.trim());
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((v) => `"${v}"`).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
