// GraphQL SDL: graphql-js's own rules (findBreakingChanges, findDangerousChanges) on schemas built from the SDL;
// additions from src/apis/graphql.ts's summaries. SDL graphql-js cannot build (federation directives or types it
// does not define) falls back to the summaries: removed types and root fields.

import { buildASTSchema, findBreakingChanges, findDangerousChanges, parse, type GraphQLSchema } from 'graphql';
import type { GraphqlDefinition, GraphqlField } from '../model/apis.ts';
import type { ApiChange } from './types.ts';

export function diffGraphql(a: GraphqlDefinition, b: GraphqlDefinition, textA: string, textB: string): ApiChange[] {
  const out: ApiChange[] = [];
  const before = build(textA);
  const after = build(textB);
  if (before && after) {
    for (const c of findBreakingChanges(before, after)) out.push({ breaking: true, where: whereOf(c.description), message: sentence(c.description) });
    for (const c of findDangerousChanges(before, after)) out.push({ breaking: false, where: whereOf(c.description), message: sentence(c.description) });
  } else {
    for (const t of a.types) if (!b.types.some((u) => u.name === t.name)) out.push({ breaking: true, where: t.name, message: `${t.kind} removed` });
    for (const root of ['query', 'mutation', 'subscription'] as const) {
      const names = new Set(b[root].map((f) => f.name));
      for (const f of a[root]) if (!names.has(f.name)) out.push({ breaking: true, where: `${rootName(root)}.${f.name}`, message: 'field removed' });
    }
  }
  const typesBefore = new Set(a.types.map((t) => t.name));
  for (const t of b.types) if (!typesBefore.has(t.name)) out.push({ breaking: false, where: t.name, message: `${t.kind} added` });
  for (const root of ['query', 'mutation', 'subscription'] as const) {
    const names = new Set(a[root].map((f: GraphqlField) => f.name));
    for (const f of b[root]) if (!names.has(f.name)) out.push({ breaking: false, where: `${rootName(root)}.${f.name}`, message: 'field added' });
  }
  return out;
}

const rootName = (root: string) => root.charAt(0).toUpperCase() + root.slice(1);

function build(sdl: string): GraphQLSchema | undefined {
  try {
    return buildASTSchema(parse(sdl), { assumeValidSDL: true });
  } catch {
    return undefined;
  }
}

/** `Query.pets`, `Pet` or `Status.LOST` from graphql-js's description ("Pet.name was removed.", "Pet was removed."). */
function whereOf(description: string): string {
  const value = /^(\w+) was (?:removed from|added to) enum type (\w+)/.exec(description);
  if (value) return `${value[2]}.${value[1]}`;
  return /\b[A-Za-z_]\w*\.[A-Za-z_]\w*\b/.exec(description)?.[0] ?? /^[A-Za-z_]\w*/.exec(description)?.[0] ?? 'schema';
}

function sentence(description: string): string {
  return description.replace(/\.$/, '');
}
