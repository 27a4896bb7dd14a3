import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../model/entity.ts';
import type { PortalModel } from '../../model/portal.ts';
import { siteGraphShapes, startGraphs, type SiteGraphs } from './graphs.ts';
import { indexEntities } from '../../views/entities.ts';
import { GRAPH_NODES } from '../../views/entity-page.ts';
import { entityGraph, explorerStartGraph, type EntityGraph } from '../../views/graph.ts';
import { computeShape, graphShape } from '../../views/graph-layout.ts';
import { entity, portalEntities } from '../../testing/entities.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-graphs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
const small = org(6);

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
    }
  }));
}

/** Lets the worker threads run for a while, as they do while Astro bundles. */
const meanwhile = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('siteGraphShapes', () => {
  it('lists each distinct shape once, entity graphs first and explorers\' first steps (Domains, then Systems) last, as Astro renders them', () => {
    const inputs = siteGraphShapes(big);
    expect(new Set(inputs.map((i) => i.key)).size).toBe(inputs.length);
    const index = indexEntities(big.entities);
    const entityShapes = new Set(big.entities.map((e) => graphShape(entityGraph(e.ref, index)).input.key));
    const explorers = big.entities.filter((e) => ['Domain', 'System'].includes(e.entity.kind));
    const explorerShapes = explorers.map((e) => graphShape(explorerStartGraph(e, index)).input.key);
    // Explorers draw their first step only, capped like an entity page's graph.
    for (const e of explorers) expect(explorerStartGraph(e, index).nodes.length).toBeLessThanOrEqual(GRAPH_NODES + 1);
    const own = explorerShapes.filter((key) => !entityShapes.has(key));
    expect(own.length).toBeGreaterThan(0);
    const firstOwn = inputs.findIndex((i) => own.includes(i.key));
    expect(inputs.slice(0, firstOwn).every((i) => entityShapes.has(i.key))).toBe(true);
    expect(inputs.slice(firstOwn).every((i) => own.includes(i.key))).toBe(true);
    expect(inputs.length).toBeGreaterThan(60);
  });
});

describe('startGraphs', () => {
  it('counts each shape once, laid out on a worker or on the page', async () => {
    const inputs = siteGraphShapes(big);
    const graphs = startGraphs(big, { threads: 2 });
    await renderPages(graphs, big);
    const report = await graphs.finish();
    // A shape laid out twice would count twice: on a worker and on a page, or on two pages.
    expect(report.shapes).toBe(inputs.length);
    expect(report.onWorkers + report.onPages).toBe(inputs.length);
  });

  it('hands the pages what the worker laid out meanwhile, the same layouts a page would make', async () => {
    const inputs = siteGraphShapes(big);
    const graphs = startGraphs(big, { threads: 2 });
    await meanwhile(1500);
    const last = inputs[inputs.length - 1]!;
    const expected = computeShape(last);
    const lastGraph = pageGraphs(big).find((g) => graphShape(g).input.key === last.key)!;
    expect((await graphs.layout(lastGraph)).width).toBe(expected.width);
    await renderPages(graphs, big);
    const report = await graphs.finish();
    expect(report.onWorkers).toBeGreaterThan(0);
    expect(report.onWorkers + report.onPages).toBe(inputs.length);
  });

  it('lets pages lay out what a stopped worker left, so no page hangs', async () => {
    const graphs = startGraphs(big, { threads: 2 });
    const all = pageGraphs(big);
    const pages = all.map((g) => graphs.layout(g)); // every page asks at once, many for shapes the worker holds
    await graphs.finish(); // the workers stop before their results were read
    expect((await Promise.all(pages)).length).toBe(all.length);
  });

  it('keeps the layouts for the next build, and drops them when their version changed', async () => {
    const cacheFile = join(tmp, 'cache', 'layouts.json');
    const inputs = siteGraphShapes(small);
    // Too few shapes for a worker: the pages lay them all out.
    const first = startGraphs(small, { cacheFile, threads: 2 });
    await renderPages(first, small);
    expect(await first.finish()).toEqual({ shapes: inputs.length, reused: 0, onWorkers: 0, onPages: inputs.length });

    const second = startGraphs(small, { cacheFile });
    await renderPages(second, small);
    expect(await second.finish()).toEqual({ shapes: inputs.length, reused: inputs.length, onWorkers: 0, onPages: 0 });

    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version: string };
    writeFileSync(cacheFile, JSON.stringify({ ...kept, version: 'old' }));
    expect((await startGraphs(small, { cacheFile }).finish()).reused).toBe(0);
    writeFileSync(cacheFile, '{ broken');
    expect((await startGraphs(small, { cacheFile }).finish()).reused).toBe(0);
  });
});
