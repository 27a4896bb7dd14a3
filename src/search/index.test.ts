import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortalModel } from '../model/portal.ts';
import type { DocsSite } from '../model/docs.ts';
import { docsPageFiles, indexSite, startModelIndex, pagefindArgs, pagefindRunner, parseIndexedPages } from './index.ts';
import { FACETS_FILE, SHARDS_FILE, type FacetTable } from '../views/search-facets.ts';
import { shardFolder, shardOf } from './shards.ts';

const facetTable = (site: string) => JSON.parse(readFileSync(join(site, 'pagefind', FACETS_FILE), 'utf8')) as FacetTable;

const tmp = mkdtempSync(join(tmpdir(), 'backlot-search-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;
}

describe('pagefind helpers', () => {
  it('finds the runner script of the installed pagefind package', () => {
    const runner = pagefindRunner();
    expect(runner).toMatch(/pagefind[\\/]lib[\\/]runner[\\/]bin\.cjs$/);
    expect(existsSync(runner)).toBe(true);
  });

  it('reads the page count from the summary', () => {
    expect(parseIndexedPages('Total:\n  Indexed 1 language\n  Indexed 13 pages\n  Indexed 102 words')).toBe(13);
    expect(parseIndexedPages('Indexed 1 page')).toBe(1);
    expect(parseIndexedPages('nothing here')).toBeUndefined();
  });

  it('passes the site as an absolute path and max fragments when asked', () => {
    expect(pagefindArgs('rel/out')[1]).toMatch(/^\/.*rel\/out$/);
    expect(pagefindArgs('/x')).toEqual(['--site', '/x', '--max-fragments', '1000']);
    expect(pagefindArgs('/x', { maxFragments: 50 })).toEqual(['--site', '/x', '--max-fragments', '50']);
  });
});

describe('indexSite', () => {
  it('indexes only pages with data-pagefind-body and writes the bundle', async () => {
    const site = join(tmp, 'site');
    mkdirSync(join(site, 'a'), { recursive: true });
    writeFileSync(join(site, 'index.html'), page('<main>home page, not indexed</main>'));
    writeFileSync(join(site, 'a', 'index.html'), page('<main data-pagefind-body><h1>Payments</h1><p>card payments</p></main>'));
    const lines: string[] = [];
    const result = await indexSite(site, { log: (l) => lines.push(l) });
    expect(result.pages).toBe(1);
    expect(existsSync(join(site, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(lines.some((l) => l.includes('Indexed 1 page'))).toBe(true);
    // The search page's facet table, from a site indexed as HTML too.
    expect(facetTable(site).pages).toHaveLength(1);
  });

  it('throws a clear error when there is nothing to index', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    await expect(indexSite(empty)).rejects.toThrow(/Pagefind failed to index .*empty[\s\S]*not able to build an index/);
  });

  it('indexes entities from the model and other opted-in pages from HTML', async () => {
    const site = join(tmp, 'portal');
    mkdirSync(join(site, 'catalog', 'default', 'component', 'payments'), { recursive: true });
    mkdirSync(join(site, 'docs', 'guide'), { recursive: true });
    // The entity page's own HTML is not read: its record says what to index.
    writeFileSync(join(site, 'catalog', 'default', 'component', 'payments', 'index.html'), page('<main data-pagefind-body>stale words</main>'));
    writeFileSync(join(site, 'docs', 'guide', 'index.html'), page('<main data-pagefind-body><h1>Guide</h1><p>how to deploy</p></main>'));
    writeFileSync(join(site, 'index.html'), page('<main>home</main>'));
    // Opted in but not a docs page of the model: not read.
    mkdirSync(join(site, 'other'), { recursive: true });
    writeFileSync(join(site, 'other', 'index.html'), page('<main data-pagefind-body>unlisted words</main>'));
    const model: PortalModel = {
      site: { title: 't', base: '/' },
      generatedAt: '2026-01-01T00:00:00Z',
      repos: [],
      diagnostics: [],
      apis: {},
      entities: [
        {
          ref: 'component:default/payments',
          source: { repo: 'r', file: 'f', line: 1, column: 1 },
          entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'payments', description: 'Takes card payments' }, spec: { type: 'service' } },
        },
        {
          ref: 'group:default/team-a',
          source: { repo: 'r', file: 'f', line: 1, column: 1 },
          entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' }, spec: { type: 'team', children: [] } },
        },
      ],
      docs: { sites: [docsSite('/', ['/docs/guide/', '/docs/missing/'])], redirects: [] },
    };
    const lines: string[] = [];
    const result = await indexSite(site, { model, log: (l) => lines.push(l) });
    expect(result.pages).toBe(3);
    expect(lines).toEqual(['Indexed 3 pages (2 entities from the model, 1 pages from HTML) in 1 shard, 0 reused']);
    const entry = JSON.parse(readFileSync(join(site, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages)[0]!.page_count).toBe(3);
    expect(existsSync(join(site, 'pagefind', 'pagefind.js'))).toBe(true);
    // Fragments hold each page's content: the record's text, never the stale HTML.
    const fragments = readdirSync(join(site, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).toString('utf8'));
    expect(fragments.some((f) => f.includes('Takes card payments'))).toBe(true);
    expect(fragments.some((f) => f.includes('how to deploy'))).toBe(true);
    expect(fragments.some((f) => f.includes('stale words'))).toBe(false);
    expect(fragments.some((f) => f.includes('unlisted words'))).toBe(false);
    // Docs pages read as HTML are in the facet table beside the entities.
    expect(facetTable(site).pages).toHaveLength(3);
  });

  it('finds docs pages from their URLs under the base path', () => {
    const model = { site: { title: 't', base: '/portal/' }, docs: { sites: [docsSite('/portal/', ['/portal/docs/default/component/a/', '/portal/docs/default/component/a/guide/setup/'])], redirects: [] } };
    expect(docsPageFiles(model as unknown as PortalModel)).toEqual(['docs/default/component/a/index.html', 'docs/default/component/a/guide/setup/index.html']);
    expect(docsPageFiles({ site: { title: 't', base: '/' } } as PortalModel)).toEqual([]);
  });

  it('bundles fragments into shared files above maxFragments pages, each page still findable', async () => {
    const site = join(tmp, 'bundled');
    mkdirSync(site, { recursive: true });
    const entities = Array.from({ length: 12 }, (_, i) => ({
      ref: `component:default/svc-${i}`,
      source: { repo: 'r', file: 'f', line: 1, column: 1 },
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: `svc-${i}`, description: `Service number word${i}` }, spec: { type: 'service' } },
    }));
    const model: PortalModel = { site: { title: 't', base: '/' }, generatedAt: '2026-01-01T00:00:00Z', repos: [], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] }, entities };
    const result = await indexSite(site, { model, maxFragments: 4 });
    expect(result.pages).toBe(12);
    const files = readdirSync(join(site, 'pagefind', 'fragment'));
    expect(files.length).toBeLessThanOrEqual(4);
    const text = files.map((f) => gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).toString('utf8')).join('\n');
    for (let i = 0; i < 12; i++) expect(text).toContain(`word${i}.`);
    // The facet table names each page by Pagefind's hash, in the bundle that holds it, with its filters.
    const table = facetTable(site);
    expect(table.pages).toHaveLength(12);
    const bundles = Object.fromEntries(files.map((f) => [f.replace(/\.pf_fragment$/, ''), JSON.parse(gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).subarray(12).toString('utf8')) as Record<string, { url: string }>]));
    const urls = table.pages.map((hash, i) => bundles[table.groups[table.group[i]!]!.replace(/^fragment\//, '')]![hash]!.url);
    expect(urls).toEqual(entities.map((e) => `/catalog/default/component/${e.entity.metadata.name}/`).sort());
    const kind = table.keys.indexOf('kind');
    expect(table.columns[kind]!.map((v) => table.values[kind]![v as number])).toEqual(Array(12).fill('Component'));
  });

  it('indexes the entities before the site exists and the docs pages once it does', async () => {
    const site = join(tmp, 'later');
    const model: PortalModel = { ...ledgerModel(), docs: { sites: [docsSite('/', ['/docs/ledger/'])], redirects: [] } };
    const search = await startModelIndex(model);
    expect(existsSync(site)).toBe(false);
    mkdirSync(join(site, 'docs', 'ledger'), { recursive: true });
    writeFileSync(join(site, 'docs', 'ledger', 'index.html'), page('<main data-pagefind-body><h1>Ledger</h1><p>closing the month</p></main>'));
    expect((await search.finish(site)).pages).toBe(2);
    const fragments = readdirSync(join(site, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).toString('utf8'));
    expect(fragments.some((f) => f.includes('Keeps the books'))).toBe(true);
    expect(fragments.some((f) => f.includes('closing the month'))).toBe(true);
  });

  it('with no docs pages to wait for, writes the index while the site builds and moves it in after', async () => {
    const site = join(tmp, 'staged-site');
    const staging = join(tmp, 'staging');
    const model = ledgerModel();
    const search = await startModelIndex(model, { stagingDir: staging });
    // Written before there is a site at all.
    const started = Date.now();
    while (!existsSync(join(staging, 'pagefind-0', 'pagefind-entry.json'))) {
      if (Date.now() - started > 20_000) throw new Error('the index was not written early');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(existsSync(site)).toBe(false);
    mkdirSync(site, { recursive: true });
    expect((await search.finish(site)).pages).toBe(1);
    expect(existsSync(join(staging, 'pagefind-0'))).toBe(false);
    const fragments = readdirSync(join(site, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).toString('utf8'));
    expect(fragments.some((f) => f.includes('Keeps the books'))).toBe(true);
    expect(facetTable(site).pages).toHaveLength(1);
  });

  it('throws when the site folder does not exist', async () => {
    await expect(indexSite(join(tmp, 'missing'))).rejects.toThrow(/does not exist; build the site first/);
  });
});

describe('a sharded index', () => {
  const services = (names: string[], docs: string[] = [], edited = ''): PortalModel => ({
    site: { title: 't', base: '/' },
    generatedAt: '2026-01-01T00:00:00Z',
    repos: [],
    diagnostics: [],
    apis: {},
    docs: { sites: docs.length ? [docsSite('/', docs)] : [], redirects: [] },
    entities: names.map((name) => ({
      ref: `component:default/${name}`,
      source: { repo: 'r', file: 'f', line: 1, column: 1 },
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, description: `Service ${name} word${name}${name === edited ? ' edited' : ''}` }, spec: { type: 'service' } },
    })),
  });
  const names = Array.from({ length: 24 }, (_, i) => `svc${i}`);
  const docsPages = ['/docs/a/', '/docs/a/setup/'];
  /** A built site with the docs pages (their footer shows the build time, as Base.astro's does). */
  const site = (dir: string, at: string) => {
    for (const url of docsPages) {
      mkdirSync(join(tmp, dir, url), { recursive: true });
      writeFileSync(join(tmp, dir, url, 'index.html'), page(`<main data-pagefind-body><h1>${url}</h1><p>setting up ${url.length}</p></main><footer><time datetime="${at}">${at}</time></footer>`));
    }
    return join(tmp, dir);
  };
  /** Every file of the Pagefind folder with a hash of its bytes. */
  const files = (dir: string) =>
    Object.fromEntries(
      readdirSync(join(dir, 'pagefind'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), createHash('sha1').update(readFileSync(join(e.parentPath, e.name))).digest('hex')]),
    );

  it('puts each page in the shard its URL hashes to, and writes the facet table and the list of shards over them all', async () => {
    const dir = site('sharded', '2026-01-01T00:00:00Z');
    const result = (await (await startModelIndex(services(names, docsPages), { shards: 3 })).finish(dir));
    expect(result).toMatchObject({ pages: 26, shards: 3, reused: 0 });
    expect(JSON.parse(readFileSync(join(dir, 'pagefind', SHARDS_FILE), 'utf8'))).toEqual({ version: 1, shards: ['1/', '2/'] });
    for (const k of [0, 1, 2]) {
      const folder = join(dir, 'pagefind', shardFolder(k));
      const count = JSON.parse(readFileSync(join(folder, 'pagefind-entry.json'), 'utf8')).languages.en.page_count as number;
      expect(count).toBe(names.filter((n) => shardOf(`/catalog/default/component/${n}/`, 3) === k).length + docsPages.filter((u) => shardOf(`/${u.slice(1)}index.html`, 3) === k).length);
      // Pagefind's scripts once, in the first shard's folder.
      expect(existsSync(join(folder, 'pagefind.js'))).toBe(k === 0);
    }
    const table = facetTable(dir);
    expect(table.pages).toHaveLength(26);
    expect(table.folders.sort()).toEqual(['', '1/', '2/']);
    expect(result.manifest.shards.map((s) => s.folder)).toEqual(['', '1/', '2/']);
  });

  it('written while the site builds, reads each shard’s facet rows from where it was written: the table of one written in place', async () => {
    const staged = site('staged-shards', '2026-01-01T00:00:00Z');
    await (await startModelIndex(services(names), { shards: 3, stagingDir: join(tmp, 'staging-shards') })).finish(staged);
    const inPlace = site('in-place-shards', '2026-01-01T00:00:00Z');
    await (await startModelIndex(services(names), { shards: 3 })).finish(inPlace);
    expect(facetTable(staged).folders.sort()).toEqual(['', '1/', '2/']);
    expect(facetTable(staged)).toEqual(facetTable(inPlace));
    expect(files(staged)).toEqual(files(inPlace));
  });

  it('indexes again only the shard whose records changed and links the others from the last output, the same files as indexing all', async () => {
    const first = site('first', '2026-01-01T00:00:00Z');
    const cold = await (await startModelIndex(services(names, docsPages), { shards: 3 })).finish(first);
    // One description changed, in a shard without the docs pages; those are the same but for the build time in their footer.
    const docsShard = shardOf('/docs/a/index.html', 3);
    expect(shardOf('/docs/a/setup/index.html', 3)).toBe(docsShard);
    const edited = names.find((n) => shardOf(`/catalog/default/component/${n}/`, 3) !== docsShard)!;
    const second = site('second', '2026-01-02T00:00:00Z');
    const model = { ...services(names, docsPages, edited), generatedAt: '2026-01-02T00:00:00Z' };
    const rebuilt = await (await startModelIndex(model, { shards: 3, previous: { site: first, manifest: cold.manifest } })).finish(second);
    const touched = new Set([shardOf(`/catalog/default/component/${edited}/`, 3)]);
    expect(rebuilt.reused).toBe(2);
    for (const k of [0, 1, 2]) {
      const entry = join('pagefind', shardFolder(k), 'pagefind-entry.json');
      expect(statSync(join(second, entry)).ino === statSync(join(first, entry)).ino, `shard ${k}`).toBe(!touched.has(k));
    }
    const whole = site('whole', '2026-01-02T00:00:00Z');
    await (await startModelIndex(model, { shards: 3 })).finish(whole);
    expect(files(second)).toEqual(files(whole));
    expect(rebuilt.manifest).toEqual(JSON.parse(JSON.stringify(rebuilt.manifest)));
  });
});

/** One component, "Keeps the books". */
function ledgerModel(): PortalModel {
  return {
    site: { title: 't', base: '/' },
    generatedAt: '2026-01-01T00:00:00Z',
    repos: [],
    diagnostics: [],
    apis: {}, docs: { sites: [], redirects: [] },
    entities: [
      {
        ref: 'component:default/ledger',
        source: { repo: 'r', file: 'f', line: 1, column: 1 },
        entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'ledger', description: 'Keeps the books' }, spec: { type: 'service' } },
      },
    ],
  };
}

function docsSite(base: string, urls: string[]): DocsSite {
  return {
    entityRef: 'component:default/a',
    namespace: 'default',
    kind: 'component',
    name: 'a',
    url: urls[0] ?? base,
    siteName: 'A',
    repo: 'r',
    rootDir: '',
    docsDir: 'docs',
    nav: [],
    assets: [],
    pages: urls.map((url) => ({ path: url, url, title: url, html: '', headings: [], sourcePath: 'docs/index.md', hasMermaid: false, hasCode: false })),
  };
}
