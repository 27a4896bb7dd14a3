// Which .mdx files become which pages, and which cannot be served.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listOwnPages, ownPagesModule, ownPagesPlugin } from './own-pages.ts';
import { PORTAL_SECTIONS } from '../../model/routes.ts';
import { REPO_ROOT } from './files.ts';
import { writePages } from '../../testing/own-pages-org.ts';

const dirs: string[] = [];
function pagesDir(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-own-pages-'));
  dirs.push(dir);
  writePages(dir, pages);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('listOwnPages', () => {
  it('maps each .mdx file to the route of its path, index.mdx to its folder, and ignores other files', () => {
    const dir = pagesDir({ 'index.mdx': '# Home', 'guides/onboarding.mdx': '# On', 'guides/index.mdx': '# Guides', 'notes.md': 'no', 'img/logo.svg': '<svg/>' });
    expect(listOwnPages(dir).map((p) => [p.source, p.route])).toEqual([
      ['guides/index.mdx', 'guides/'],
      ['guides/onboarding.mdx', 'guides/onboarding/'],
      ['index.mdx', ''],
    ]);
    expect(listOwnPages(dir)[1]!.file).toBe(join(dir, 'guides/onboarding.mdx'));
  });

  it('refuses a page where the portal has its own, naming the file', () => {
    expect(() => listOwnPages(pagesDir({ 'catalog/mine.mdx': '#' }))).toThrow('catalog/mine.mdx: /catalog/ belongs to the portal itself');
    expect(() => listOwnPages(pagesDir({ 'Docs.mdx': '#' }))).toThrow('Docs.mdx: /Docs/ belongs to the portal itself');
  });

  it('refuses two files for one URL and names that cannot be a URL', () => {
    expect(() => listOwnPages(pagesDir({ 'guides.mdx': '#', 'guides/index.mdx': '#' }))).toThrow('guides/index.mdx: guides.mdx is already the page at /guides/');
    expect(() => listOwnPages(pagesDir({ 'my guide.mdx': '#' }))).toThrow('"my guide" cannot be part of a page\'s URL');
  });
});

describe('the virtual module', () => {
  it('imports each page statically, with its route', () => {
    const dir = pagesDir({ 'guides/a.mdx': '#' });
    const code = ownPagesModule(listOwnPages(dir));
    expect(code).toContain(`import * as page0 from ${JSON.stringify(join(dir, 'guides/a.mdx'))};`);
    expect(code).toContain('{ route: "guides/a/", source: "guides/a.mdx", module: page0 }');
  });

  it('is empty without a pages folder, and answers only its own id', () => {
    const plugin = ownPagesPlugin(undefined);
    expect(plugin.resolveId.handler('virtual:backlot/own-pages')).toBe('\0virtual:backlot/own-pages');
    expect(plugin.resolveId.handler('./other.ts')).toBeUndefined();
    expect(plugin.load.handler('\0virtual:backlot/own-pages')).toBe('\nexport const ownPages = [];\n');
    expect(plugin.load.handler('/some/file.ts')).toBeUndefined();
  });
});

describe('the portal\'s own sections', () => {
  // An own page may not take a path the portal writes: every top-level page folder and public file must be listed.
  it('lists every first path segment of the site\'s pages and public folder', () => {
    const top = (dir: string) => readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).map((d) => d.name.replace(/\.(astro|ts)$/, ''));
    const segments = [...top('src/site/pages'), ...top('public')].filter((n) => !n.startsWith('[') && n !== 'index');
    expect(segments.length).toBeGreaterThan(3);
    for (const segment of segments) expect(PORTAL_SECTIONS, segment).toContain(segment);
  });
});
