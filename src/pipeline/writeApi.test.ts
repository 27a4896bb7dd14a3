import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortalModel } from '../model/portal.ts';
import { writeCatalogApi } from './writeApi.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function model(count: number): PortalModel {
  return {
    site: { title: 't', base: '/' },
    generatedAt: '2026-01-01T00:00:00Z',
    repos: [],
    apis: {}, docs: { sites: [], redirects: [] },
    diagnostics: [{ severity: 'warning', code: 'dangling-ref', message: 'm', repo: 'r', file: 'f', line: 1, column: 2 }],
    entities: Array.from({ length: count }, (_, i) => ({
      ref: `component:ops/svc-${i}`,
      source: { repo: 'r', file: 'f', line: 1, column: 1 },
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: `Svc-${i}`, namespace: 'Ops' }, spec: { type: 'service' } },
    })),
  };
}

describe('writeCatalogApi', () => {
  it("writes Backstage's response shapes: all entities, one file per entity by name, the diagnostics", async () => {
    const out = join(tmp, 'dist');
    const result = await writeCatalogApi(model(100), out);
    expect(result.files).toBe(102);
    const root = join(out, 'api', 'catalog');
    const all = JSON.parse(readFileSync(join(root, 'entities.json'), 'utf8')) as Array<{ metadata: { name: string; etag: string } }>;
    expect(all).toHaveLength(100);
    expect(all[0]!.metadata.etag).toMatch(/^[0-9a-f]{40}$/);
    const byName = join(root, 'entities', 'by-name', 'component', 'ops');
    expect(readdirSync(byName)).toHaveLength(100);
    const one = JSON.parse(readFileSync(join(byName, 'svc-42.json'), 'utf8')) as { metadata: { name: string; etag: string } };
    expect(one.metadata.name).toBe('Svc-42');
    expect(one.metadata.etag).toBe(all[42]!.metadata.etag);
    expect(JSON.parse(readFileSync(join(root, 'diagnostics.json'), 'utf8'))).toHaveLength(1);
  });

  it('writes each entity once as compact JSON: its own file is its entry in entities.json, byte for byte', async () => {
    const out = join(tmp, 'compact');
    await writeCatalogApi(model(3), out);
    const root = join(out, 'api', 'catalog');
    const text = readFileSync(join(root, 'entities.json'), 'utf8');
    const own = [0, 1, 2].map((i) => readFileSync(join(root, 'entities', 'by-name', 'component', 'ops', `svc-${i}.json`), 'utf8'));
    expect(text).toBe(`[${own.join(',')}]`);
    expect(own[0]).not.toContain('\n');
    expect(readFileSync(join(root, 'diagnostics.json'), 'utf8')).not.toContain('\n');
  });

  it('writes an empty catalog as an empty list', async () => {
    const out = join(tmp, 'empty');
    expect((await writeCatalogApi(model(0), out)).files).toBe(2);
    expect(JSON.parse(readFileSync(join(out, 'api', 'catalog', 'entities.json'), 'utf8'))).toEqual([]);
  });
});
