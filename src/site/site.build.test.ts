// Builds the real portal from the fixture org (run through the pipeline), indexes it with Pagefind, serves it and drives it in Chromium.

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { indexSite } from '../search/index.ts';
import { launchChromium } from './testing/browser.ts';
import type { PortalModel } from '../model/portal.ts';
import { fixtureSite } from './testing/fixture-site.ts';
import { internalLinks } from './testing/links.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

// The fixture org's site at /, indexed: built once for this file and look.build.test.ts.
const { dir: rootOut, model, indexed } = await fixtureSite({ index: true });
const docsPages = (model.docs?.sites ?? []).reduce((n, site) => n + site.pages.length, 0);
const tmp = mkdtempSync(join(tmpdir(), 'backlot-site-'));
const portalOut = join(tmp, 'portal');

let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await serveStatic(rootOut);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

describe('portal at /', () => {
  it('indexes exactly the entity pages and the docs pages', () => {
    expect(docsPages).toBe(3);
    expect(indexed?.pages).toBe(model.entities.length + docsPages);
  });

  it('has no broken internal links on any page', async () => {
    const checked = new Map<string, number>();
    for (const file of htmlFiles(rootOut)) {
      for (const link of internalLinks(readFileSync(file, 'utf8'))) {
        const target = new URL(link, server.origin + '/' + relative(rootOut, file)).href;
        if (!checked.has(target)) checked.set(target, (await fetch(target)).status);
        expect(checked.get(target), `${link} in ${relative(rootOut, file)}`).toBe(200);
      }
    }
    expect(checked.size).toBeGreaterThan(model.entities.length);
  });

  it('lists every entity in the catalog and filters by kind in the URL', async () => {
    await page.goto(server.url + 'catalog/?kind=all');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    const rows = page.locator('[data-catalog] tbody tr');
    expect(await rows.count()).toBe(model.entities.length);
    const refs = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.ref));
    expect(refs.sort()).toEqual(model.entities.map((e) => e.ref).sort());

    await page.locator('[data-kind-picker] a[data-kind="api"]').click();
    await page.waitForURL(/\/catalog\/\?kind=api$/);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.kind))).toEqual(['api', 'api']);
    expect(await page.locator('[data-filter-status]').textContent()).toBe('2 of 13 entities match');

    await page.goBack();
    await page.waitForURL(/\/catalog\/\?kind=all$/);
    expect(await rows.count()).toBe(model.entities.length);

    await page.goto(server.url + 'catalog/?kind=group');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await rows.count()).toBe(3);
  });

  it('shows relations as links and a dangling relation as missing text', async () => {
    await page.goto(server.url + 'catalog/default/component/payments-service/');
    expect(await page.locator('h1').textContent()).toBe('Payments Service');

    const dangling = page.locator('[data-card="depends-on-resources"]');
    expect(await dangling.locator('a').count()).toBe(0);
    expect(await dangling.textContent()).toContain('resource:payments-db not in the catalog');

    const relationLinks = page.locator('.rel-card a');
    const hrefs = await relationLinks.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBe(4);
    for (const href of hrefs) expect((await fetch(href)).status, href).toBe(200);

    await page.locator('[data-card="provided-apis"] a').click();
    await page.waitForURL(/\/catalog\/default\/api\/payments-api\/$/);
    expect(await page.locator('h1').textContent()).toBe('Payments API');
    expect(await page.locator('[data-card="providers"] a').textContent()).toBe('Payments Service');
    // The OpenAPI file the catalog refers to with $text, summarised by the apis stage.
    await page.locator('a[data-action="definition"]').first().click();
    await page.waitForURL(/\/catalog\/default\/api\/payments-api\/definition\/$/);
    expect(await page.locator('main').textContent()).toContain('/payments/{id}/refund');
  });

  it('shows the entity’s own problems and its source links', async () => {
    await page.goto(server.url + 'catalog/default/component/legacybilling/');
    const problems = page.locator('#problems ~ .diagnostics li');
    expect(await problems.count()).toBe(1);
    expect(await problems.textContent()).toContain('dangling-ref');
    expect(await page.locator('a[data-action="view"]').getAttribute('href')).toBe(
      'https://github.com/acme/legacy-billing/blob/main/catalog-info.yaml',
    );
    expect(await page.locator('a[data-action="edit"]').getAttribute('href')).toContain('/edit/main/');
  });

  it('finds an entity by name in the search box and opens it', async () => {
    await page.goto(server.url);
    await page.keyboard.press('/');
    const box = page.locator('#site-search');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.pressSequentially('fx-rates');
    const option = page.locator('#site-search-results [role="option"]').first();
    await option.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await option.locator('.r-title').textContent()).toBe('fx-rates-api');
    expect(await option.locator('.r-kind').textContent()).toBe('API');
    await option.locator('a').click();
    await page.waitForURL(/\/catalog\/default\/api\/fx-rates-api\/$/);
    expect(await page.locator('h1').textContent()).toBe('fx-rates-api');
  });

  it('tags entity pages with Pagefind filters and keeps excerpts to the entity’s own text', async () => {
    await page.goto(server.url);
    // A string, not a function: vitest would rewrite a dynamic import() inside a function body.
    const found = (await page.evaluate(`(async () => {
      const pf = await import('${new URL(server.url).pathname}pagefind/pagefind.js');
      const titles = async (filters) => {
        const search = await pf.search(null, { filters });
        const data = await Promise.all(search.results.map((r) => r.data()));
        return data.map((d) => d.meta.title).sort();
      };
      const hit = await (await pf.search('authorises')).results[0].data();
      return {
        api: await titles({ kind: 'API' }),
        owner: await titles({ owner: 'group:default/team-payments' }),
        production: await titles({ lifecycle: 'production', type: 'service' }),
        tooling: await titles({ namespace: 'tooling' }),
        tag: await titles({ tag: 'pci' }),
        excerpt: hit.excerpt,
      };
    })()`)) as Record<string, string[]> & { excerpt: string };
    expect(found.api).toEqual(['Payments API', 'fx-rates-api']);
    // The service's TechDocs pages carry its owner too.
    expect(found.owner).toEqual(['Checkout', 'Checkout Web', 'Home – Payments Service', 'Payments API', 'Payments Service', 'Runbook – Payments Service']);
    expect(found.production).toEqual(['Payments Service']);
    expect(found.tooling).toEqual(['build-tools']);
    expect(found.tag).toEqual(['Payments Service']);
    expect(found.excerpt).toContain('<mark>Authorises</mark> and captures card payments');
    expect(found.excerpt).not.toMatch(/Catalog|About|API version/);
  });

  it('opens the highlighted search result with the keyboard', async () => {
    await page.goto(server.url + 'problems/');
    const box = page.locator('#site-search');
    await box.click();
    await box.pressSequentially('legacy billing');
    await page.locator('#site-search-results [role="option"]').first().waitFor();
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-option-0');
    await box.press('Enter');
    await page.waitForURL(/\/catalog\/default\/component\/legacybilling\/$/);
  });

  it('lists every diagnostic on the problems page, grouped by repo', async () => {
    await page.goto(server.url + 'problems/?group=repo');
    await page.locator('[data-problems][data-ready]').waitFor({ state: 'attached' });
    expect(await page.locator('.diagnostics > li').count()).toBe(model.diagnostics.length);
    const repos = await page.locator('section[data-group]').evaluateAll((s) => s.map((el) => (el as HTMLElement).dataset.group));
    expect([...repos].sort()).toEqual(['ledger', 'legacy-billing', 'payments', 'platform']);
    expect(await page.locator('[data-problem-counts]').textContent()).toContain('3 errors and 3 warnings');
    const ledger = page.locator('section[data-group="ledger"] li');
    expect(await ledger.textContent()).toMatch(/catalog-info\.yaml:7:3\s+error\s+schema/);
    expect(await ledger.locator('.diag-entity a').count()).toBe(0);
    expect(await ledger.locator('.diag-entity').textContent()).toContain('ledger-service not in catalog');
    const payments = page.locator('section[data-group="payments"] .diag-entity a');
    expect(await payments.getAttribute('href')).toBe('/catalog/default/component/payments-service/');
  });

  it('ran every page script without errors', () => {
    expect(pageErrors).toEqual([]);
  });

  it('answers unknown paths with the 404 page', async () => {
    const res = await fetch(server.url + 'catalog/default/component/nope/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});

describe('portal under /portal/', () => {
  // Docs pages link with the base the docs stage was given, so the /portal/ site is built from a model made for
  // it (shared with register.build.test.ts, and copied here since this file indexes it).
  let portalModel: PortalModel;

  it('prefixes every internal link with the base path', async () => {
    const portal = await fixtureSite({ base: '/portal/' });
    portalModel = portal.model;
    cpSync(portal.dir, portalOut, { recursive: true });
    const catalog = readFileSync(join(portalOut, 'catalog', 'index.html'), 'utf8');
    const links = internalLinks(catalog);
    expect(links).toContain('/portal/catalog/default/component/payments-service/');
    expect(links).toContain('/portal/catalog/kind/api/');
    expect(links).toContain('/portal/problems/');
    expect(links.filter((l) => !l.startsWith('/portal/'))).toEqual([]);

    const entity = readFileSync(join(portalOut, 'catalog', 'default', 'component', 'payments-service', 'index.html'), 'utf8');
    expect(entity).toContain('href="/portal/catalog/default/api/payments-api/"');
    for (const file of htmlFiles(portalOut)) {
      expect(internalLinks(readFileSync(file, 'utf8')).filter((l) => !l.startsWith('/portal/')), file).toEqual([]);
    }
  });

  it('keeps the search box usable when the site has no search index yet', async () => {
    const portal = await serveStatic(portalOut, { base: '/portal/' });
    try {
      await page.goto(portal.url);
      await page.locator('#site-search').pressSequentially('payments');
      const status = page.locator('#site-search-results .search-status');
      await status.waitFor();
      expect(await status.textContent()).toContain('Search index not available');
      await page.locator('#site-search').press('Enter');
      await page.waitForURL(/\/portal\/catalog\/\?q=payments&kind=all$/);
      await page.locator('[data-catalog-app][data-ready]').waitFor();
      const refs = await page.locator('[data-catalog] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.ref));
      // Name, title, description, owner and tags all count: the team and what it owns.
      expect(refs).toEqual([
        'component:default/checkout-web',
        'component:default/payments-service',
        'api:default/payments-api',
        'system:default/checkout',
        'group:default/team-payments',
      ]);
    } finally {
      await portal.close();
    }
  });

  it('links search results under the base path, with fragments bundled as at 10,000 entities', async () => {
    // Bundled as a large site's are (above maxFragments pages): results come from shared fragment files.
    await indexSite(portalOut, { model: portalModel, maxFragments: 2 });
    expect(readdirSync(join(portalOut, 'pagefind', 'fragment')).length).toBeLessThanOrEqual(2);
    const portal = await serveStatic(portalOut, { base: '/portal/' });
    try {
      await page.goto(portal.url + 'catalog/');
      await page.locator('#site-search').pressSequentially('checkout web');
      const link = page.locator('#site-search-results [role="option"] a').first();
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe('/portal/catalog/default/component/checkout-web/');
    } finally {
      await portal.close();
    }
  });
});
