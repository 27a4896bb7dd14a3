// GraphQL SDL → the root operations (queries, mutations, subscriptions) and the other types, with their lines.
// Works on the parsed document (graphql-js `parse`), so SDL using directives it does not define (federation) still reads.

import { Kind, parse, print, type DefinitionNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import type { DefinitionBase, GraphqlDefinition, GraphqlField, GraphqlType } from '../model/apis.ts';

type Root = 'query' | 'mutation' | 'subscription';

/** Throws graphql-js's GraphQLError (with `locations`) on a syntax error. */
export function summariseGraphql(sdl: string, base: DefinitionBase): GraphqlDefinition {
  const doc = parse(sdl, { noLocation: false });
  // A schema definition names the roots; without one, the conventional names are the roots.
  const schemaDefs = doc.definitions.filter((d) => d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION);
  const roots: Partial<Record<Root, string>> = schemaDefs.length ? {} : { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  for (const def of schemaDefs) {
    for (const op of def.operationTypes ?? []) roots[op.operation as Root] = op.type.name.value;
  }
  const rootOf = new Map(Object.entries(roots).map(([op, name]) => [name as string, op as Root]));

  const out: GraphqlDefinition = { ...base, format: 'graphql', query: [], mutation: [], subscription: [], types: [] };
  const types = new Map<string, GraphqlType>();
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    const root = rootOf.get(name);
    if (root && (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION)) {
      out[root].push(...(def.fields ?? []).map(readField));
      continue;
    }
    const kind = typeKind(def);
    if (!kind) continue;
    const existing = types.get(name);
    const members = typeMembers(def);
    if (existing) {
      // `extend type X` adds to X.
      existing.members.push(...members);
      continue;
    }
    const type: GraphqlType = { name, kind, members, line: lineOf(def.name) };
    const description = 'description' in def ? def.description?.value.trim() : undefined;
    if (description) type.description = description;
    types.set(name, type);
  }
  out.types = [...types.values()].sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

function readField(field: FieldDefinitionNode): GraphqlField {
  const out: GraphqlField = {
    name: field.name.value,
    type: print(field.type),
    args: (field.arguments ?? []).map(readArgument),
    line: lineOf(field.name),
  };
  const description = field.description?.value.trim();
  if (description) out.description = description;
  const deprecated = field.directives?.find((d) => d.name.value === 'deprecated');
  if (deprecated) {
    const reason = deprecated.arguments?.find((a) => a.name.value === 'reason');
    out.deprecated = reason?.value.kind === Kind.STRING ? reason.value.value : 'deprecated';
  }
  return out;
}

function readArgument(arg: InputValueDefinitionNode): GraphqlField['args'][number] {
  const out: GraphqlField['args'][number] = { name: arg.name.value, type: print(arg.type) };
  if (arg.defaultValue) out.default = print(arg.defaultValue);
  return out;
}

function typeKind(def: DefinitionNode): GraphqlType['kind'] | undefined {
  switch (def.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
      return 'type';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return 'input';
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return 'interface';
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      return 'union';
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return 'enum';
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
      return 'scalar';
    default:
      return undefined;
  }
}

function typeMembers(def: DefinitionNode): string[] {
  if ('fields' in def && def.fields) return def.fields.map((f) => f.name.value);
  if ('values' in def && def.values) return def.values.map((v) => v.name.value);
  if ('types' in def && def.types) return def.types.map((t) => t.name.value);
  return [];
}

function lineOf(node: { loc?: { startToken: { line: number } } | undefined }): number {
  return node.loc?.startToken.line ?? 0;
}
