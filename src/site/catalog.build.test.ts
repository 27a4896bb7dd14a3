// The catalog and search pages on a generated org of a few hundred entities, built, indexed, served and
// driven in Chromium: filters and URL state, sorting, paging, stars, my team, no-JS lists, search facets.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PortalEntity } from '../model/portal.ts';
import { entityPath } from '../model/routes.ts';
import { indexSite } from '../search/index.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite } from './testing/build.ts';
import { generateOrg, orgModel } from './testing/org.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const model = await orgModel(generateOrg({ entities: 260, seed: 11 }), { title: 'Generated Org' });
const tmp = mkdtempSync(join(tmpdir(), 'backlot-catalog-'));
const out = join(tmp, 'site');

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await buildSite({ model, outDir: out });
  // In three shards, merged in the browser, as a large org's index is (src/search/shards.ts).
  await indexSite(out, { model, shards: 3 });
  server = await serveStatic(out);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const kindOf = (e: PortalEntity) => e.entity.kind.toLowerCase();
const spec = (e: PortalEntity, key: string) => (e.entity.spec?.[key] as string | undefined) ?? '';
const title = (e: PortalEntity) => e.entity.metadata.title ?? e.entity.metadata.name;
const rows = () => page.locator('[data-catalog] tbody tr');
const rowRefs = () => rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.ref ?? ''));
const status = () => page.locator('[data-filter-status]').textContent();

const kindLink = (label: string) => page.locator('[data-kind-picker] a', { hasText: new RegExp(`^${label} \\d+$`) });
const kindPicked = async () => (await page.locator('[data-kind-picker] a[aria-current]').textContent())?.replace(/\s+/g, ' ').trim();

async function openCatalog(query = '') {
  await page.goto(server.url + 'catalog/' + query);
  await page.locator('[data-catalog-app][data-ready]').waitFor();
}

describe('catalog index', () => {
  it('serves a compact index of every entity, small enough to load once', async () => {
    const res = await fetch(server.url + 'catalog/entities.json');
    expect(res.headers.get('content-type')).toContain('application/json');
    const index = (await res.json()) as { v: number; s: string[]; e: unknown[][] };
    expect(index.v).toBe(1);
    expect(index.e).toHaveLength(model.entities.length);
    // Short rows: on average well under 300 bytes per entity before compression.
    expect(JSON.stringify(index).length / model.entities.length).toBeLessThan(300);
  });

  it('opens on Components, picks kinds, filters by facets with counts, keeps the state in the URL, and Back restores it', async () => {
    await openCatalog();
    const components = model.entities.filter((e) => kindOf(e) === 'component');
    expect(components.length).toBeGreaterThan(100);
    // No kind in the URL: Components, as Backstage opens.
    expect(await kindPicked()).toMatch(/^Component \d+$/);
    expect(await status()).toBe(`Showing 1–100 of ${components.length} matching entities`);
    expect(new Set(await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.kind)))).toEqual(new Set(['component']));
    // One kind selected: Backstage's component columns, no Kind column.
    expect(await page.locator('[data-catalog] thead th').allTextContents()).toEqual(
      ['Name', 'System', 'Owner', 'Type', 'Lifecycle', 'Namespace', 'Description', 'Tags'].map((t) => `${t}↕`),
    );
    // The kind is the picker's; the panel has no kind list.
    expect(await page.locator('[data-facet="kind"]').count()).toBe(0);

    await kindLink('All kinds').click();
    await page.waitForURL(/\/catalog\/\?kind=all$/);
    expect(await status()).toBe(`Showing 1–100 of ${model.entities.length} entities`);
    expect(await kindPicked()).toBe(`All kinds ${model.entities.length}`);
    await kindLink('API').click();
    await page.waitForURL(/\/catalog\/\?kind=api$/);
    expect(new Set(await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.kind)))).toEqual(new Set(['api']));
    await kindLink('Component').click();
    await page.waitForURL(/\/catalog\/$/);

    await page.locator('[data-facet="lifecycle"] input[value="production"]').check();
    await page.waitForURL(/\/catalog\/\?lifecycle=production$/);
    const production = components.filter((e) => spec(e, 'lifecycle') === 'production');
    expect((await rowRefs()).length).toBe(Math.min(100, production.length));
    // Each kind counts with the other filters applied: APIs among production entities, and a link that keeps them.
    const productionApis = model.entities.filter((e) => kindOf(e) === 'api' && spec(e, 'lifecycle') === 'production').length;
    expect(await kindLink('API').locator('.count').textContent()).toBe(String(productionApis));
    expect(await kindLink('API').getAttribute('href')).toBe('/catalog/?kind=api&lifecycle=production');
    expect(await page.locator('[data-facet="lifecycle"] label:has(input[value="deprecated"]) .count').textContent()).toBe(
      String(components.filter((e) => spec(e, 'lifecycle') === 'deprecated').length),
    );

    // Free text narrows further and replaces the history entry while typing.
    const target = production[0]!;
    await page.locator('#catalog-q').fill(target.entity.metadata.name);
    await page.waitForURL(new RegExp(`q=${target.entity.metadata.name}`));
    expect(await rowRefs()).toContain(target.ref);
    expect(await status()).toMatch(/^\d+ of 260 entities match$/);

    await page.goBack();
    await page.waitForURL(/\?lifecycle=production$/);
    expect(await page.locator('#catalog-q').inputValue()).toBe('');
    await page.goBack();
    await page.waitForURL(/\/catalog\/$/);
    expect(await page.locator('[data-facet="lifecycle"] input[value="production"]').isChecked()).toBe(false);
    expect(await status()).toBe(`Showing 1–100 of ${components.length} matching entities`);
    await page.goBack();
    await page.waitForURL(/\?kind=api$/);
    expect(await kindPicked()).toMatch(/^API \d+$/);
  });

  it('opens a shared URL in the same state: filters, sort and page', async () => {
    const apis = model.entities.filter((e) => kindOf(e) === 'api' && spec(e, 'lifecycle') === 'production');
    await openCatalog('?kind=api&lifecycle=production&sort=-name');
    expect(await kindPicked()).toMatch(/^API \d+$/);
    expect(await page.locator('th[aria-sort="descending"]').getAttribute('data-col')).toBe('name');
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const expected = apis
      .map((e) => ({ ref: e.ref, title: title(e) }))
      .sort((a, b) => -collator.compare(a.title, b.title))
      .map((e) => e.ref);
    expect(await rowRefs()).toEqual(expected);
  });

  it('sorts by a column header and pages through results', async () => {
    await openCatalog('?kind=component');
    await page.locator('button[data-sort="owner"]').click();
    await page.waitForURL(/sort=owner/);
    expect(await page.locator('th[data-col="owner"]').getAttribute('aria-sort')).toBe('ascending');
    const owners = await page.locator('[data-catalog] tbody td[data-label="Owner"]').allTextContents();
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    expect(owners).toEqual([...owners].sort(collator.compare));
    await page.locator('button[data-sort="owner"]').click();
    await page.waitForURL(/sort=-owner/);
    expect(await page.locator('th[data-col="owner"]').getAttribute('aria-sort')).toBe('descending');

    const firstPage = await rowRefs();
    await page.locator('[data-pager] a[rel="next"]').click();
    await page.waitForURL(/page=2/);
    const secondPage = await rowRefs();
    expect(secondPage.length).toBeGreaterThan(0);
    // The new page's table takes the focus, so reading and tabbing start at its rows.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TABLE');
    expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);
    expect(await status()).toMatch(/^Showing 101–/);
    await page.goBack();
    await page.waitForURL(/sort=-owner$/);
    expect(await rowRefs()).toEqual(firstPage);
  });

  it('exports every match, not just the page, as CSV and JSON', async () => {
    await openCatalog('?kind=component');
    const components = model.entities.filter((e) => kindOf(e) === 'component');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
    expect(csv.suggestedFilename()).toBe('catalog.csv');
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Ref,Name,System,Owner,Type,Lifecycle,Namespace,Description,Tags');
    expect(lines).toHaveLength(components.length + 1);
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="json"]').click()]);
    const items = JSON.parse(readFileSync((await json.path())!, 'utf8')) as Array<{ ref: string }>;
    expect(items.map((i) => i.ref).sort()).toEqual(components.map((e) => e.ref).sort());
  });

  it('lists entities with problems from the build', async () => {
    const withProblems = new Set(model.diagnostics.map((d) => d.entity?.toLowerCase()).filter(Boolean));
    expect(withProblems.size).toBeGreaterThan(0);
    await openCatalog('?kind=all&problems=1');
    expect(new Set(await rowRefs())).toEqual(withProblems);
    expect(await page.locator('[data-facet="problems"] input').isChecked()).toBe(true);
  });

  it('stars rows, lists the starred ones, and remembers them on the home page', async () => {
    await openCatalog('?kind=system');
    const star = rows().first().locator('button[data-star]');
    const ref = (await rows().first().getAttribute('data-ref'))!;
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    await star.click();
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('backlot.starred')))!)).toEqual([ref]);

    await page.locator('[data-facet="list"] input[value="starred"]').check();
    await page.waitForURL(/list=starred/);
    expect(await rowRefs()).toEqual([ref]);
    expect(await page.locator('[data-facet="list"] label:has(input[value="starred"]) .count').textContent()).toBe('1');

    await page.reload();
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await rowRefs()).toEqual([ref]);

    // With the keyboard, the pressed star keeps the focus through the re-render.
    await openCatalog('?kind=system');
    const second = rows().nth(1).locator('button[data-star]');
    await second.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.star)).toBe(await rows().nth(1).getAttribute('data-ref'));
    expect(await rows().nth(1).locator('button[data-star]').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await rows().nth(1).locator('button[data-star]').getAttribute('aria-pressed')).toBe('false');
    await page.goto(server.url + 'catalog/?kind=all&list=starred');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await rowRefs()).toEqual([ref]);

    await page.goto(server.url);
    const starred = page.locator('[data-home-starred]');
    await starred.locator('a').first().waitFor();
    const entity = model.entities.find((e) => e.ref === ref)!;
    expect(await starred.locator('a').textContent()).toBe(title(entity));

    // Unstarring from the starred list empties it.
    await openCatalog('?kind=all&list=starred');
    await rows().first().locator('button[data-star]').click();
    expect(await rows().count()).toBe(0);
    expect(await page.locator('.empty').textContent()).toContain('No entities match');
  });

  it('filters to my team: the group, its child groups and their members', async () => {
    const groups = model.entities.filter((e) => kindOf(e) === 'group' && e.entity.spec?.type === 'business-unit');
    const unit = groups[0]!;
    // Expected owners, from the model's relations.
    const owners = new Set([unit.ref]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const e of model.entities) {
        const parents = (e.entity.relations ?? []).filter((r) => r.type === 'childOf' || r.type === 'memberOf').map((r) => r.targetRef);
        if (!owners.has(e.ref) && parents.some((p) => owners.has(p)) && ['group', 'user'].includes(kindOf(e))) {
          owners.add(e.ref);
          grew = true;
        }
      }
    }
    const owned = model.entities.filter((e) => (e.entity.relations ?? []).some((r) => r.type === 'ownedBy' && owners.has(r.targetRef))).map((e) => e.ref);
    expect(owned.length).toBeGreaterThan(0);

    await openCatalog('?kind=all');
    expect(await page.locator('[data-facet="list"] input[value="team"]').isDisabled()).toBe(true);
    await page.locator('#catalog-team').selectOption(unit.ref);
    await page.waitForURL(/list=team/);
    await page.locator('[data-facet="list"] input[value="team"]:checked').waitFor();
    const shown: string[] = [];
    for (;;) {
      shown.push(...(await rowRefs()));
      const next = page.locator('[data-pager] a[rel="next"]');
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForURL(new RegExp(`page=${Math.ceil(shown.length / 100) + 1}`));
    }
    expect(shown.sort()).toEqual(owned.sort());

    // Picked once: a new visit remembers it.
    await openCatalog('?kind=all&list=team');
    expect(await page.locator('#catalog-team').inputValue()).toBe(unit.ref);
    expect(await rows().count()).toBe(Math.min(100, owned.length));
  });

  it('hands a static per-kind list over to the catalog URL', async () => {
    await page.goto(server.url + 'catalog/kind/api/');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/catalog/?kind=api');
    expect(await rows().count()).toBe(model.entities.filter((e) => kindOf(e) === 'api').length);
  });

  it('filters 250 entities in a few milliseconds', async () => {
    await openCatalog();
    await page.locator('[data-facet="tag"] input').first().check();
    await page.waitForURL(/tag=/);
    const ms = Number(await page.locator('[data-catalog-app]').getAttribute('data-render-ms'));
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(100);
  });

  it('ran every page script without errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('catalog without JavaScript', () => {
  let noJs: BrowserContext;
  beforeAll(async () => {
    noJs = await browser.newContext({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await noJs?.close();
  });

  it('lists every entity on static pages of 100, one list per kind, and all kinds as links to those lists', async () => {
    const p = await noJs.newPage();
    // The catalog opens on Components without JavaScript too.
    await p.goto(server.url + 'catalog/');
    expect(await p.locator('[data-kind-picker] a[aria-current="page"]').textContent()).toMatch(/^\s*Component \d/);
    // The static rows say no ref or kind of their own (only the app's rows do): read them from the name links.
    const staticRefs = () => p.locator('[data-catalog] tbody td:first-child > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.replace(/^.*\/catalog\/([^/]+)\/([^/]+)\/([^/]+)\/$/, '$2:$1/$3')));
    const first = await staticRefs();
    expect(first.length).toBeGreaterThan(0);
    expect(first.filter((ref) => !ref.startsWith('component:'))).toEqual([]);
    await p.locator('[data-kind-picker] a', { hasText: 'All kinds' }).click();
    await p.waitForURL(/\/catalog\/all\/$/);
    // "All kinds" does not list every entity again: it links each kind's list, with its count.
    expect(await p.locator('[data-catalog] tbody tr').count()).toBe(0);
    const kinds = await p.locator('[data-kind-index] li').evaluateAll((lis) =>
      lis.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, count: Number(li.querySelector('.count')!.textContent) })),
    );
    expect(kinds.reduce((n, k) => n + k.count, 0)).toBe(model.entities.length);
    expect((await fetch(new URL('catalog/all/page/2/', server.url))).status).toBe(404);
    const seen: string[] = [];
    for (const kind of kinds) {
      await p.goto(new URL(kind.href, server.url).href);
      for (let n = 1; ; n++) {
        const refs = await staticRefs();
        expect(await p.locator('[data-catalog] tbody tr').count()).toBe(refs.length);
        expect(refs.length).toBe(Math.min(100, kind.count - (n - 1) * 100));
        seen.push(...refs);
        const next = p.locator('[data-pager] a[rel="next"]');
        if ((await next.count()) === 0) break;
        expect(await p.locator('[data-filter-status]').textContent()).toMatch(new RegExp(`^Showing ${(n - 1) * 100 + 1}–`));
        await next.click();
        await p.waitForURL(new RegExp(`/page/${n + 1}/$`));
      }
    }
    expect(seen.sort()).toEqual(model.entities.map((e) => e.ref.toLowerCase()).sort());
    // No filters appear without the app, only the kind picker.
    expect(await p.locator('[data-filters]').count()).toBe(0);
    expect(await p.locator('[data-catalog-side]').isVisible()).toBe(false);

    await p.locator('[data-kind-picker] a', { hasText: 'API' }).click();
    await p.waitForURL(/\/catalog\/kind\/api\/$/);
    const apis = model.entities.filter((e) => kindOf(e) === 'api').map((e) => e.ref.toLowerCase());
    expect((await staticRefs()).sort()).toEqual(apis.sort());
    expect(await p.locator('[data-kind-picker] a[aria-current="page"]').textContent()).toContain('API');
    expect(await p.locator('[data-catalog] thead th').allTextContents()).toEqual(['Name', 'System', 'Owner', 'Type', 'Lifecycle', 'Namespace', 'Description', 'Tags']);
    await p.close();
  });

  it('labels the static list\'s cells on a phone and drops the least needed columns as it narrows, from one style per list', async () => {
    const p = await noJs.newPage();
    await p.goto(server.url + 'catalog/kind/api/');
    const row = p.locator('[data-catalog] tbody tr').first();
    expect(await row.locator('td[data-label], td[data-priority]').count()).toBe(0);
    const label = (n: number) => row.locator(`td:nth-child(${n})`).evaluate((td) => getComputedStyle(td, '::before').content);
    const shown = (n: number) => row.locator(`td:nth-child(${n})`).isVisible();
    // Wide: a table, every column shown, no labels.
    await p.setViewportSize({ width: 1366, height: 800 });
    expect(await shown(6)).toBe(true);
    expect(await label(3)).toBe('none');
    // Narrower than 44rem but wider than a phone: priority-3 columns (Lifecycle, Namespace) go, Owner stays.
    await p.setViewportSize({ width: 680, height: 800 });
    expect(await shown(5)).toBe(false);
    expect(await shown(6)).toBe(false);
    expect(await shown(3)).toBe(true);
    // A phone: each row a card, each cell (but name and description) labelled as its column.
    await p.setViewportSize({ width: 390, height: 800 });
    expect(await label(3)).toBe('"Owner: "');
    expect(await label(1)).toBe('none');
    await p.close();
  });

  it('ships no more than one page of rows in any list page', () => {
    const html = readFileSync(join(out, 'catalog', 'kind', 'component', 'index.html'), 'utf8');
    // Rows without the app's data-ref and data-kind (only the app reads them, from its own rows).
    expect(html.match(/<tr><td/g)?.length).toBe(100);
    expect(html).not.toMatch(/<tr data-/);
    // "All kinds" holds no rows at all: the kind lists have them.
    expect(readFileSync(join(out, 'catalog', 'all', 'index.html'), 'utf8')).not.toContain('<td');
  });
});

describe('search', () => {
  it('finds pages with a filter from the URL and shows title, kind and snippet', async () => {
    await page.goto(server.url + 'search/?q=interface&kind=API');
    await page.locator('main[data-search-ready]').waitFor();
    const results = page.locator('[data-search-results] li');
    await results.first().waitFor();
    const apis = model.entities.filter((e) => kindOf(e) === 'api').length;
    expect(await page.locator('[data-search-status]').textContent()).toBe(`${apis} results for “interface”`);
    expect(new Set(await results.locator('.badge').allTextContents())).toEqual(new Set(['API']));
    expect(await results.first().locator('.result-excerpt mark').first().textContent()).toMatch(/interface/i);
    expect(await results.first().locator('a.result-title').getAttribute('href')).toMatch(/^\/catalog\/default\/api\//);
    expect(await page.locator('[data-facet="kind"] input[value="API"]').isChecked()).toBe(true);
  });

  it('narrows with a facet, counts values, and keeps the facets in the URL', async () => {
    // Filters and counts come from the facet table: Pagefind's own filters (counted per result, quadratic) stay unloaded.
    const fetched: string[] = [];
    const seen = (r: { url(): string }) => void fetched.push(new URL(r.url()).pathname);
    context.on('request', seen);
    await page.goto(server.url + 'search/?q=interface');
    await page.locator('main[data-search-ready]').waitFor();
    const apis = model.entities.filter((e) => kindOf(e) === 'api');
    const grpc = apis.filter((e) => spec(e, 'type') === 'grpc');
    const more = page.locator('[data-facet="type"] button.more');
    if (await more.isVisible()) await more.click();
    await page.locator('[data-facet="type"] input[value="grpc"]').check();
    await page.waitForURL(/\?q=interface&type=grpc$/);
    await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length === n, grpc.length);
    // Type counts ignore the type filter itself (any-of), so openapi still shows its count.
    const openapi = apis.filter((e) => spec(e, 'type') === 'openapi').length;
    expect(await page.locator('[data-facet="type"] label:has(input[value="openapi"]) .count').textContent()).toBe(String(openapi));
    await page.goBack();
    await page.waitForURL(/\?q=interface$/);
    await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length === n, Math.min(20, apis.length));
    context.off('request', seen);
    expect(fetched).toContain('/pagefind/backlot-facets.json');
    expect(fetched.some((p) => p.startsWith('/pagefind/index/'))).toBe(true);
    expect(fetched.filter((p) => /^\/pagefind\/(\d+\/)?filter\//.test(p))).toEqual([]);
    // Every shard's index was searched.
    expect(fetched.some((p) => p.startsWith('/pagefind/2/index/'))).toBe(true);
  });

  it('lists the pages a filter keeps without a term, with facet counts and their data', async () => {
    await page.goto(server.url + 'search/?kind=API');
    await page.locator('main[data-search-ready]').waitFor();
    const results = page.locator('[data-search-results] li');
    await results.first().waitFor();
    const apis = model.entities.filter((e) => kindOf(e) === 'api');
    expect(await page.locator('[data-search-status]').textContent()).toBe(`${apis.length} result${apis.length === 1 ? '' : 's'}`);
    expect(new Set(await results.locator('.badge').allTextContents())).toEqual(new Set(['API']));
    const hrefs = await results.locator('a.result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(apis.map((e) => `/${entityPath(e.ref)}`).sort().slice(0, 20));
    // Each page's data from its shard's fragment files (the facet table names the shard).
    for (const excerpt of await results.locator('.result-excerpt').allTextContents()) expect(excerpt.length).toBeGreaterThan(0);
    // The kind's own values count as if it were not set.
    const components = model.entities.filter((e) => kindOf(e) === 'component').length;
    expect(await page.locator('[data-facet="kind"] label:has(input[value="Component"]) .count').textContent()).toBe(String(components));
  });

  it('offers the full search page from the search box', async () => {
    await page.goto(server.url + 'catalog/');
    await page.locator('#site-search').pressSequentially('interface');
    const all = page.locator('#site-search-results .search-all a');
    await all.waitFor();
    expect(await all.textContent()).toMatch(/^All \d+ results for “interface”$/);
    await all.click();
    await page.waitForURL(/\/search\/\?q=interface$/);
    await page.locator('[data-search-results] li').first().waitFor();
  });
});
