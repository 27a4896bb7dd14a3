import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageFile, PageReuse, readReusable, reuseFrom, siteVersion, writeManifest } from './reuse.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-reuse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const AT = '2026-01-02T03:04:05.000Z';
const page = (body: string, at = AT) => `<html><body><main>${body}</main><footer class="site-footer"><div class="inner">Built <time datetime="${at}">${at.slice(0, 16).replace('T', ' ')} UTC</time> by Backlot.</div></footer></body></html>`;

function site(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('page files', () => {
  it('fills the route with the params: a folder page writes index.html, an endpoint its own file', () => {
    const params = { namespace: 'default', kind: 'api', name: 'pay', file: 'openapi.yaml' };
    expect(pageFile('catalog/[namespace]/[kind]/[name]', params)).toBe('catalog/default/api/pay/index.html');
    expect(pageFile('catalog/[namespace]/[kind]/[name]/[file]', params, true)).toBe('catalog/default/api/pay/openapi.yaml');
    expect(pageFile('catalog/all/[...page]', { page: undefined })).toBe('catalog/all/index.html');
    expect(pageFile('catalog/all/[...page]', { page: 'page/2' })).toBe('catalog/all/page/2/index.html');
  });
});

describe('PageReuse', () => {
  it('renders pages whose key changed or is new, and records every key', () => {
    const first = new PageReuse({ version: 'v1', previous: {} });
    expect(first.render('a/index.html', 'k')).toBe(true);
    expect(first.render('b/index.html', 'k')).toBe(true);
    const next = new PageReuse({ version: 'v1', previous: first.keys });
    expect(next.render('a/index.html', 'k')).toBe(false);
    expect(next.render('b/index.html', 'changed')).toBe(true);
    expect(next.render('a/index.html', 'k')).toBe(false); // asked twice: the same answer
    expect(next.reused).toEqual(['a/index.html']);
    expect(Object.keys(next.keys)).toEqual(['a/index.html', 'b/index.html']);
    // Another version of the site code is never compared page by page: readReusable reads no such manifest (below).
  });
});

describe('PageReuse keys of new pages', () => {
  it('computes a new page’s key only when the keys are read, and a known page’s at once', () => {
    const calls: string[] = [];
    const key = (name: string) => () => (calls.push(name), `k-${name}`);
    const first = new PageReuse({ version: 'v1', previous: {} });
    expect(first.render('a/index.html', key('a'))).toBe(true);
    expect(first.render('a/index.html', key('a'))).toBe(true); // asked twice
    expect(calls).toEqual([]);
    const keys = first.keys;
    expect(calls).toEqual(['a']);
    const next = new PageReuse({ version: 'v1', previous: keys });
    expect(next.render('a/index.html', key('a'))).toBe(false);
    expect(next.render('b/index.html', key('b'))).toBe(true);
    expect(calls).toEqual(['a', 'a']);
    expect(keys).toEqual({ 'a/index.html': 'k-a' });
    expect(next.keys).toEqual({ 'a/index.html': 'k-a', 'b/index.html': 'k-b' });
    expect(calls).toEqual(['a', 'a', 'b']);
  });
});

describe('what a rebuild may reuse', () => {
  const cache = join(tmp, 'cache');
  const previous = site('previous', { 'index.html': page('home'), 'a/index.html': page('a'), 'b/index.html': page('b') });
  const pages = { 'a/index.html': 'ka', 'b/index.html': 'kb', 'gone/index.html': 'kg' };

  it('is nothing without a manifest, with another version, or with an output the manifest does not describe', () => {
    expect(readReusable(join(tmp, 'none'), previous, 'v1')).toEqual({ reason: 'no manifest of the last build' });
    writeManifest(cache, { version: 'v1', generatedAt: AT, pages });
    expect(readReusable(cache, previous, 'v2')).toEqual({ reason: 'the site code or settings changed' });
    expect(readReusable(cache, join(tmp, 'nothing'), 'v1')).toEqual({ reason: 'no previous output' });
    const older = site('older', { 'index.html': page('home', '2025-01-01T00:00:00.000Z') });
    expect(readReusable(cache, older, 'v1')).toEqual({ reason: 'the previous output is not the build the manifest describes' });
    const partial = site('partial', { 'index.html': page('home') });
    expect(readReusable(cache, partial, 'v1')).toEqual({ reason: 'the previous output lacks 3 of its pages' });
  });

  it('is the manifest’s pages that are in the previous output, linked from there', () => {
    writeManifest(cache, { version: 'v1', generatedAt: AT, pages });
    expect(readReusable(cache, previous, 'v1')).toEqual({ input: { version: 'v1', previous: { 'a/index.html': 'ka', 'b/index.html': 'kb' }, from: resolve(previous) }, generatedAt: AT });
  });

  it('is read by the site child from where the CLI says, a full build’s input with the reason when there is nothing', () => {
    writeManifest(cache, { version: 'v1', generatedAt: AT, pages });
    expect(reuseFrom({ version: 'v1', cacheDir: cache, previousSite: previous })).toEqual({ input: { version: 'v1', previous: { 'a/index.html': 'ka', 'b/index.html': 'kb' }, from: resolve(previous) } });
    expect(reuseFrom({ version: 'v2', cacheDir: cache, previousSite: previous })).toEqual({ input: { version: 'v2', previous: {} }, reason: 'the site code or settings changed' });
  });
});

describe('the site version', () => {
  it('changes with any source file, the package, the settings and plugins’ components, not with tests', () => {
    const root = site('package', { 'package.json': '{"version":"1.0.0"}', 'src/site/a.astro': 'one', 'src/views/b.ts': 'two', 'src/views/b.test.ts': 'test' });
    const v = siteVersion(root, { title: 'T' });
    expect(siteVersion(root, { title: 'T' })).toBe(v);
    expect(siteVersion(root, { title: 'Other' })).not.toBe(v);
    writeFileSync(join(root, 'src/views/b.test.ts'), 'another test');
    expect(siteVersion(root, { title: 'T' })).toBe(v);
    writeFileSync(join(root, 'src/site/a.astro'), 'changed');
    const changed = siteVersion(root, { title: 'T' });
    expect(changed).not.toBe(v);
    writeFileSync(join(root, 'package.json'), '{"version":"1.0.1"}');
    const bumped = siteVersion(root, { title: 'T' });
    expect(bumped).not.toBe(changed);
    // Astro's config, and what it copies from public/.
    writeFileSync(join(root, 'astro.config.mjs'), 'export default { compressHTML: false };');
    const configured = siteVersion(root, { title: 'T' });
    expect(configured).not.toBe(bumped);
    mkdirSync(join(root, 'public'), { recursive: true });
    writeFileSync(join(root, 'public/theme.js'), 'theme');
    expect(siteVersion(root, { title: 'T' })).not.toBe(configured);
    // A plugin's component, and its package's version.
    const plugin = site('plugin', { 'package.json': '{"version":"1.0.0"}', 'components/Card.astro': 'card' });
    const withPlugin = siteVersion(root, { title: 'T' }, [join(plugin, 'components/Card.astro')]);
    writeFileSync(join(plugin, 'package.json'), '{"version":"1.1.0"}');
    expect(siteVersion(root, { title: 'T' }, [join(plugin, 'components/Card.astro')])).not.toBe(withPlugin);
  });
});
