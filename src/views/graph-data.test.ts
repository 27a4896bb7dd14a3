import { describe, expect, it } from 'vitest';
import { entity, portalEntities } from '../testing/entities.ts';
import { indexEntities } from './entities.ts';
import { neighbourhood, walk, type EntityGraph } from './graph.ts';
import { dataSource, graphData, graphFilters } from './graph-data.ts';
import { computeShape, graphShape, placeShape } from './graph-layout.ts';
import { entityPath } from '../model/routes.ts';

const entities = portalEntities([
  entity('Domain', 'commerce', { owner: 'shop' }),
  entity('System', 'checkout', { owner: 'shop', domain: 'commerce' }, { title: 'Checkout' }),
  entity('Component', 'web', { type: 'website', owner: 'shop', system: 'checkout', consumesApis: ['pay'], dependsOn: ['resource:ghost'] }),
  entity('Component', 'api-gw', { type: 'service', owner: 'shop', system: 'checkout', providesApis: ['pay'], dependsOn: ['resource:db'] }),
  entity('API', 'pay', { type: 'openapi', owner: 'shop', system: 'checkout', definition: 'x' }),
  entity('Resource', 'db', { type: 'database', owner: 'shop' }),
  entity('Group', 'shop', { type: 'team', children: ['group:ops/squad'] }),
  entity('Group', 'squad', { type: 'team', members: ['user:default/ann'] }, { namespace: 'ops' }),
  entity('User', 'ann', { profile: { displayName: 'Ann Berg' } }),
]);
const index = indexEntities(entities);
// Through JSON, as the browser receives it.
const data = JSON.parse(JSON.stringify(graphData(entities))) as ReturnType<typeof graphData>;
const source = dataSource(data, (ref) => `/${entityPath(ref)}`);

/** A graph without the build's entity objects, to compare with what the browser draws. */
const plain = (graph: EntityGraph) => ({
  nodes: graph.nodes.map(({ id, kind, title, center, missing }) => ({ id, kind, title, center, missing })),
  edges: graph.edges,
  omitted: graph.omitted,
});
const ids = (graph: EntityGraph) => graph.nodes.map((n) => n.id).sort();

describe('graph data', () => {
  it('draws the same graph in the browser as the build does, for every entity, depth and cap', () => {
    for (const item of entities) {
      for (const depth of [1, 2, 3]) {
        for (const maxNodes of [2, 20]) {
          expect(plain(walk(source, item.ref, { depth, maxNodes })), `${item.ref} depth ${depth}`).toEqual(plain(neighbourhood(item.ref, index, { depth, maxNodes })));
        }
      }
    }
  });

  it('stores each relation pair once, and refs without the default namespace', () => {
    const pairs = data.relations.reduce((n, list) => n + list.length / 2, 0);
    const relations = entities.flatMap((e) => e.entity.relations ?? []);
    const dangling = relations.filter((r) => !index.has(r.targetRef));
    // A relation to a ref not in the catalog (resource:ghost) has only one side to store.
    expect(dangling.map((r) => r.targetRef)).toEqual(['resource:default/ghost']);
    expect(pairs).toBe((relations.length + dangling.length) / 2);
    expect(data.nodes.map(([name]) => name)).toContain('ops/squad');
    expect(data.nodes.map(([name]) => name)).toContain('ghost');
    expect(data.nodes.slice(data.entities).map(([name]) => name)).toEqual(['ghost']);
  });

  it('links catalog nodes to their pages and keeps titles', () => {
    const graph = walk(source, 'group:ops/squad', { depth: 1 });
    expect(graph.nodes.map((n) => [n.id, n.title, n.href])).toEqual([
      ['group:ops/squad', 'squad', '/catalog/ops/group/squad/'],
      ['group:default/shop', 'shop', '/catalog/default/group/shop/'],
      ['user:default/ann', 'Ann Berg', '/catalog/default/user/ann/'],
    ]);
    const missing = walk(source, 'component:default/web').nodes.find((n) => n.id === 'resource:default/ghost')!;
    expect(missing).toEqual({ id: 'resource:default/ghost', kind: 'Resource', title: 'ghost', missing: true });
  });

  it('goes deeper with depth, and draws only the chosen kinds and relations', () => {
    expect(ids(walk(source, 'system:default/checkout', { depth: 1 }))).not.toContain('resource:default/db');
    expect(ids(walk(source, 'system:default/checkout', { depth: 2 }))).toContain('resource:default/db');

    const kinds = walk(source, 'system:default/checkout', { depth: 2, kinds: new Set(['system', 'component']) });
    expect(ids(kinds)).toEqual(['component:default/api-gw', 'component:default/web', 'system:default/checkout']);

    const parts = walk(source, 'group:default/shop', { depth: 3, relations: new Set(['parentOf', 'childOf', 'hasMember', 'memberOf']) });
    expect(ids(parts)).toEqual(['group:default/shop', 'group:ops/squad', 'user:default/ann']);
    expect(parts.edges.map((e) => e.label).sort()).toEqual(['has member', 'parent of']);
    // The centre is drawn whatever the kinds.
    expect(ids(walk(source, 'group:default/shop', { kinds: new Set(['api']) }))).toEqual(['api:default/pay', 'group:default/shop']);
  });

  it('lays a graph out in any direction', () => {
    const graph = walk(source, 'component:default/web');
    const laid = (direction: 'LR' | 'TB') => {
      const shaped = graphShape(graph);
      return placeShape(shaped, computeShape({ ...shaped.input, direction }));
    };
    const at = (layout: ReturnType<typeof laid>, id: string) => layout.nodes.find((n) => n.id === id)!;
    // The owner draws an edge to the component: before it left to right, above it top to bottom.
    expect(at(laid('LR'), 'group:default/shop').x).toBeLessThan(at(laid('LR'), 'component:default/web').x);
    expect(at(laid('TB'), 'group:default/shop').y).toBeLessThan(at(laid('TB'), 'component:default/web').y);
  });

  it('offers the catalog’s kinds and relation pairs as filters', () => {
    const filters = graphFilters(data);
    expect(filters.kinds.map((k) => k.label)).toEqual(['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User']);
    expect(filters.relations).toContainEqual({ types: ['ownedBy', 'ownerOf'], label: 'owner of' });
    expect(filters.relations).toContainEqual({ types: ['partOf', 'hasPart'], label: 'has part' });
    expect(new Set(filters.relations.map((r) => r.label)).size).toBe(filters.relations.length);
  });
});
