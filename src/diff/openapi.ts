// OpenAPI 3.x and Swagger 2.0 (both summarised by src/apis/openapi.ts into the same shape): removed paths and
// operations, parameters, request bodies and responses, by the usual breaking-change rules.

import type { MediaTypeSchema, OpenApiDefinition, OpenApiOperation } from '../model/apis.ts';
import { diffSchema, type Direction } from './schemas.ts';
import type { ApiChange } from './types.ts';

export function diffOpenApi(a: OpenApiDefinition, b: OpenApiDefinition): ApiChange[] {
  const out: ApiChange[] = [];
  const before = operations(a);
  const after = operations(b);
  const pathsAfter = new Set([...after.values()].map((op) => normalPath(op.path)));
  const pathsBefore = new Set([...before.values()].map((op) => normalPath(op.path)));
  const removedPaths = new Set<string>();
  for (const [key, op] of before) {
    const next = after.get(key);
    if (next) {
      diffOperation(op, next, a, b, out);
      continue;
    }
    const path = normalPath(op.path);
    if (!pathsAfter.has(path)) {
      if (!removedPaths.has(path)) out.push({ breaking: true, where: op.path, message: 'path removed' });
      removedPaths.add(path);
    } else out.push({ breaking: true, where: `${op.method} ${op.path}`, message: 'operation removed' });
  }
  for (const [key, op] of after) {
    if (before.has(key)) continue;
    out.push({ breaking: false, where: `${op.method} ${op.path}`, message: pathsBefore.has(normalPath(op.path)) ? 'operation added' : 'operation added (new path)' });
  }
  return out;
}

/** Operations by `METHOD path`, path parameters unnamed (`/pets/{id}` and `/pets/{petId}` are one path). */
function operations(def: OpenApiDefinition): Map<string, OpenApiOperation> {
  const out = new Map<string, OpenApiOperation>();
  for (const group of def.groups) {
    for (const op of group.operations) {
      const key = `${op.webhook ? 'WEBHOOK ' : ''}${op.method} ${normalPath(op.path)}`;
      if (!out.has(key)) out.set(key, op);
    }
  }
  return out;
}

function normalPath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function diffOperation(x: OpenApiOperation, y: OpenApiOperation, a: OpenApiDefinition, b: OpenApiDefinition, out: ApiChange[]): void {
  const where = `${y.method} ${y.path}`;
  const add = (breaking: boolean, message: string) => out.push({ breaking, where, message });
  if (!x.deprecated && y.deprecated) add(false, 'deprecated');

  const before = new Map(x.parameters.map((p) => [paramKey(p, x.path), p]));
  const after = new Map(y.parameters.map((p) => [paramKey(p, y.path), p]));
  for (const [key, p] of before) {
    const q = after.get(key);
    const label = `${p.in} parameter "${p.name}"`;
    if (!q) {
      add(false, `${label} removed`);
      continue;
    }
    if (!p.required && q.required) add(true, `${label} is now required`);
    diffSchema(p.schema, q.schema, { before: a.schemas, after: b.schemas, direction: 'request', where, out }, label);
  }
  for (const [key, q] of after) {
    if (before.has(key)) continue;
    add(!!q.required, `new ${q.required ? 'required' : 'optional'} ${q.in} parameter "${q.name}"`);
  }

  const bodyBefore = x.requestBody;
  const bodyAfter = y.requestBody;
  if (bodyAfter && (!bodyBefore || !bodyBefore.required) && bodyAfter.required) add(true, 'request body is now required');
  else if (bodyAfter && !bodyBefore) add(false, 'optional request body added');
  if (bodyBefore && !bodyAfter) add(false, 'request body removed');
  if (bodyBefore && bodyAfter) diffContent(bodyBefore.content, bodyAfter.content, 'request body', 'request', a, b, where, out);

  const responses = new Map(y.responses.map((r) => [r.status, r]));
  for (const r of x.responses) {
    const next = responses.get(r.status);
    if (!next) {
      add(/^2/.test(r.status), `response ${r.status} removed`);
      continue;
    }
    diffContent(r.content, next.content, `response ${r.status}`, 'response', a, b, where, out);
  }
  const statuses = new Set(x.responses.map((r) => r.status));
  for (const r of y.responses) if (!statuses.has(r.status)) add(false, `response ${r.status} added`);
}

/** Path parameters by their place in the path (`{id}` renamed `{orderId}` is the same parameter); headers by lower-cased name. */
function paramKey(p: { in: string; name: string }, path: string): string {
  if (p.in === 'path') {
    const names = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const at = names.indexOf(p.name);
    if (at !== -1) return `path:#${at}`;
  }
  return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
}

function diffContent(
  x: MediaTypeSchema[],
  y: MediaTypeSchema[],
  label: string,
  direction: Direction,
  a: OpenApiDefinition,
  b: OpenApiDefinition,
  where: string,
  out: ApiChange[],
): void {
  const after = new Map(y.map((m) => [m.mediaType, m]));
  for (const m of x) {
    const next = after.get(m.mediaType);
    if (!next) {
      out.push({ breaking: true, where, message: `${label}: ${m.mediaType} no longer ${direction === 'request' ? 'accepted' : 'returned'}` });
      continue;
    }
    diffSchema(m.schema, next.schema, { before: a.schemas, after: b.schemas, direction, where, out }, label);
  }
}
