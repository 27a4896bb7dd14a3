import { describe, expect, it } from 'vitest';
import { drawnEdge } from '../model/relations.ts';
import { EXPLORER_RELATIONS, explorerGraph, explorerStartGraph, neighbourhood } from './graph.ts';
import { computeShape, graphShape, NODE_HEIGHT, NODE_WIDTH, placeShape, smoothPath } from './graph-layout.ts';
import type { EntityGraph } from './graph.ts';

/** A graph laid out here, as the build's SiteGraphs lays out a shape it has not seen. */
const layoutGraph = (graph: EntityGraph) => {
  const shaped = graphShape(graph);
  return placeShape(shaped, computeShape(shaped.input));
};
import { entity, portalEntities } from '../testing/entities.ts';
import { indexEntities } from './entities.ts';

const index = indexEntities(portalEntities([
  entity('Domain', 'commerce', { owner: 'shop' }),
  entity('System', 'checkout', { owner: 'shop', domain: 'commerce' }),
  entity('Component', 'web', { type: 'website', owner: 'shop', system: 'checkout', consumesApis: ['pay'], dependsOn: ['resource:ghost'] }),
  entity('Component', 'api-gw', { type: 'service', owner: 'shop', system: 'checkout', providesApis: ['pay'], dependsOn: ['resource:db'] }),
  entity('API', 'pay', { type: 'openapi', owner: 'shop', system: 'checkout', definition: 'x' }),
  entity('Resource', 'db', { type: 'database', owner: 'shop' }),
  entity('Group', 'shop', { type: 'team', children: [] }),
]));

const edgeList = (edges: Array<{ from: string; to: string; label: string }>) => edges.map((e) => `${e.from} -${e.label}-> ${e.to}`).sort();

describe('drawnEdge', () => {
  it('draws each relation pair once, from the owning, containing or acting side', () => {
    expect(drawnEdge('component:a', 'ownedBy', 'group:t')).toEqual({ from: 'group:t', to: 'component:a', label: 'owner of' });
    expect(drawnEdge('group:t', 'ownerOf', 'component:a')).toEqual({ from: 'group:t', to: 'component:a', label: 'owner of' });
    expect(drawnEdge('api:p', 'apiProvidedBy', 'component:a')).toEqual({ from: 'component:a', to: 'api:p', label: 'provides API' });
    expect(drawnEdge('component:a', 'reviewedBy', 'group:t')).toEqual({ from: 'component:a', to: 'group:t', label: 'reviewed by' });
  });
});

describe('neighbourhood', () => {
  it('takes the entity and its direct neighbours, dangling ones marked, edges merged', () => {
    const graph = neighbourhood('component:default/web', index);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.title, n.center ?? false, n.missing ?? false])).toEqual([
      ['component:default/web', 'Component', 'web', true, false],
      ['api:default/pay', 'API', 'pay', false, false],
      ['resource:default/ghost', 'Resource', 'ghost', false, true],
      ['group:default/shop', 'Group', 'shop', false, false],
      ['system:default/checkout', 'System', 'checkout', false, false],
    ]);
    expect(edgeList(graph.edges)).toEqual([
      'component:default/web -consumes API-> api:default/pay',
      'component:default/web -depends on-> resource:default/ghost',
      'group:default/shop -owner of-> component:default/web',
      'system:default/checkout -has part-> component:default/web',
    ]);
    expect(graph.omitted).toBe(0);
  });

  it('follows only the chosen relations to the chosen depth', () => {
    const graph = neighbourhood('domain:default/commerce', index, { depth: 3, relations: EXPLORER_RELATIONS });
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'api:default/pay',
      'component:default/api-gw',
      'component:default/web',
      'domain:default/commerce',
      'resource:default/db',
      'resource:default/ghost',
      'system:default/checkout',
    ]);
    expect(edgeList(graph.edges)).toContain('component:default/api-gw -provides API-> api:default/pay');
    expect(graph.edges.some((e) => e.label === 'owner of')).toBe(false);
    // Nodes at the last level are not expanded: no edges between them.
    const shallow = neighbourhood('domain:default/commerce', index, { depth: 1, relations: EXPLORER_RELATIONS });
    expect(shallow.nodes.map((n) => n.id)).toEqual(['domain:default/commerce', 'system:default/checkout']);
  });

  it('caps the nodes and counts the entities left out', () => {
    const graph = neighbourhood('group:default/shop', index, { maxNodes: 3 });
    expect(graph.nodes.length).toBe(4);
    expect(graph.omitted).toBe(3);
    // Kind order decides which stay: components before APIs, resources and systems.
    expect(graph.nodes.slice(1).map((n) => n.kind)).toEqual(['Component', 'Component', 'API']);
  });

  it('keeps every relation type under the cap, not just the most numerous', () => {
    const big = indexEntities(portalEntities([
      entity('Group', 'parent', { type: 'team', children: ['busy'] }),
      entity('Group', 'busy', { type: 'team', members: ['ann'] }),
      entity('User', 'ann', { memberOf: [] }),
      ...Array.from({ length: 30 }, (_, i) => entity('Component', `c${i}`, { type: 'service', owner: 'busy' })),
    ]));
    const graph = neighbourhood('group:default/busy', big, { maxNodes: 5 });
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'group:default/busy',
      'group:default/parent',
      'user:default/ann',
      'component:default/c0',
      'component:default/c1',
      'component:default/c10',
    ]);
    expect(graph.omitted).toBe(27);
  });
});

describe('explorer graphs', () => {
  it('draw the first step at build time and list the whole graph, a few steps out', () => {
    const system = index.get('system:default/checkout')!;
    const whole = explorerGraph(system, index).nodes.map((n) => n.id);
    const start = explorerStartGraph(system, index).nodes.map((n) => n.id);
    expect(start.sort()).toEqual(['api:default/pay', 'component:default/api-gw', 'component:default/web', 'domain:default/commerce', 'system:default/checkout']);
    expect(whole).toEqual(expect.arrayContaining([...start, 'resource:default/db', 'resource:default/ghost']));
    expect(whole).not.toContain('group:default/shop');
  });
});

describe('graph layout', () => {
  it('places every node inside the drawing and routes every edge, with its label between the ends', () => {
    const layout = layoutGraph(neighbourhood('component:default/api-gw', index));
    expect(layout.nodes.length).toBe(5);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(n.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
    }
    // No two nodes overlap.
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    }
    const center = layout.nodes.find((n) => n.center)!;
    const owner = layout.nodes.find((n) => n.id === 'group:default/shop')!;
    const api = layout.nodes.find((n) => n.id === 'api:default/pay')!;
    // Left to right: the owner before the entity, what it provides after it.
    expect(owner.x).toBeLessThan(center.x);
    expect(api.x).toBeGreaterThan(center.x);
    for (const e of layout.edges) {
      expect(e.path).toMatch(/^M\d+ \d+.*L\d+ \d+$/);
      const from = layout.nodes.find((n) => n.id === e.from)!;
      const to = layout.nodes.find((n) => n.id === e.to)!;
      expect(e.labelX).toBeGreaterThan(Math.min(from.x, to.x));
      expect(e.labelX).toBeLessThan(Math.max(from.x, to.x) + NODE_WIDTH);
    }
  });

  it('gives neighbourhoods with the same relations one shape key, so they share a layout', () => {
    const one = indexEntities(portalEntities([
      entity('Group', 'a', { type: 'team' }),
      entity('Component', 'x', { type: 'service', owner: 'a', dependsOn: ['resource:r1'] }),
      entity('Component', 'y', { type: 'service', owner: 'a', dependsOn: ['resource:r2'] }),
    ]));
    const x = graphShape(neighbourhood('component:default/x', one));
    const y = graphShape(neighbourhood('component:default/y', one));
    expect(y.input.key).toBe(x.input.key);
    expect(placeShape(y, computeShape(x.input))).toEqual(layoutGraph(neighbourhood('component:default/y', one)));
    // Grouped by how they connect: incoming edges first.
    expect(y.nodes.map((n) => n.id)).toEqual(['component:default/y', 'group:default/a', 'resource:default/r2']);
  });
});

describe('smoothPath', () => {
  it('rounds points and bends through midpoints', () => {
    expect(smoothPath([{ x: 0.4, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 10.6 }])).toBe('M0 0Q10 10 15 11L20 11');
    expect(smoothPath([{ x: 1, y: 2 }, { x: 3, y: 4 }])).toBe('M1 2L3 4');
    expect(smoothPath([])).toBe('');
  });
});
