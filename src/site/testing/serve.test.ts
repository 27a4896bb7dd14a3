import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, serveStatic, type StaticServer } from './serve.ts';

const root = mkdtempSync(join(tmpdir(), 'backlot-serve-'));
mkdirSync(join(root, 'catalog'));
writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
writeFileSync(join(root, 'catalog', 'index.html'), '<h1>catalog</h1>');
writeFileSync(join(root, '404.html'), '<h1>lost</h1>');
writeFileSync(join(root, 'app.js'), 'export {}');
writeFileSync(join(root, '..', 'secret.txt'), 'no');

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(root, { base: '/portal/' });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', 'secret.txt'), { force: true });
});

describe('serveStatic', () => {
  it('serves directories as index.html under the base', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/portal\/$/);
    const res = await fetch(server.url + 'catalog/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>catalog</h1>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const res = await fetch(server.url + 'catalog', { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/portal/catalog/');
  });

  it('sets content types by extension', async () => {
    const res = await fetch(server.url + 'app.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(contentType('x.pf_fragment')).toBe('application/octet-stream');
  });

  it('answers unknown paths, paths outside the base and traversal with the 404 page', async () => {
    for (const path of ['/portal/nope/', '/catalog/', '/portal/../secret.txt', '/portal/%2e%2e/secret.txt']) {
      const res = await fetch(server.origin + path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('<h1>lost</h1>');
    }
  });
});
