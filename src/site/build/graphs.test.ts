import { describe, expect, it } from 'vitest';
import type { Entity } from '../../model/entity.ts';
import type { PortalModel } from '../../model/portal.ts';
import { startGraphs, type SiteGraphs } from './graphs.ts';
import { indexEntities } from '../../views/entities.ts';
import { GRAPH_NODES } from '../../views/entity-page.ts';
import { entityGraph, explorerStartGraph, type EntityGraph } from '../../views/graph.ts';
import { computeShape, graphShape, placeShape } from '../../views/graph-layout.ts';
import { entity, portalEntities } from '../../testing/entities.ts';

// Systems of 1 to `max` components, with and without an API each, and components that provide and depend on
// 0 to 7 APIs and resources each: many distinct shapes, as a large org has.
function org(max: number): PortalModel {
  const entities: Entity[] = [entity('Group', 'team', { type: 'team', children: [] })];
  for (const withApis of [false, true]) {
    for (let n = 1; n <= max; n++) {
      const system = `sys-${withApis ? 'a' : 'b'}-${n}`;
      entities.push(entity('System', system, { owner: 'team' }));
      for (let i = 0; i < n; i++) {
        const name = `${system}-c${i}`;
        entities.push(entity('Component', name, { type: 'service', owner: 'team', system, ...(withApis ? { providesApis: [`${name}-api`] } : {}) }));
        if (withApis) entities.push(entity('API', `${name}-api`, { type: 'openapi', owner: 'team', system, definition: 'x' }));
      }
    }
  }
  for (let i = 0; i < max * 2; i++) {
    const apis = Array.from({ length: i % 8 }, (_, k) => `mix-${i}-api-${k}`);
    const resources = Array.from({ length: Math.floor(i / 8) % 8 }, (_, k) => `resource:mix-${i}-db-${k}`);
    entities.push(entity('Component', `mix-${i}`, { type: 'service', owner: 'team', providesApis: apis, dependsOn: resources }));
    for (const api of apis) entities.push(entity('API', api, { type: 'openapi', owner: 'team', definition: 'x' }));
    for (const resource of resources) entities.push(entity('Resource', resource.slice('resource:'.length), { type: 'database', owner: 'team' }));
  }
  entities.push(entity('Domain', 'everything', { owner: 'team' }));
  return { site: { title: 't', base: '/' }, generatedAt: '2026-01-01T00:00:00Z', repos: [], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] }, entities: portalEntities(entities) };
}

const big = org(30);

/** Every graph the site draws, in the order Astro renders them (entity pages, then the explorers). */
function pageGraphs(model: PortalModel): EntityGraph[] {
  const index = indexEntities(model.entities);
  const explorers = model.entities.filter((e) => ['Domain', 'System'].includes(e.entity.kind));
  explorers.sort((a, b) => a.entity.kind.localeCompare(b.entity.kind));
  return [
    ...model.entities.map((item) => entityGraph(item.ref, index)).filter((g) => g.nodes.length > 1),
    ...explorers.map((item) => explorerStartGraph(item, index)).filter((g) => g.nodes.length > 1),
  ];
}

/** What the pages do: ask for the layout of every graph they draw, `inFlight` at a time. */
async function renderPages(graphs: SiteGraphs, model: PortalModel, inFlight = 4): Promise<void> {
  const queue = pageGraphs(model);
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const layout = await graphs.layout(next);
      expect(layout.nodes.map((n) => n.id)).toEqual(graphShape(next).nodes.map((n) => n.id));
      expect(layout).toEqual(placeShape(graphShape(next), computeShape(graphShape(next).input)));
    }
  }));
}

const shapesOf = (model: PortalModel) => new Set(pageGraphs(model).map((g) => graphShape(g).input.key));

describe('startGraphs', () => {
  it('lays each shape out once, directly: every graph a page draws at build time is a star, none goes to dagre', async () => {
    const index = indexEntities(big.entities);
    // Explorers draw their first step only, capped like an entity page's graph.
    for (const e of big.entities.filter((e) => ['Domain', 'System'].includes(e.entity.kind))) {
      expect(explorerStartGraph(e, index).nodes.length).toBeLessThanOrEqual(GRAPH_NODES + 1);
    }
    const graphs = startGraphs();
    await renderPages(graphs, big);
    const shapes = shapesOf(big).size;
    expect(shapes).toBeGreaterThan(60);
    expect(await graphs.finish()).toEqual({ shapes, direct: shapes, dagre: 0 });
  });

  it('lays out a shape that is not a star with dagre', async () => {
    const graphs = startGraphs();
    const chain: EntityGraph = {
      nodes: ['a', 'b', 'c'].map((id) => ({ id: `component:default/${id}`, kind: 'Component', title: id })),
      edges: [{ from: 'component:default/a', to: 'component:default/b', label: 'depends on' }, { from: 'component:default/b', to: 'component:default/c', label: 'depends on' }],
      omitted: 0,
    };
    const layout = await graphs.layout(chain);
    expect(layout.nodes.map((n) => n.x)).toEqual([...layout.nodes.map((n) => n.x)].sort((a, b) => a - b));
    expect(await graphs.finish()).toEqual({ shapes: 1, direct: 0, dagre: 1 });
  });
});
