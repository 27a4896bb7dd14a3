import { describe, expect, it } from 'vitest';
import { summariseDefinition } from './summarise.ts';
import type { GraphqlDefinition } from '../model/apis.ts';

const SDL = `"""A customer of ours."""
type Customer implements Node {
  id: ID!
  name: String!
}

interface Node {
  id: ID!
}

schema {
  query: Root
  mutation: Mutation
}

type Root {
  "Look one up."
  customer(id: ID!): Customer
  customers(first: Int = 20, after: String): [Customer!]!
}

extend type Root {
  legacyCustomer(number: Int!): Customer @deprecated(reason: "Use customer.")
  oldest: Customer @deprecated
}

type Mutation {
  renameCustomer(input: RenameInput!): Customer
}

type Subscription {
  neverServed: Customer
}

input RenameInput { id: ID!, name: String! }
enum Tier { GOLD SILVER }
extend enum Tier { BRONZE }
union SearchResult = Customer
scalar DateTime
directive @key(fields: String!) on OBJECT
`;

async function graphql(text: string): Promise<GraphqlDefinition> {
  const out = await summariseDefinition('graphql', text);
  if (out.format !== 'graphql') throw new Error(`expected graphql, got ${JSON.stringify(out)}`);
  return out;
}

describe('GraphQL SDL', () => {
  it('lists the root operations from the schema definition, including extensions', async () => {
    const def = await graphql(SDL);
    expect(def.fileName).toBe('schema.graphql');
    expect(def.language).toBe('graphql');
    expect(def.query).toEqual([
      { name: 'customer', type: 'Customer', args: [{ name: 'id', type: 'ID!' }], description: 'Look one up.', line: 18 },
      { name: 'customers', type: '[Customer!]!', args: [{ name: 'first', type: 'Int', default: '20' }, { name: 'after', type: 'String' }], line: 19 },
      { name: 'legacyCustomer', type: 'Customer', args: [{ name: 'number', type: 'Int!' }], deprecated: 'Use customer.', line: 23 },
      { name: 'oldest', type: 'Customer', args: [], deprecated: 'deprecated', line: 24 },
    ]);
    expect(def.mutation.map((f) => f.name)).toEqual(['renameCustomer']);
    // `Subscription` is not the subscription root here: the schema names none, so it is an ordinary type.
    expect(def.subscription).toEqual([]);
  });

  it('lists the other types by name with their members and lines', async () => {
    const def = await graphql(SDL);
    expect(def.types.map((t) => [t.name, t.kind, t.members])).toEqual([
      ['Customer', 'type', ['id', 'name']],
      ['DateTime', 'scalar', []],
      ['Node', 'interface', ['id']],
      ['RenameInput', 'input', ['id', 'name']],
      ['SearchResult', 'union', ['Customer']],
      ['Subscription', 'type', ['neverServed']],
      ['Tier', 'enum', ['GOLD', 'SILVER', 'BRONZE']],
    ]);
    expect(def.types[0]).toMatchObject({ description: 'A customer of ours.', line: 2 });
  });

  it('uses the default root names without a schema definition', async () => {
    const def = await graphql('type Query { a: Int }\ntype Subscription { changed: Int }');
    expect(def.query.map((f) => f.name)).toEqual(['a']);
    expect(def.subscription.map((f) => f.name)).toEqual(['changed']);
    expect(def.types).toEqual([]);
  });

  it('turns a syntax error into a broken definition with its position', async () => {
    const out = await summariseDefinition('graphql', 'type Query {\n  a: Int\n  b(: Int\n}');
    expect(out).toMatchObject({ format: 'broken', fileName: 'schema.graphql', error: { line: 3, column: 5 } });
    if (out.format === 'broken') expect(out.error.message).toMatch(/^Not valid GraphQL SDL: Expected Name, found ":"/);
  });
});
