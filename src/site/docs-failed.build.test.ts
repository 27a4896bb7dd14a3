// A docs page that could not be rendered, through a real Astro build: its page shows the notice with the
// diagnostic, and the other pages of the site are built as usual.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../docs/index.ts';
import { createRenderer, type Renderer } from '../docs/markdown/render.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import type { PortalModel } from '../model/portal.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { buildSite } from './testing/build.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-docs-failed-'));
const out = join(tmp, 'site');
const DOCS = join(out, 'docs/default/component/shop/');

const shop: CatalogEntity = {
  ref: 'component:default/shop',
  entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'shop', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }, spec: { type: 'service', lifecycle: 'production', owner: 'team' } },
  source: { repo: 'shop', file: 'catalog-info.yaml', line: 1, column: 1, positions: {} },
};

beforeAll(async () => {
  const real = await createRenderer();
  // The real renderer, failing on one page as a library's stack overflow would.
  const renderer: Renderer = {
    prepare: (texts) => real.prepare(texts),
    render(request) {
      if (request.lines.some((l) => l.text.includes('BOOM'))) throw new RangeError('Maximum call stack size exceeded');
      return real.render(request);
    },
  };
  const files = { 'mkdocs.yml': 'site_name: Shop\n', 'docs/index.md': '# Shop\n\nWelcome to the shop.', 'docs/bad.md': '# Bad\n\nBOOM' };
  const snapshot = memorySnapshot([{ repo: repoInfo('shop'), files }]);
  const docs = await buildDocs(snapshot, [shop], { renderer });
  const model: PortalModel = {
    site: { title: 'Failed page test', base: '/' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    repos: [...snapshot.repos],
    entities: [{ ref: shop.ref, entity: shop.entity, source: { repo: 'shop', file: 'catalog-info.yaml', line: 1, column: 1 } }],
    diagnostics: docs.diagnostics,
    apis: {},
    docs: { sites: docs.sites, redirects: docs.redirects },
  };
  await buildSite({ model, outDir: out, base: '/' });
}, 300_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('a docs page that could not be rendered', () => {
  it('shows the notice with the diagnostic, in the docs layout', () => {
    const html = readFileSync(join(DOCS, 'bad/index.html'), 'utf8');
    expect(html).toContain('This page could not be rendered.');
    expect(html).toContain('shop: docs/bad.md could not be rendered: Maximum call stack size exceeded');
    expect(html).toMatch(/<h1[^>]*>Bad<\/h1>/);
    expect(html).not.toContain('BOOM');
  });

  it('leaves the other pages of the site as they are, and lists the problem', () => {
    const index = readFileSync(join(DOCS, 'index.html'), 'utf8');
    expect(index).toContain('Welcome to the shop.');
    expect(index).not.toContain('could not be rendered');
    const problems = readFileSync(join(out, 'problems/index.html'), 'utf8');
    expect(problems).toContain('render-failed');
    expect(problems).toContain('docs/bad.md');
  });
});
