import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import type { PortalModel } from '../model/portal.ts';
import { siteGraphShapes, startLayouts } from './graphs.ts';
import { indexEntities } from './lib/entities.ts';
import { entityGraph, explorerGraph } from './lib/graph.ts';
import { computeShape, graphShape, layoutGraph, layoutGraphWhenReady, layoutsComputed, sharedLayouts, siteGraph, type ShapeInput } from './lib/graph-layout.ts';
import { entity, orgEntities } from './lib/test-org.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-graphs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// Each test starts from an empty set of layouts in memory, as a fresh build process does.
beforeEach(() => sharedLayouts().shapes.clear());

// Systems of 1 to `max` components, with and without an API each: distinct explorer shapes.
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
  entities.push(entity('Domain', 'everything', { owner: 'team' }));
  return { site: { title: 't', base: '/' }, generatedAt: '2026-01-01T00:00:00Z', repos: [], diagnostics: [], entities: orgEntities(entities) };
}

const big = org(30);
const small = org(6);

async function allLaidOut(inputs: ShapeInput[]): Promise<void> {
  const started = Date.now();
  while (!inputs.every((i) => sharedLayouts().shapes.has(i.key))) {
    if (Date.now() - started > 30_000) throw new Error('layouts not done in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the pages do: lay out every graph they draw. */
function renderPages(model: PortalModel): void {
  const index = indexEntities(model.entities);
  for (const item of model.entities) {
    const graph = entityGraph(item.ref, index);
    if (graph.nodes.length > 1) layoutGraph(graph);
    if (['system', 'domain'].includes(item.entity.kind.toLowerCase())) layoutGraph(explorerGraph(item, index));
  }
}

describe('siteGraphShapes', () => {
  it('lists each distinct shape once, entity graphs first and explorer graphs (Domains, then Systems) last, as Astro renders them', () => {
    const inputs = siteGraphShapes(big);
    expect(new Set(inputs.map((i) => i.key)).size).toBe(inputs.length);
    const index = indexEntities(big.entities);
    const domain = big.entities.find((e) => e.entity.kind === 'Domain')!;
    const lastSystem = big.entities.filter((e) => e.entity.kind === 'System').pop()!;
    const entityShapes = new Set(big.entities.map((e) => graphShape(entityGraph(e.ref, index)).input.key));
    const firstExplorer = inputs.findIndex((i) => i.key === graphShape(explorerGraph(domain, index)).input.key);
    expect(firstExplorer).toBeGreaterThan(0);
    expect(inputs.slice(0, firstExplorer).every((i) => entityShapes.has(i.key))).toBe(true);
    expect(inputs[inputs.length - 1]!.key).toBe(graphShape(explorerGraph(lastSystem, index)).input.key);
    expect(inputs.length).toBeGreaterThan(60);
  });
});

describe('startLayouts', () => {
  it('lays out every shape on a worker thread while the pages render, as the page itself would', async () => {
    const inputs = siteGraphShapes(big);
    const work = startLayouts(big, { threads: 2 });
    await allLaidOut(inputs);
    const report = await work.finish();
    expect(report).toEqual({ shapes: inputs.length, reused: 0, onWorkers: inputs.length, onPages: 0 });
    for (const input of [inputs[0]!, inputs[inputs.length - 1]!]) expect(sharedLayouts().shapes.get(input.key)).toEqual(computeShape(input));
    // Pages now only look layouts up.
    const before = layoutsComputed();
    renderPages(big);
    expect(layoutsComputed()).toBe(before);
  });

  it('lets a page lay out a shape the worker has not reached, and the worker skips it', async () => {
    const inputs = siteGraphShapes(big);
    const work = startLayouts(big, { threads: 2 });
    // The last shape in line: the worker is still starting up.
    const index = indexEntities(big.entities);
    const last = big.entities.filter((e) => e.entity.kind === 'System').pop()!;
    const before = layoutsComputed();
    layoutGraph(explorerGraph(last, index));
    expect(layoutsComputed()).toBe(before + 1);
    await allLaidOut(inputs);
    const report = await work.finish();
    // Each shape laid out once, by the worker or the page.
    expect(report.onWorkers + report.onPages).toBe(inputs.length);
    expect(report.onPages).toBeLessThanOrEqual(1);
  });

  it('pages that can wait never lay out a shape a worker is on: each shape is laid out exactly once', async () => {
    const inputs = siteGraphShapes(big);
    const work = startLayouts(big, { threads: 2 });
    const index = indexEntities(big.entities);
    const explorers = big.entities.filter((e) => ['Domain', 'System'].includes(e.entity.kind));
    explorers.sort((a, b) => a.entity.kind.localeCompare(b.entity.kind));
    const before = layoutsComputed();
    // As Astro renders them: explorer pages first, four in flight, each waiting where a worker is ahead of it.
    const queue = explorers.map((item) => () => layoutGraphWhenReady(explorerGraph(item, index)));
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) expect((await next()).nodes.length).toBeGreaterThan(0);
    }));
    const onThisThread = layoutsComputed() - before;
    await allLaidOut(inputs);
    const report = await work.finish();
    expect(report.onWorkers + report.onPages).toBe(inputs.length);
    expect(onThisThread).toBe(report.onPages);
    expect(report.onWorkers).toBeGreaterThan(0);
  });

  it('a page waits for a shape a worker is laying out instead of laying it out again, and is let go when workers stop', async () => {
    const inputs = siteGraphShapes(big);
    const index = indexEntities(big.entities);
    // The graph of the first shape in the worker's line.
    const first = big.entities.map((e) => entityGraph(e.ref, index)).find((g) => g.nodes.length > 1 && graphShape(g).input.key === inputs[0]!.key)!;
    const expected = computeShape(inputs[0]!);
    for (const stop of [false, true]) {
      sharedLayouts().shapes.clear();
      const work = startLayouts(big, { threads: 2 });
      // Block this thread: the worker takes the first shapes in line, and its results cannot arrive meanwhile.
      const until = Date.now() + 1000;
      while (Date.now() < until);
      const before = layoutsComputed();
      const page = layoutGraphWhenReady(first);
      if (stop) await work.finish(); // stopped before its results were read: the page must not hang
      const layout = await page;
      expect(layout.width).toBe(expected.width);
      if (!stop) {
        expect(layoutsComputed()).toBe(before);
        await work.finish();
      }
    }
  });

  it('keeps the graphs its pre-pass built for the pages of this build only', async () => {
    const index = indexEntities(small.entities);
    const system = small.entities.find((e) => e.entity.kind === 'System')!;
    const work = startLayouts(small);
    expect(sharedLayouts().graphs?.get(`entity:${system.ref}`)).toEqual(entityGraph(system.ref, index));
    expect(sharedLayouts().graphs?.get(`explorer:${system.ref}`)).toEqual(explorerGraph(system, index));
    expect(siteGraph(`explorer:${system.ref}`, () => { throw new Error('built twice'); })).toBe(sharedLayouts().graphs?.get(`explorer:${system.ref}`));
    await work.finish();
    expect(sharedLayouts().graphs).toBeUndefined();
    expect(siteGraph(`explorer:${system.ref}`, () => explorerGraph(system, index))).toEqual(explorerGraph(system, index));
  });

  it('keeps the layouts for the next build, and drops them when their version changed', async () => {
    const cacheFile = join(tmp, 'cache', 'layouts.json');
    const inputs = siteGraphShapes(small);
    // Too few shapes for a worker: the pages lay them all out.
    const first = startLayouts(small, { cacheFile, threads: 2 });
    renderPages(small);
    expect(await first.finish()).toEqual({ shapes: inputs.length, reused: 0, onWorkers: 0, onPages: inputs.length });

    sharedLayouts().shapes.clear();
    const second = startLayouts(small, { cacheFile });
    const before = layoutsComputed();
    renderPages(small);
    expect(layoutsComputed()).toBe(before);
    expect(await second.finish()).toEqual({ shapes: inputs.length, reused: inputs.length, onWorkers: 0, onPages: 0 });

    sharedLayouts().shapes.clear();
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version: string };
    writeFileSync(cacheFile, JSON.stringify({ ...kept, version: 'old' }));
    expect((await startLayouts(small, { cacheFile }).finish()).reused).toBe(0);
    sharedLayouts().shapes.clear();
    writeFileSync(cacheFile, '{ broken');
    expect((await startLayouts(small, { cacheFile }).finish()).reused).toBe(0);
  });
});
