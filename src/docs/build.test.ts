import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { memorySnapshot, repoInfo, type RepoFiles } from '../snapshot/memory.ts';
import type { FileRef, Snapshot } from '../snapshot/types.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { writeDocsAssets } from './assets.ts';
import { buildDocs } from './build.ts';
import { createRenderer, type Renderer } from './markdown/render.ts';
import type { DocsResult, DocsSite, NavItem } from '../model/docs.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});

const REF_AT = { line: 7, column: 30 };

/** A docs entity: its annotations pinned at REF_AT, its repo named after it unless `at.repo`. */
function docsEntity(
  name: string,
  annotations: Record<string, string>,
  at: { repo?: string; file?: string; kind?: string; title?: string } = {},
): CatalogEntity {
  return catalogEntity(entity(at.kind ?? 'Component', name, {}, { annotations, ...(at.title ? { title: at.title } : {}) }), {
    repo: at.repo ?? name,
    file: at.file,
    positions: { '/metadata/annotations/backstage.io~1techdocs-ref': REF_AT, '/metadata/annotations/backstage.io~1techdocs-entity': REF_AT },
  });
}

/** A snapshot that records every file request. */
function recorded(repos: Record<string, RepoFiles>): { snapshot: Snapshot; reads: FileRef[][] } {
  const inner = memorySnapshot(Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name), files })));
  const reads: FileRef[][] = [];
  return {
    reads,
    snapshot: {
      ...inner,
      repos: inner.repos,
      async read(files) {
        reads.push([...files]);
        return inner.read(files);
      },
    },
  };
}

async function build(repos: Record<string, RepoFiles>, entities: CatalogEntity[], base = '/'): Promise<DocsResult & { reads: FileRef[][] }> {
  const { snapshot, reads } = recorded(repos);
  return { ...(await buildDocs(snapshot, entities, { base, renderer })), reads };
}

const site = (result: DocsResult, ref: string): DocsSite => {
  const found = result.sites.find((s) => s.entityRef === ref);
  if (!found) throw new Error(`no site for ${ref}; diagnostics: ${JSON.stringify(result.diagnostics)}`);
  return found;
};
const page = (s: DocsSite, path: string) => {
  const found = s.pages.find((p) => p.path === path);
  if (!found) throw new Error(`no page ${path} in ${s.pages.map((p) => p.path).join(', ')}`);
  return found;
};
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`);
const outline = (items: NavItem[]): unknown[] =>
  items.map((i) => (i.type === 'section' ? { [i.title + (i.path !== undefined ? ` → ${i.path}` : '')]: outline(i.children) } : i.type === 'page' ? `${i.title} → ${i.path}` : `${i.title} ↗ ${i.url}`));

describe('finding docs', () => {
  it('resolves dir: against the catalog file’s folder and serves pages under the lower-case triplet', async () => {
    const result = await build(
      {
        mono: {
          'services/api/catalog-info.yaml': '',
          'services/api/mkdocs.yml': 'site_name: API docs\n',
          'services/api/docs/index.md': '# API\n',
          'docs/index.md': '# Not these\n',
        },
      },
      [docsEntity('Payments-API', { 'backstage.io/techdocs-ref': 'dir:.' }, { repo: 'mono', file: 'services/api/catalog-info.yaml' })],
    );
    const s = site(result, 'component:default/payments-api');
    expect(s).toMatchObject({ rootDir: 'services/api', docsDir: 'services/api/docs', siteName: 'API docs', url: '/docs/default/component/payments-api/' });
    expect(page(s, '').html).toContain('<h1 id="api">API');
    expect(result.diagnostics).toEqual([]);
  });

  it('follows url: refs into another repo of the snapshot', async () => {
    const result = await build(
      { app: { 'catalog-info.yaml': '' }, handbook: { 'guides/mkdocs.yml': 'site_name: Guides\n', 'guides/docs/index.md': '# Guides\n' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'url:https://github.com/acme/handbook/tree/main/guides' })],
    );
    expect(site(result, 'component:default/app')).toMatchObject({ repo: 'handbook', rootDir: 'guides', siteName: 'Guides' });
  });

  it('reports a dir: that leaves the repo and a url: outside the snapshot, at the annotation', async () => {
    const result = await build({ app: { 'catalog-info.yaml': '' } }, [
      docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:../../etc' }),
      docsEntity('other', { 'backstage.io/techdocs-ref': 'url:https://github.com/elsewhere/x/tree/main/' }, { repo: 'app' }),
    ]);
    expect(result.sites).toEqual([]);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.entity])).toEqual([
      ['error', 'docs-ref', 7, 30, 'component:default/app'],
      ['warning', 'docs-ref', 7, 30, 'component:default/other'],
    ]);
    expect(result.diagnostics[0]!.message).toContain('outside the repository');
  });

  it('prefers mkdocs.yaml over mkdocs.yml, with a warning', async () => {
    const result = await build(
      { app: { 'mkdocs.yaml': 'site_name: From yaml\n', 'mkdocs.yml': 'site_name: From yml\n', 'docs/index.md': '# Hi\n' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    expect(site(result, 'component:default/app').siteName).toBe('From yaml');
    expect(codes(result.diagnostics)).toEqual(['docs-mkdocs-config mkdocs.yml:0:0']);
  });

  it('uses Backstage’s default config when there is no mkdocs.yml', async () => {
    const result = await build({ app: { 'docs/index.md': '# Hi\n' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' }, { title: 'The App' })]);
    expect(site(result, 'component:default/app')).toMatchObject({ siteName: 'The App', docsDir: 'docs' });
  });

  it('names each unsupported extension and plugin once per site, with the first page using its syntax', async () => {
    const config = ['site_name: Maths', 'markdown_extensions:', '  - pymdownx.keys', '  - pymdownx.arithmatex:', '      generic: true', '  - pymdownx.progressbar', 'plugins:', '  - search', '  - macros'].join('\n');
    const result = await build(
      { maths: { 'mkdocs.yml': config, 'docs/index.md': '# Maths\n\nPress ++ctrl+c++.\n', 'docs/a.md': '# A\n\n$$\nx^2\n$$\n', 'docs/b.md': '# B\n\n$$ y $$\n' } },
      [docsEntity('maths', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const unsupported = result.diagnostics.filter((d) => d.code === 'docs-unsupported-extension');
    expect(unsupported.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'mkdocs.yml:6:5 Markdown extension "pymdownx.progressbar" is not implemented by Backlot; its syntax is shown as written',
      'mkdocs.yml:9:5 plugin "macros" is not implemented by Backlot; the site is built without it',
    ]);
    // The site's own extensions are on: pymdownx.keys is not one of techdocs-core's.
    expect(page(site(result, 'component:default/maths'), '').html).toContain('<kbd class="key-control">Ctrl</kbd>');
    // pymdownx.arithmatex is one of them: math is typeset, and the page says it needs KaTeX's stylesheet.
    expect(page(site(result, 'component:default/maths'), 'a/')).toMatchObject({ hasMath: true, html: expect.stringContaining('<div class="arithmatex"><span class="katex-display">') });
    expect(page(site(result, 'component:default/maths'), '').hasMath).toBeUndefined();
  });

  it('keeps an empty # heading as the page’s only h1, titling the page from its file name', async () => {
    const result = await build({ app: { 'docs/index.md': '#\n\nLogo here.\n', 'docs/setup.md': '# Setup\n' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    const index = page(site(result, 'component:default/app'), '');
    expect(index.title).toBe('Home');
    expect(index.html.match(/<h1/g)).toHaveLength(1);
  });

  it('builds no site when docs_dir has no pages', async () => {
    const result = await build({ app: { 'mkdocs.yml': 'site_name: Empty\n', 'README.md': '# x' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(result.sites).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['docs-missing-file docs_dir docs holds no Markdown pages']);
  });

  it('percent-encodes page paths in URLs', async () => {
    const result = await build({ app: { 'mkdocs.yml': '', 'docs/index.md': '[x](my%20page.md)', 'docs/my page.md': '# Spaced' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    const s = site(result, 'component:default/app');
    expect(page(s, 'my page/').url).toBe('/docs/default/component/app/my%20page/');
    expect(page(s, '').html).toContain('href="/docs/default/component/app/my%20page/"');
  });

  it('honours docs_dir and reports one that leaves the site’s folder, never reading it', async () => {
    const ok = await build({ app: { 'mkdocs.yml': 'docs_dir: handbook\n', 'handbook/index.md': '# Handbook\n' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(site(ok, 'component:default/app').docsDir).toBe('handbook');

    const bad = await build(
      { app: { 'sub/mkdocs.yml': 'site_name: x\ndocs_dir: ../../secrets\n', 'sub/docs/index.md': '# x' }, secrets: { 'index.md': 'secret' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:sub' })],
    );
    expect(bad.sites).toEqual([]);
    expect(bad.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}:${d.column}`])).toEqual([['error', 'docs-path-escape', 'sub/mkdocs.yml:2:11']]);
    expect(bad.reads.flat().map((r) => r.path)).toEqual(['sub/mkdocs.yml']);

    const absolute = await build({ app: { 'mkdocs.yml': 'docs_dir: /etc\n' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(codes(absolute.diagnostics)).toEqual(['docs-path-escape mkdocs.yml:1:11']);
  });

  it('redirects techdocs-entity to the other entity’s docs, with techdocs-entity-path', async () => {
    const result = await build({ shipments: { 'mkdocs.yml': '', 'docs/index.md': '# S', 'docs/adr/0001.md': '# ADR' } }, [
      docsEntity('shipments-service', { 'backstage.io/techdocs-ref': 'dir:.' }, { repo: 'shipments' }),
      docsEntity('Outbox-Relay', { 'backstage.io/techdocs-entity': 'component:default/shipments-service', 'backstage.io/techdocs-entity-path': '/adr/0001/' }, { repo: 'shipments' }),
      docsEntity('worker', { 'backstage.io/techdocs-entity': 'component:shipments-service' }, { repo: 'shipments' }),
      docsEntity('lost', { 'backstage.io/techdocs-entity': 'component:default/nobody' }, { repo: 'shipments' }),
    ]);
    expect(result.sites.map((s) => s.entityRef)).toEqual(['component:default/shipments-service']);
    expect(result.redirects).toEqual([
      { entityRef: 'component:default/outbox-relay', from: '/docs/default/component/outbox-relay/', to: '/docs/default/component/shipments-service/adr/0001/' },
      { entityRef: 'component:default/worker', from: '/docs/default/component/worker/', to: '/docs/default/component/shipments-service/' },
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.entity, d.line])).toEqual([['docs-ref', 'component:default/lost', 7]]);
  });

  it('reads all configs in one request and all pages in one request, however many sites', async () => {
    const repos: Record<string, RepoFiles> = {};
    const entities: CatalogEntity[] = [];
    for (let i = 0; i < 5; i++) {
      repos[`r${i}`] = { 'mkdocs.yml': 'site_name: x\n', 'docs/index.md': '# a\n', 'docs/b.md': '# b\n', 'docs/c/d.md': '# d\n', 'docs/img/x.svg': '<svg/>' };
      entities.push(docsEntity(`r${i}`, { 'backstage.io/techdocs-ref': 'dir:.' }));
    }
    const result = await build(repos, entities);
    expect(result.sites).toHaveLength(5);
    expect(result.reads.map((r) => r.length)).toEqual([5, 15, 5]);
  });
});

describe('threads', () => {
  it('renders on worker threads exactly as on the main thread', async () => {
    const repos: Record<string, RepoFiles> = {};
    const entities: CatalogEntity[] = [];
    for (let i = 0; i < 3; i++) {
      repos[`r${i}`] = { 'mkdocs.yml': '', 'docs/index.md': `# Site ${i}\n\n[b](b.md#x) [gone](gone.md)\n\n\`\`\`ts\nconst a = ${i};\n\`\`\``, 'docs/b.md': '# B\n\n## X\n' };
      entities.push(docsEntity(`r${i}`, { 'backstage.io/techdocs-ref': 'dir:.' }));
    }
    const snapshot = memorySnapshot(Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name), files })));
    const threaded = await buildDocs(snapshot, entities, { threads: 2 });
    const single = await buildDocs(snapshot, entities, { renderer });
    expect(threaded).toEqual(single);
    expect(threaded.diagnostics.map((d) => d.code)).toEqual(['docs-broken-link', 'docs-broken-link', 'docs-broken-link']);
  }, 30_000);
});

describe('navigation', () => {
  const files: RepoFiles = {
    'mkdocs.yml': [
      'site_name: Shipments',
      'nav:',
      '  - Overview: index.md',
      '  - Design:',
      '      - Architecture: architecture.md',
      '      - Decisions:',
      '          - adr/index.md',
      '          - "ADR 1": adr/0001.md',
      '  - Status page: https://status.example.com',
      '  - runbook.md',
      '  - Gone: missing.md',
      '  - Escape: ../../../etc/passwd',
      '  - Outside: ../README.md',
      '  - Component: page.mdx',
    ].join('\n'),
    'README.md': '# Readme',
    'docs/index.md': '# Shipments Service\n',
    'docs/architecture.md': '# Architecture\n',
    'docs/adr/index.md': '# Decisions index\n',
    'docs/adr/0001.md': '# Outbox\n',
    'docs/runbook.md': '# Runbook for on-call\n',
    'docs/orphan.md': '# Not in nav\n',
  };

  it('follows nav: as written, with nested sections, section index pages and external links', async () => {
    const result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    const s = site(result, 'component:default/app');
    expect(outline(s.nav)).toEqual([
      'Overview → ',
      { Design: ['Architecture → architecture/', { 'Decisions → adr/': ['ADR 1 → adr/0001/'] }] },
      'Status page ↗ https://status.example.com',
      'Runbook for on-call → runbook/',
    ]);
    expect(s.pages.map((p) => p.path)).toEqual(['', 'adr/', 'adr/0001/', 'architecture/', 'orphan/', 'runbook/']);
  });

  it('reports missing, escaping, outside and MDX nav entries with their line and column, reading none', async () => {
    const result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(result.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}:${d.column}`])).toEqual([
      ['warning', 'docs-missing-file', 'mkdocs.yml:11:11'],
      ['error', 'docs-path-escape', 'mkdocs.yml:12:13'],
      ['warning', 'docs-missing-file', 'mkdocs.yml:13:14'],
      ['warning', 'docs-mdx', 'mkdocs.yml:14:16'],
    ]);
    expect(result.reads.flat().map((r) => r.path).filter((p) => !p.startsWith('docs/'))).toEqual(['mkdocs.yml']);
  });

  it('links pages to previous and next in nav order and titles them from the nav, else the h1', async () => {
    const result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    const s = site(result, 'component:default/app');
    expect(page(s, 'architecture/')).toMatchObject({ title: 'Architecture', prev: { title: 'Overview', url: '/docs/default/component/app/' }, next: { title: 'Decisions index', url: '/docs/default/component/app/adr/' } });
    expect(page(s, 'runbook/')).toMatchObject({ title: 'Runbook for on-call', prev: { title: 'ADR 1' } });
    expect(page(s, 'runbook/').next).toBeUndefined();
    expect(page(s, 'orphan/').prev).toBeUndefined();
  });

  it('builds MkDocs’ automatic nav without nav: index first, files, then folders', async () => {
    const result = await build(
      {
        app: {
          'mkdocs.yml': 'site_name: Auto\n',
          'docs/zebra.md': '# Zebra page\n',
          'docs/index.md': 'No heading here.\n',
          'docs/alpha.md': '---\ntitle: Alpha from meta\n---\n# Alpha heading\n',
          'docs/getting-started/index.md': '# Getting started\n',
          'docs/getting-started/install.md': 'no title',
          'docs/api_reference/README.md': '# API',
          'docs/.hidden/secret.md': '# hidden',
        },
      },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const s = site(result, 'component:default/app');
    expect(outline(s.nav)).toEqual([
      'Home → ',
      'Alpha from meta → alpha/',
      'Zebra page → zebra/',
      { 'Api reference → api_reference/': [] },
      { 'Getting started → getting-started/': ['Install → getting-started/install/'] },
    ]);
    expect(page(s, '').html).toMatch(/^<h1>Home<\/h1>/);
    // The section is named after its folder; its index page keeps its own title.
    expect(page(s, 'zebra/')).toMatchObject({ prev: { title: 'Alpha from meta' }, next: { title: 'API' } });
  });
});

describe('links and assets', () => {
  const files: RepoFiles = {
    'mkdocs.yml': 'site_name: Links\n',
    'src/app.ts': 'export {}',
    'schema/x.graphql': 'type Q',
    'docs/index.md': [
      '# Home',
      '',
      'See [setup](guide/setup.md#install), [the guide](guide/), [top](#home) and [raw](guide/setup.html).',
      '',
      '![diagram](img/flow.png) ![logo](img/logo.svg) [report](files/report.pdf) [page](files/page.html)',
      '',
      '[code](../src/app.ts) [schema folder](../schema/) [external](https://example.com/x)',
      '',
      'Broken: [nope](nope.md) and [bad anchor](guide/setup.md#nowhere) and ![gone](img/gone.png)',
      '',
      '[escape](../../../../etc/passwd)',
    ].join('\n'),
    'docs/guide/index.md': '# Guide\n\n[back](../index.md) [sibling](setup.md) [dir-style](../guide/setup/) [footnote](#fn)\n',
    'docs/guide/setup.md': '# Setup\n\n## Install\n',
    'docs/img/flow.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]),
    'docs/img/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    'docs/files/report.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 0]),
    'docs/files/page.html': '<script>alert(1)</script>',
  };
  let result: DocsResult;
  let s: DocsSite;
  beforeAll(async () => {
    result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })], '/portal/');
    s = site(result, 'component:default/app');
  });

  it('rewrites links between pages and to anchors to portal URLs under the base path', () => {
    const html = page(s, '').html;
    expect(html).toContain('<a href="/portal/docs/default/component/app/guide/setup/#install">setup</a>');
    expect(html).toContain('<a href="/portal/docs/default/component/app/guide/">the guide</a>');
    expect(html).toContain('<a href="#home">top</a>');
    expect(html).toContain('<a href="/portal/docs/default/component/app/guide/setup/">raw</a>');
    const guide = page(s, 'guide/').html;
    expect(guide).toContain('<a href="/portal/docs/default/component/app/">back</a>');
    expect(guide).toContain('<a href="/portal/docs/default/component/app/guide/setup/">sibling</a>');
    expect(guide).toContain('<a href="/portal/docs/default/component/app/guide/setup/">dir-style</a>');
  });

  it('links files outside docs_dir to the repository, and external links in a new tab', () => {
    const html = page(s, '').html;
    expect(html).toContain('<a href="https://github.com/acme/app/blob/main/src/app.ts" target="_blank" rel="noopener noreferrer">code</a>');
    expect(html).toContain('<a href="https://github.com/acme/app/tree/main/schema" target="_blank" rel="noopener noreferrer">schema folder</a>');
    expect(html).toContain('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">external</a>');
  });

  it('collects images and files for copying, inlines SVG as a data URI and never serves HTML files', () => {
    expect(s.assets).toEqual([
      { repo: 'app', path: 'docs/img/flow.png', url: '/portal/docs/default/component/app/img/flow.png' },
      { repo: 'app', path: 'docs/files/report.pdf', url: '/portal/docs/default/component/app/files/report.pdf' },
    ]);
    const html = page(s, '').html;
    expect(html).toContain('<img src="/portal/docs/default/component/app/img/flow.png" alt="diagram" loading="lazy">');
    expect(html).toContain('<img src="data:image/svg+xml;base64,');
    expect(html).toContain('<a href="https://github.com/acme/app/blob/main/docs/files/page.html"');
  });

  it('reports broken links and anchors with file, line and column, and drops them', () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'docs-broken-link docs/guide/index.md:3:70 link to #fn on page guide/: no such heading or anchor',
      'docs-broken-link docs/index.md:9:9 link "nope.md" points at docs/nope.md, which does not exist',
      'docs-broken-link docs/index.md:9:29 link to #nowhere on page guide/setup/: no such heading or anchor',
      'docs-broken-link docs/index.md:9:70 link "img/gone.png" points at docs/img/gone.png, which does not exist',
      'docs-broken-link docs/index.md:11:1 link "../../../../etc/passwd" points outside the repository',
    ]);
    const html = page(s, '').html;
    expect(html).toContain('Broken: nope and');
    expect(html).toContain('gone</p>');
    expect(html).toContain('<p>escape</p>');
  });

  it('copies the collected assets into the output folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'backlot-docs-'));
    try {
      const snapshot = memorySnapshot([{ repo: repoInfo('app'), files }]);
      expect(await writeDocsAssets(snapshot, s.assets, out, '/portal/')).toBe(2);
      expect([...readFileSync(join(out, 'docs/default/component/app/img/flow.png'))]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 1]);
      expect(existsSync(join(out, 'docs/default/component/app/files/report.pdf'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('sets edit URLs from the repository, or from repo_url and edit_uri', async () => {
    expect(page(s, 'guide/setup/').editUrl).toBe('https://github.com/acme/app/edit/main/docs/guide/setup.md');
    const custom = await build(
      { app: { 'mkdocs.yml': 'repo_url: https://git.example.com/team/app\nedit_uri: src/branch/trunk/handbook/\n', 'docs/index.md': '# x' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    expect(site(custom, 'component:default/app')).toMatchObject({ repoUrl: 'https://git.example.com/team/app', editBase: 'https://git.example.com/team/app/src/branch/trunk/handbook/' });
    const none = await build({ app: { 'mkdocs.yml': "edit_uri: ''\n", 'docs/index.md': '# x' } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(page(site(none, 'component:default/app'), '').editUrl).toBeUndefined();
  });
});

describe('raw HTML URLs', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]);
  const files: RepoFiles = {
    'mkdocs.yml': 'site_name: Raw\n',
    'docs/index.md': [
      '# Home',
      '',
      '<img src="img/flow.png" alt="flow"> <a href="guide/setup/#install">setup</a>',
      '',
      '<p align="center"><img src="/img/logo.png"></p>',
      '',
      '[abs](/guide/setup/) <img src="/nope.png">',
      '',
      '[the orders API](/catalog/default/api/orders-api/) <a href="/docs/default/component/other/#faq">other docs</a>',
    ].join('\n'),
    'docs/guide/setup.md': '# Setup\n\n## Install\n\n<img src="../../img/flow.png"> <img src="../img/flow.png" alt="wrong"> ![md](../img/flow.png)\n',
    'docs/img/flow.png': png,
    'docs/img/logo.png': png,
  };
  let result: DocsResult;
  let s: DocsSite;
  beforeAll(async () => {
    result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    s = site(result, 'component:default/app');
  });

  it('resolves raw HTML against the page’s URL as the browser would on MkDocs’ site, and rebases root-absolute paths', () => {
    const root = '/docs/default/component/app/';
    const home = page(s, '').html;
    expect(home).toContain(`<img src="${root}img/flow.png" alt="flow" loading="lazy"> <a href="${root}guide/setup/#install">setup</a>`);
    expect(home).toContain(`<p align="center"><img src="${root}img/logo.png" loading="lazy"></p>`);
    expect(home).toContain(`<a href="${root}guide/setup/">abs</a>`);
    // Into the portal's own sections, as Backstage users link TechDocs to the catalog: onto the portal's base.
    expect(home).toContain('<a href="/catalog/default/api/orders-api/">the orders API</a> <a href="/docs/default/component/other/#faq">other docs</a>');
    const setup = page(s, 'guide/setup/').html;
    // Markdown is relative to the file (MkDocs rewrites it), raw HTML to the page's URL guide/setup/.
    expect(setup).toContain(`<img src="${root}img/flow.png" loading="lazy"> wrong <img src="${root}img/flow.png" alt="md" loading="lazy">`);
    expect(s.assets.map((a) => a.path).sort()).toEqual(['docs/img/flow.png', 'docs/img/logo.png']);
  });

  it('reports a raw URL that reaches nothing, saying what it was resolved from', () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'docs-broken-link docs/guide/setup.md:5:32 link "../img/flow.png" (from the page’s URL guide/setup/) points at docs/guide/img/flow.png, which does not exist',
      'docs-broken-link docs/index.md:7:22 link "/nope.png" (from the docs site’s root) points at docs/nope.png, which does not exist',
    ]);
  });

  it('resolves raw HTML from the file’s folder with use_directory_urls: false', async () => {
    const flat = await build(
      { app: { ...files, 'mkdocs.yml': 'site_name: Raw\nuse_directory_urls: false\n' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const setup = page(site(flat, 'component:default/app'), 'guide/setup/').html;
    expect(setup).toContain('<img src="/docs/default/component/app/img/flow.png" alt="wrong" loading="lazy">');
    expect(flat.diagnostics.map((d) => d.message)).toEqual([
      'link "../../img/flow.png" (from the page’s URL guide/) points outside the docs site',
      'link "/nope.png" (from the docs site’s root) points at docs/nope.png, which does not exist',
    ]);
  });
});

describe('fences other extensions render', () => {
  it('names a custom fence Backlot lacks once per site at its config, and PlantUML without a server (fences and ::uml:: blocks)', async () => {
    const config = [
      'site_name: Fences',
      'markdown_extensions:',
      '  - pymdownx.superfences:',
      '      custom_fences:',
      '        - name: mermaid',
      '          class: mermaid',
      '          format: !!python/name:pymdownx.superfences.fence_code_format',
      '        - name: vegalite',
      '          class: vegalite',
      '          format: !!python/name:mkdocs_charts_plugin.fences.fence_vegalite',
    ].join('\n');
    const result = await build(
      {
        app: {
          'mkdocs.yml': config,
          'docs/index.md': '# Home\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```vegalite\n{}\n```\n',
          'docs/uml.md': '# UML\n\n::uml::\nA -> B\n::end-uml::\n\n```plantuml\nA -> B\n```\n\n```vegalite\n{}\n```\n',
        },
      },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'docs-plantuml-no-server docs/uml.md:3:1 PlantUML diagrams are shown as source (first: docs/uml.md:3): the site names no PlantUML server',
      'docs-unsupported-fence mkdocs.yml:3:5 custom fence "vegalite" (format mkdocs_charts_plugin.fences.fence_vegalite) is not implemented by Backlot; docs/index.md:8 and any other use are shown as code',
    ]);
    expect(result.diagnostics.find((d) => d.code === 'docs-plantuml-no-server')?.hint).toContain('plantuml_markdown: { server: https://www.plantuml.com/plantuml }');
    expect(page(site(result, 'component:default/app'), '')).toMatchObject({ hasMermaid: true });
  });
});

describe('anchors across pages', () => {
  const files: RepoFiles = {
    'mkdocs.yml': 'site_name: Anchors\n',
    'docs/index.md': '# Home\n\n## Setup { #custom }\n\n<a name="old"></a>\n\nA note.[^1]\n\n## Exports\n\n<span id="module">m</span>\n\n[^1]: The note.\n',
    'docs/other.md': '# Other\n\n[a](index.md#custom) [b](index.md#old) [c](index.md#fn:1) [d](index.md#exports) [e](index.md#missing)\n',
  };
  let result: DocsResult;
  beforeAll(async () => {
    result = await build({ app: files }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
  });

  it('links to { #id }, <a name> and footnote anchors of another page as MkDocs writes them', () => {
    const s = site(result, 'component:default/app');
    const home = page(s, '').html;
    expect(home).toContain('<h2 id="custom">');
    expect(home).toContain('<a name="old"></a>');
    expect(home).toContain('<li id="fn:1">');
    expect(home).toContain('<h2 id="user-content-exports">');
    const other = page(s, 'other/').html;
    expect(other).toContain('<a href="/docs/default/component/app/#custom">a</a> <a href="/docs/default/component/app/#old">b</a> <a href="/docs/default/component/app/#fn:1">c</a>');
    expect(other).toContain('<a href="/docs/default/component/app/#user-content-exports">d</a>');
  });

  it('reports only the missing anchor as broken, and the reserved id an author wrote with what to change (not a heading\'s slug)', () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'docs-reserved-id docs/index.md:11:1 id "module" is written as "user-content-module": a page script may read a global of that name, which the element would replace',
      'docs-broken-link docs/other.md:3:81 link to #missing on the index page: no such heading or anchor',
    ]);
  });
});

describe('untrusted content', () => {
  const marker = join(tmpdir(), `backlot-mdx-pwned-${process.pid}`);
  afterAll(() => rmSync(marker, { force: true }));

  it('never compiles an .mdx page, even one whose code would write a file', async () => {
    const mdx = [
      `import fs from 'node:fs';`,
      `export const pwned = fs.writeFileSync(${JSON.stringify(marker)}, 'pwned');`,
      '',
      `# Hello {fs.writeFileSync(${JSON.stringify(marker)}, 'again')}`,
    ].join('\n');
    const result = await build({ app: { 'mkdocs.yml': '', 'docs/index.md': '# Home\n', 'docs/evil.mdx': mdx } }, [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })]);
    expect(existsSync(marker)).toBe(false);
    expect(site(result, 'component:default/app').pages.map((p) => p.path)).toEqual(['']);
    expect(codes(result.diagnostics)).toEqual(['docs-mdx docs/evil.mdx:0:0']);
    expect(result.reads.flat().map((r) => r.path)).not.toContain('docs/evil.mdx');
  });

  it('includes snippets from inside the site folder only, by line range and section', async () => {
    const result = await build(
      {
        app: {
          'mkdocs.yml': '',
          'includes/abbr.md': '*[API]: Application Programming Interface',
          'snippets/code.py': 'line1\nline2\nline3\n# --8<-- [start:main]\nmain()\n# --8<-- [end:main]\n',
          'docs/index.md': [
            '# Home',
            '',
            'An API.',
            '',
            '```python',
            '--8<-- "snippets/code.py:2:3"',
            '```',
            '',
            '```python',
            '--8<-- "snippets/code.py:main"',
            '```',
            '',
            '--8<-- "../outside.md"',
            '',
            '--8<-- "missing.md"',
            '',
            ';--8<-- "escaped.md"',
            '',
            '--8<-- "includes/abbr.md"',
          ].join('\n'),
        },
        outside: { 'outside.md': 'secret' },
      },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const html = page(site(result, 'component:default/app'), '').html;
    expect(html).toContain('<abbr title="Application Programming Interface">API</abbr>');
    expect(html).toMatch(/data-line="1"><span[^>]*>line2<\/span><\/span>\n<span class="line" data-line="2"><span[^>]*>line3/);
    expect(html).toMatch(/main\(\)/);
    expect(html).not.toContain('start:main');
    expect(html).toContain('--8&#x3C;-- "escaped.md"');
    expect(html).not.toContain('secret');
    expect(codes(result.diagnostics)).toEqual(['docs-path-escape docs/index.md:13:1', 'docs-missing-file docs/index.md:15:1']);
    expect(result.reads.flat().map((r) => `${r.repo}/${r.path}`)).not.toContain('outside/outside.md');
  });

  it('honours snippets’ base_path and auto_append, still inside the site folder', async () => {
    const config = ['site_name: S', 'markdown_extensions:', '  - pymdownx.snippets:', '      base_path: [includes, legal/LICENSE.md, .]', '      auto_append: [includes/links.md, ../outside.md]'].join('\n');
    const result = await build(
      {
        s: {
          'mkdocs.yml': config,
          'includes/note.md': 'Included from includes/.',
          'includes/links.md': '[home]: https://example.com/home',
          LICENSE: 'not this one',
          'legal/LICENSE.md': 'The licence text.',
          'docs/index.md': '# S\n\n--8<-- "note.md"\n\nSee [the home page][home].\n\n--8<-- "LICENSE.md"\n',
        },
      },
      [docsEntity('s', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const html = page(site(result, 'component:default/s'), '').html;
    expect(html).toContain('<p>Included from includes/.</p>');
    expect(html).toContain('<a href="https://example.com/home"');
    expect(html).toContain('<p>The licence text.</p>');
    // ../outside.md from includes/ is the repo root's outside.md, inside the site folder here, and missing.
    expect(codes(result.diagnostics)).toEqual(['docs-missing-file docs/index.md:11:1']);
  });

  it('sanitises pages end to end', async () => {
    const result = await build(
      { app: { 'mkdocs.yml': '', 'docs/index.md': '# Hi\n\n<script>fetch("/x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a><iframe src="https://e.example"></iframe>\n' } },
      [docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:.' })],
    );
    const html = page(site(result, 'component:default/app'), '').html;
    expect(html).not.toMatch(/script|onerror|javascript:|iframe/i);
  });
});

describe('a page that throws', () => {
  it('costs that page only: a render-failed error naming repo and file, and a page that says so', async () => {
    // The real renderer, failing on one page as a library bug or a stack overflow would.
    const failing: Renderer = {
      prepare: (texts) => renderer.prepare(texts),
      render(request) {
        if (request.lines.some((l) => l.text.includes('BOOM'))) throw new RangeError('Maximum call stack size exceeded');
        return renderer.render(request);
      },
    };
    const repos = { shop: { 'mkdocs.yml': 'site_name: Shop\n', 'docs/index.md': '# Shop\n\n[bad](bad.md)', 'docs/bad.md': '# Bad\n\nBOOM', 'docs/ok.md': '# Ok\n\nFine.' } };
    const snapshot = memorySnapshot(Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name), files })));
    const result = await buildDocs(snapshot, [docsEntity('shop', { 'backstage.io/techdocs-ref': 'dir:.' })], { renderer: failing });
    const shop = site(result, 'component:default/shop');
    expect(shop.pages.map((p) => p.path)).toEqual(['', 'bad/', 'ok/']);
    expect(page(shop, 'ok/').html).toContain('Fine.');
    expect(page(shop, 'bad/')).toMatchObject({ title: 'Bad', failed: 'shop: docs/bad.md could not be rendered: Maximum call stack size exceeded', headings: [] });
    expect(page(shop, 'bad/').html).not.toContain('BOOM');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'render-failed', repo: 'shop', file: 'docs/bad.md', entity: 'component:default/shop' }),
    ]);
  });
});
