// An API entity's definition before and after, read by src/apis/ (the same parsers and `$ref` resolution the
// portal's API pages use), then compared by the rules of its type.

import { definitionText, summariseDefinition } from '../apis/index.ts';
import type { ApiDefinition } from '../model/apis.ts';
import type { Entity } from '../model/entity.ts';
import { diffAsyncApi } from './asyncapi.ts';
import { diffOpenApi } from './openapi.ts';
import { diffProto } from './proto.ts';
import type { ApiChange, ApiDiff } from './types.ts';

/** Undefined when neither side has a definition or the two texts are the same. */
export async function diffApiEntity(before: Entity, after: Entity): Promise<ApiDiff | undefined> {
  const textA = definitionText(before.spec?.definition);
  const textB = definitionText(after.spec?.definition);
  if (textA === textB || textA === undefined || textB === undefined) return undefined;
  const typeA = String(before.spec?.type ?? '');
  const typeB = String(after.spec?.type ?? '');
  const type = typeB.toLowerCase();
  if (typeA.toLowerCase() !== type) {
    // Another kind of API altogether: every client must change.
    return { type, breaking: [{ breaking: true, where: 'definition', message: `type changed from ${typeA} to ${typeB}` }], nonBreaking: [] };
  }
  const [a, b] = await Promise.all([summariseDefinition(typeA, textA), summariseDefinition(typeB, textB)]);
  const changes = await compareDefinitions(a, b, textA, textB);
  if (typeof changes === 'string') return { type, breaking: [], nonBreaking: [], unreadable: changes };
  return { type, breaking: changes.filter((c) => c.breaking), nonBreaking: changes.filter((c) => !c.breaking) };
}

/** The changes, or why they cannot be told. graphql-js (~130 modules) is loaded only for GraphQL definitions. */
export async function compareDefinitions(a: ApiDefinition, b: ApiDefinition, textA: string, textB: string): Promise<ApiChange[] | string> {
  if (a.format === 'broken') return `the base definition cannot be read: ${a.error.message}`;
  if (b.format === 'broken') return `the new definition cannot be read: ${b.error.message}`;
  if (a.format === 'openapi' && b.format === 'openapi') return diffOpenApi(a, b);
  if (a.format === 'asyncapi' && b.format === 'asyncapi') return diffAsyncApi(a, b);
  if (a.format === 'graphql' && b.format === 'graphql') return (await import('./graphql.ts')).diffGraphql(a, b, textA, textB);
  if (a.format === 'grpc' && b.format === 'grpc') return diffProto(a, b);
  return `no breaking-change rules for "${a.type}" definitions`;
}
