import { describe, expect, it } from 'vitest';
import type { PortalModel } from '../../model/portal.ts';
import { entity, portalEntity } from '../../testing/entities.ts';
import { catalogData, listingPath, pageCount, pageOf } from './data.ts';
import { decodeCatalogIndex } from './items.ts';


const model: PortalModel = {
  site: { title: 't', base: '/' },
  generatedAt: '2026-01-01T00:00:00Z',
  repos: [],
  entities: [entity('Group', 'g'), entity('Component', 'b'), entity('API', 'a'), entity('Component', 'a', {}, { namespace: 'labs' })].map((e) => portalEntity(e, { repo: 'r' })),
  diagnostics: [{ severity: 'warning', code: 'x', message: 'm', repo: 'r', file: 'f', line: 1, column: 1, entity: 'API:default/a' }],
  apis: {}, docs: { sites: [], redirects: [] },
};

describe('catalogData', () => {
  it('lists items in listing order, per kind, with problems and an index that decodes to the same', () => {
    const data = catalogData(model);
    expect(data.items.map((i) => i.ref)).toEqual(['component:labs/a', 'component:default/b', 'api:default/a', 'group:default/g']);
    expect(data.byKind.get('component')?.map((i) => i.name)).toEqual(['a', 'b']);
    expect(data.kinds).toEqual([
      { kind: 'Component', count: 2 },
      { kind: 'API', count: 1 },
      { kind: 'Group', count: 1 },
    ]);
    expect(data.items[2]!.problems).toBe(1);
    expect(decodeCatalogIndex(data.index)).toEqual(data.items);
    expect(JSON.parse(data.json)).toEqual(data.index);
    expect(data.namespaced).toBe(true);
    expect(data.defaultKind).toBe('component');
    expect(data.byRef.get('group:default/g')?.name).toBe('g');
    expect(catalogData(model)).toBe(data);
  });
});

describe('paging', () => {
  it('counts and slices pages, and names their paths', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(100)).toBe(1);
    expect(pageCount(101)).toBe(2);
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
    expect(listingPath(undefined)).toBe('catalog/all/');
    expect(listingPath(undefined, 3)).toBe('catalog/all/page/3/');
    expect(listingPath('API')).toBe('catalog/kind/api/');
    expect(listingPath('API', 2)).toBe('catalog/kind/api/page/2/');
  });
});

