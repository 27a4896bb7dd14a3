import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleKey, leftFile, pageUrl, readKeptBundle } from './kept-bundle.ts';

describe('the URLs and files of a replayed build, as Astro makes them', () => {
  it('renders pages at their folder URL under the base, endpoints at their file', () => {
    expect(pageUrl('/', '/', 'http://localhost:4321', 'page').href).toBe('http://localhost:4321/');
    expect(pageUrl('/', '/portal/', 'http://localhost:4321', 'page').href).toBe('http://localhost:4321/portal/');
    expect(pageUrl('/catalog/default/component/a/', '/portal', 'https://x.dev', 'page').href).toBe('https://x.dev/portal/catalog/default/component/a/');
    expect(pageUrl('/catalog/graph.json', '/', 'http://localhost:4321', 'endpoint').href).toBe('http://localhost:4321/catalog/graph.json');
    // A `[file].ts` route's paths end in `/`: the URL keeps one slash.
    expect(pageUrl('/catalog/default/api/a/openapi.yaml/', '/', 'http://localhost:4321', 'endpoint').href).toBe('http://localhost:4321/catalog/default/api/a/openapi.yaml/');
  });

  it('writes what the page writer left where Astro would: status pages and endpoints ending in a slash', () => {
    expect(leftFile('/404', 'page')).toBe('404.html');
    expect(leftFile('/catalog/default/api/a/openapi.yaml/', 'endpoint')).toBe('catalog/default/api/a/openapi.yaml');
    expect(leftFile('/catalog/', 'page')).toBeUndefined();
  });
});

describe('which kept bundle a build may render from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-kept-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one of the same key and Astro version whose entry is there', () => {
    const pages = join(dir, 'pages');
    mkdirSync(pages);
    writeFileSync(join(pages, 'about.mdx'), '# About');
    const key = bundleKey({ version: 'v1', buildDir: '/b', pagesDir: pages });
    expect(bundleKey({ version: 'v1', buildDir: '/b', pagesDir: pages })).toBe(key);
    expect(bundleKey({ version: 'v2', buildDir: '/b', pagesDir: pages })).not.toBe(key);
    expect(bundleKey({ version: 'v1', buildDir: '/c', pagesDir: pages })).not.toBe(key);
    // An own page edited is compiled into another bundle.
    writeFileSync(join(pages, 'about.mdx'), '# About us');
    expect(bundleKey({ version: 'v1', buildDir: '/b', pagesDir: pages })).not.toBe(key);

    const kept = join(dir, 'site-bundle');
    mkdirSync(join(kept, 'prerender'), { recursive: true });
    writeFileSync(join(kept, 'meta.json'), JSON.stringify({ key: 'k', astro: '7.3.5', entry: 'prerender-entry.x.mjs', origin: 'http://localhost:4321', styles: {}, specifiers: {}, scripts: [], assets: [] }));
    expect(readKeptBundle(kept, 'k', '7.3.5')).toBeUndefined(); // its entry is missing
    writeFileSync(join(kept, 'prerender', 'prerender-entry.x.mjs'), 'export const app = {};');
    expect(readKeptBundle(kept, 'k', '7.3.5')?.entry).toBe('prerender-entry.x.mjs');
    expect(readKeptBundle(kept, 'other', '7.3.5')).toBeUndefined();
    expect(readKeptBundle(kept, 'k', '7.4.0')).toBeUndefined();
    writeFileSync(join(kept, 'meta.json'), '{');
    expect(readKeptBundle(kept, 'k', '7.3.5')).toBeUndefined();
  });
});
