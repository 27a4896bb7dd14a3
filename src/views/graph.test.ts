import { describe, expect, it } from 'vitest';
import { drawnEdge } from '../model/relations.ts';
import { EXPLORER_RELATIONS, explorerGraph, explorerStartGraph, neighbourhood } from './graph.ts';
import { computeShape, dagreShape, graphShape, isStar, NODE_HEIGHT, NODE_WIDTH, placeShape, smoothPath, starShape, type Shape, type ShapeInput } from './graph-layout.ts';

type Point = { x: number; y: number };
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

  it('are walked once per index: the page and its rebuild key share the graph, and a new model gets its own', () => {
    const system = index.get('system:default/checkout')!;
    expect(explorerGraph(system, index)).toBe(explorerGraph(system, index));
    // `backlot dev` hands over a new model (a new index) when a catalog file changes: its graph is walked again.
    const changed = indexEntities(portalEntities([
      entity('System', 'checkout', { owner: 'shop' }),
      entity('Component', 'web', { type: 'website', owner: 'shop', system: 'checkout' }),
    ]));
    const again = explorerGraph(changed.get('system:default/checkout')!, changed);
    expect(again.nodes.map((n) => n.id).sort()).toEqual(['component:default/web', 'system:default/checkout']);
    expect(explorerGraph(system, index).nodes.map((n) => n.id)).toContain('resource:default/db');
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

describe('star layout', () => {
  type Edge = { from: number; to: number; label: string };
  const labels = ['owner of', 'has part', 'provides API', 'depends on', 'consumes API', 'child of'];
  /** Stars of `ins` nodes pointing at the centre and `outs` it points at, one edge each, labels taken in turn. */
  const star = (ins: number, outs: number): ShapeInput => {
    const edges: Edge[] = [];
    for (let i = 1; i <= ins; i++) edges.push({ from: i, to: 0, label: labels[i % labels.length]! });
    for (let i = ins + 1; i <= ins + outs; i++) edges.push({ from: 0, to: i, label: labels[(i * 5) % labels.length]! });
    return { key: `${ins}/${outs}`, count: ins + outs + 1, edges };
  };
  const sorted = (items: object[]) => items.map((i) => JSON.stringify(i)).sort();

  it('is used for stars only, left to right', () => {
    expect(isStar(star(2, 3))).toBe(true);
    expect(isStar({ key: '', count: 3, edges: [{ from: 0, to: 1, label: 'a' }, { from: 1, to: 2, label: 'b' }] })).toBe(false);
    expect(isStar({ key: '', count: 3, edges: [{ from: 0, to: 1, label: 'a' }] })).toBe(false); // node 2 has no edge
    expect(isStar({ key: '', count: 1, edges: [] })).toBe(false);
    expect(computeShape(star(1, 2))).toEqual(starShape(star(1, 2)));
    expect(computeShape({ ...star(1, 2), direction: 'TB' })).toEqual(dagreShape({ ...star(1, 2), direction: 'TB' }));
  });

  it("draws what dagre draws for a star: the same size, boxes, labels and edge paths, only the nodes' order in a column may differ", () => {
    const cases = [star(0, 1), star(1, 0)];
    for (let ins = 0; ins <= 5; ins++) for (let outs = 0; outs <= 8; outs++) if (ins + outs > 0) cases.push(star(ins, outs));
    // Two relations to one node, and a relation each way.
    cases.push({ key: 'double', count: 3, edges: [{ from: 0, to: 1, label: 'has part' }, { from: 0, to: 1, label: 'owner of' }, { from: 2, to: 0, label: 'depends on' }] });
    for (const input of cases) {
      const direct = starShape(input);
      const dagre = dagreShape(input);
      expect([direct.width, direct.height], input.key).toEqual([dagre.width, dagre.height]);
      expect(sorted(direct.nodes), input.key).toEqual(sorted(dagre.nodes));
      expect(sorted(direct.edges), input.key).toEqual(sorted(dagre.edges));
    }
    // A relation each way: the node after the centre, as dagre puts it; the two labels may swap places.
    const both: ShapeInput = { key: 'both ways', count: 2, edges: [{ from: 0, to: 1, label: 'depends on' }, { from: 1, to: 0, label: 'depends on' }] };
    const labelsOf = (shape: Shape) => sorted(shape.edges.map((e) => ({ x: e.labelX, y: e.labelY })));
    expect(starShape(both).nodes).toEqual(dagreShape(both).nodes);
    expect(labelsOf(starShape(both))).toEqual(labelsOf(dagreShape(both)));
  });

  it('keeps the nodes in their order top to bottom, each edge through its label, and stacks many labels to one node without overlap', () => {
    const input: ShapeInput = {
      key: 'many',
      count: 4,
      edges: [
        { from: 1, to: 0, label: 'owner of' },
        { from: 0, to: 2, label: 'has part' },
        { from: 0, to: 2, label: 'depends on' },
        { from: 0, to: 2, label: 'consumes API' },
        { from: 0, to: 3, label: 'provides API' },
      ],
    };
    const shape = starShape(input);
    const [center, owner, part, api] = shape.nodes as [Point, Point, Point, Point];
    expect(owner.x).toBeLessThan(center.x);
    expect(part.x).toBeGreaterThan(center.x);
    expect(api.x).toBe(part.x);
    expect(part.y).toBeLessThan(api.y);
    // The three labels to `part` are stacked around its middle, apart, and clear of `api`'s label.
    const ys = shape.edges.map((e) => e.labelY);
    expect(ys.slice(1, 4)).toEqual([part.y + NODE_HEIGHT / 2 - 24, part.y + NODE_HEIGHT / 2, part.y + NODE_HEIGHT / 2 + 24]);
    expect(ys[4]! - ys[3]!).toBeGreaterThanOrEqual(24);
    for (const [i, e] of shape.edges.entries()) {
      expect(e.path).toContain(`Q${e.labelX} ${e.labelY} `);
      expect(e.labelY - 8).toBeGreaterThanOrEqual(0);
      expect(e.labelY + 8).toBeLessThanOrEqual(shape.height);
      expect(e.path.startsWith('M'), String(i)).toBe(true);
    }
    expect(shape.width).toBe(dagreShape(input).width);
    expect(shape.height).toBe(dagreShape(input).height);
  });
});
