import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import type { PortalModel } from '../model/portal.ts';
import { prepareLayouts, siteGraphShapes } from './graphs.ts';
import { indexEntities } from './lib/entities.ts';
import { explorerGraph } from './lib/graph.ts';
import { computeShape, layoutGraph, layoutsComputed, type Shape } from './lib/graph-layout.ts';
import { entity, orgEntities } from './lib/test-org.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-graphs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Systems of 1 to 35 components, with and without an API each: about 70 distinct explorer shapes, enough
// for the work to be shared with a worker thread.
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
  return { site: { title: 't', base: '/' }, generatedAt: '2026-01-01T00:00:00Z', repos: [], diagnostics: [], entities: orgEntities(entities) };
}

const model = org(35);
const small = org(8);
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, Shape>;

describe('prepareLayouts', () => {
  it('lays out every distinct shape the pages draw, on two threads, as the page itself would', async () => {
    const inputs = siteGraphShapes(model);
    expect(inputs.length).toBeGreaterThan(64);
    expect(new Set(inputs.map((i) => i.key)).size).toBe(inputs.length);
    const outFile = join(tmp, 'a', 'layouts.json');
    const result = await prepareLayouts(model, { outFile, threads: 2 });
    expect(result).toMatchObject({ shapes: inputs.length, computed: inputs.length });
    const shapes = read(outFile);
    expect(Object.keys(shapes).sort()).toEqual(inputs.map((i) => i.key).sort());
    // Whichever thread laid it out, a shape is what this thread computes for it.
    for (const input of [inputs[0]!, inputs[inputs.length - 1]!]) expect(shapes[input.key]).toEqual(computeShape(input));
  });

  it('reuses the layouts kept from the last build and recomputes when their version changed', async () => {
    const cacheFile = join(tmp, 'cache', 'layouts.json');
    const first = await prepareLayouts(small, { outFile: join(tmp, 'b1.json'), cacheFile, threads: 1 });
    expect(first.computed).toBe(first.shapes);
    const second = await prepareLayouts(small, { outFile: join(tmp, 'b2.json'), cacheFile, threads: 1 });
    expect(second).toMatchObject({ shapes: first.shapes, computed: 0 });
    expect(read(join(tmp, 'b2.json'))).toEqual(read(join(tmp, 'b1.json')));
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version: string };
    writeFileSync(cacheFile, JSON.stringify({ ...cache, version: 'old' }));
    const third = await prepareLayouts(small, { outFile: join(tmp, 'b3.json'), cacheFile, threads: 1 });
    expect(third.computed).toBe(first.shapes);
    writeFileSync(cacheFile, '{ broken');
    expect((await prepareLayouts(small, { outFile: join(tmp, 'b4.json'), cacheFile, threads: 1 })).computed).toBe(first.shapes);
  });

  it('gives pages their layouts without dagre when BACKLOT_LAYOUTS names the file', async () => {
    const outFile = join(tmp, 'c', 'layouts.json');
    await prepareLayouts(small, { outFile, threads: 1 });
    const index = indexEntities(small.entities);
    const item = small.entities.find((e) => e.ref === 'system:default/sys-a-8')!;
    const previous = process.env.BACKLOT_LAYOUTS;
    process.env.BACKLOT_LAYOUTS = outFile;
    try {
      const before = layoutsComputed();
      const layout = layoutGraph(explorerGraph(item, index));
      expect(layoutsComputed()).toBe(before);
      expect(layout.nodes.length).toBe(17);
      expect(layout.nodes[0]!.id).toBe('system:default/sys-a-8');
    } finally {
      if (previous === undefined) delete process.env.BACKLOT_LAYOUTS;
      else process.env.BACKLOT_LAYOUTS = previous;
    }
  });
});
