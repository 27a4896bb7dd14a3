import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortalModel } from '../model/portal.ts';
import { catalogEntities } from './catalogParts.ts';
import { etagText, withEtag, writeCatalogApi } from './writeApi.ts';
import type { Entity } from '../model/entity.ts';

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

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('writeCatalogApi', () => {
  it("writes Backstage's response shapes: all entities in parts with their index, the diagnostics; no file per entity", async () => {
    const out = join(tmp, 'dist');
    const result = await writeCatalogApi(model(100), out);
    expect(result.files).toBe(3);
    const root = join(out, 'api', 'catalog');
    expect(read(join(root, 'entities.json'))).toEqual({ version: 1, totalItems: 100, parts: ['entities/part-1.json'] });
    const all = read(join(root, 'entities', 'part-1.json')) as Array<{ metadata: { name: string; etag: string } }>;
    expect(all).toHaveLength(100);
    expect(all[42]!.metadata.name).toBe('Svc-42');
    expect(all[0]!.metadata.etag).toMatch(/^[0-9a-f]{40}$/);
    expect(readdirSync(join(root, 'entities'))).toEqual(['part-1.json']);
    expect(read(join(root, 'diagnostics.json'))).toHaveLength(1);
  });

  it('ends a part at its count of entities or once it holds its bytes, and the parts read back in order', async () => {
    const byCount = join(tmp, 'by-count');
    await writeCatalogApi(model(25), byCount, { entities: 10, bytes: 1e9 });
    const index = read(join(byCount, 'api', 'catalog', 'entities.json'));
    expect(index).toEqual({ version: 1, totalItems: 25, parts: ['entities/part-1.json', 'entities/part-2.json', 'entities/part-3.json'] });
    const parts = (index as { parts: string[] }).parts.map((p) => read(join(byCount, 'api', 'catalog', p)) as Array<{ metadata: { name: string } }>);
    expect(parts.map((p) => p.length)).toEqual([10, 10, 5]);
    const entities = await catalogEntities(index, async (p) => read(join(byCount, 'api', 'catalog', p)));
    expect(entities!.map((e) => (e as { metadata: { name: string } }).metadata.name)).toEqual(Array.from({ length: 25 }, (_, i) => `Svc-${i}`));

    // 179 bytes an entity: a part closes once past 500 bytes, so three entities a part.
    const byBytes = join(tmp, 'by-bytes');
    await writeCatalogApi(model(7), byBytes, { entities: 1000, bytes: 500 });
    const sized = (read(join(byBytes, 'api', 'catalog', 'entities.json')) as { parts: string[] }).parts.map((p) => join(byBytes, 'api', 'catalog', p));
    expect(sized.map((f) => (read(f) as unknown[]).length)).toEqual([3, 3, 1]);
    for (const f of sized.slice(0, -1)) expect(statSync(f).size).toBeLessThan(500 + 180);
  });

  it('writes compact JSON', async () => {
    const out = join(tmp, 'compact');
    await writeCatalogApi(model(3), out);
    const root = join(out, 'api', 'catalog');
    const text = readFileSync(join(root, 'entities', 'part-1.json'), 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(readFileSync(join(root, 'diagnostics.json'), 'utf8')).not.toContain('\n');
  });

  it('writes an empty catalog as an index of no parts', async () => {
    const out = join(tmp, 'empty');
    expect((await writeCatalogApi(model(0), out)).files).toBe(2);
    expect(read(join(out, 'api', 'catalog', 'entities.json'))).toEqual({ version: 1, totalItems: 0, parts: [] });
  });
});

describe('catalogEntities', () => {
  const none = async () => {
    throw new Error('no part expected');
  };
  it("reads the single array of sites built before parts, and Backstage's by-query answer", async () => {
    expect(await catalogEntities([{ kind: 'Group' }], none)).toEqual([{ kind: 'Group' }]);
    expect(await catalogEntities({ items: [{ kind: 'User' }], totalItems: 1 }, none)).toEqual([{ kind: 'User' }]);
    expect(await catalogEntities({ kind: 'User' }, none)).toBeUndefined();
  });

  it('reads no part outside the index, and no part that is not a list', async () => {
    for (const part of ['../secrets.json', '/etc/passwd', 'https://elsewhere.example/part.json']) {
      await expect(catalogEntities({ version: 1, totalItems: 1, parts: [part] }, none)).rejects.toThrow(`${part} is not a part of this catalog`);
    }
    await expect(catalogEntities({ version: 1, totalItems: 1, parts: ['entities/part-1.json'] }, async () => ({}))).rejects.toThrow('entities/part-1.json is not a list of entities');
  });
});

describe('etagText', () => {
  it('is the text of the entity with its etag, serialised once: the same bytes as stringifying withEtag', () => {
    const entities = [
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'a', annotations: { 'x/y': 'é "q" \\ \u2028' } }, spec: { type: 'service', owner: 'g' }, relations: [{ type: 'ownedBy', targetRef: 'group:default/g' }] },
      { metadata: { name: 'first' }, kind: 'User', apiVersion: 'v1', spec: {} }, // metadata before the other keys
      { apiVersion: 'v1', kind: 'X', spec: { a: undefined, b: [undefined, 1] }, metadata: { name: 'last', title: undefined } }, // metadata last; undefined left out
      { apiVersion: 'v1', kind: 'X', metadata: {} },
      { apiVersion: 'v1', kind: 'X', metadata: { description: undefined } }, // metadata stringified as {}
      { apiVersion: 'v1', kind: 'X', extra: undefined, metadata: { name: 'n' } }, // a top-level key left out
      { apiVersion: 'v1', kind: 'X', metadata: { name: 'n', etag: 'given' } }, // an etag of its own: replaced in place
      { '2': 'numeric keys first', apiVersion: 'v1', kind: 'X', metadata: { name: 'n', '1': 'one' } },
    ] as unknown as Entity[];
    for (const entity of entities) expect(etagText(entity)).toBe(JSON.stringify(withEtag(entity)));
  });
});
