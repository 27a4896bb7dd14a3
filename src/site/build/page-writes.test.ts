import { join } from 'node:path';
import { expect, it } from 'vitest';
import { pageFile } from './page-writes.ts';

const out = join('/', 'site', 'out');

it('finds the file Astro writes for a page of the directory format, with and without a base path', () => {
  expect(pageFile(out, '/', 'http://localhost/', 'page')).toBe(join(out, 'index.html'));
  expect(pageFile(out, '/', 'http://localhost/catalog/default/component/api-gw/', 'page')).toBe(join(out, 'catalog/default/component/api-gw/index.html'));
  expect(pageFile(out, '/portal/', 'http://localhost/portal/', 'page')).toBe(join(out, 'index.html'));
  expect(pageFile(out, '/portal', 'http://localhost/portal/docs/a%20b/', 'page')).toBe(join(out, 'docs/a b/index.html'));
  expect(pageFile(out, '/portal/', 'http://localhost/portal/catalog/entities.json', 'endpoint')).toBe(join(out, 'catalog/entities.json'));
});

it('leaves to Astro what it names otherwise: status pages, redirects, endpoints without an extension, other bases', () => {
  expect(pageFile(out, '/', 'http://localhost/404/', 'page')).toBeUndefined();
  expect(pageFile(out, '/', 'http://localhost/old/', 'redirect')).toBeUndefined();
  expect(pageFile(out, '/', 'http://localhost/feed/', 'endpoint')).toBeUndefined();
  expect(pageFile(out, '/portal/', 'http://localhost/elsewhere/', 'page')).toBeUndefined();
});
