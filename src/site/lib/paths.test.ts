import { describe, expect, it } from 'vitest';
import { catalogKindPath, withBase } from './paths.ts';

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

describe('catalogKindPath', () => {
  it('lower-cases the kind', () => {
    expect(catalogKindPath('API')).toBe('catalog/kind/api/');
  });
});
