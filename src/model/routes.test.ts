import { describe, expect, it } from 'vitest';
import { CATALOG_API, catalogKindPath, docsPath, entityPath, withBase } from './routes.ts';

describe('withBase', () => {
  it('joins paths onto the root base', () => {
    expect(withBase('', '/')).toBe('/');
    expect(withBase('catalog/', '/')).toBe('/catalog/');
    expect(withBase('/problems/', '/')).toBe('/problems/');
  });

  it('joins paths onto a sub-path base with or without slashes', () => {
    expect(withBase('catalog/', '/portal/')).toBe('/portal/catalog/');
    expect(withBase('/catalog/', '/portal')).toBe('/portal/catalog/');
    expect(withBase('', 'portal')).toBe('/portal/');
  });

  it('leaves absolute URLs and fragments alone', () => {
    expect(withBase('https://github.com/acme/x', '/portal/')).toBe('https://github.com/acme/x');
    expect(withBase('#problems', '/portal/')).toBe('#problems');
  });
});

describe('entityPath', () => {
  it('is catalog/<namespace>/<kind>/<name>/ lower-cased', () => {
    expect(entityPath('Component:Default/LegacyBilling')).toBe('catalog/default/component/legacybilling/');
    expect(entityPath('api:tooling/fx')).toBe('catalog/tooling/api/fx/');
    expect(entityPath({ kind: 'Group', namespace: 'default', name: 'Team-A' })).toBe('catalog/default/group/team-a/');
  });

  it('defaults a missing namespace and rejects a ref without a kind', () => {
    expect(entityPath('group:team-a')).toBe('catalog/default/group/team-a/');
    expect(() => entityPath('default/x')).toThrow(/kind/);
  });
});

describe('catalogKindPath', () => {
  it('lower-cases the kind', () => {
    expect(catalogKindPath('API')).toBe('catalog/kind/api/');
  });
});

describe('docsPath', () => {
  it('is docs/<namespace>/<kind>/<name>/ lower-cased and encoded', () => {
    expect(docsPath({ namespace: 'Default', kind: 'Component', name: 'Payments' })).toBe('docs/default/component/payments/');
    expect(docsPath({ namespace: 'default', kind: 'component', name: 'a b' })).toBe('docs/default/component/a%20b/');
  });
});

describe('CATALOG_API', () => {
  it('names the static API files as Backstage names its routes', () => {
    expect(CATALOG_API.entities).toBe('api/catalog/entities.json');
    expect(CATALOG_API.part(2)).toBe('entities/part-2.json');
  });
});
