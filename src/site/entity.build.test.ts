// Builds the portal for a small org through the real pipeline (catalog, graph, API definitions), serves it and
// drives the entity pages in Chromium: cards per kind, the graph, group/user pages and the four API types.

import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../config/load.ts';
import type { PortalModel } from '../model/portal.ts';
import { runPipeline } from '../pipeline/index.ts';
import { BULK, entityOrgSnapshot } from './fixtures/entity-org.ts';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite } from './testing/build.ts';
import { internalLinks } from './testing/links.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-entity-'));
const out = join(tmp, 'site');

let model: PortalModel;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const config = defaultConfig(tmp);
  const result = await runPipeline({ ...config, site: { ...config.site, title: 'Northwind' } }, entityOrgSnapshot(), {
    catalogPath: () => '/catalog-info.yaml',
  });
  model = result.model;
  await buildSite({ model, outDir: out, base: '/' });
  server = await serveStatic(out);
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const open = (path: string) => page.goto(server.url + path);
const texts = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
const cardLinks = (card: string) => texts(`[data-card="${card}"] li a`);
/** The refs of the graph's linked nodes, read back from their links (`/catalog/<ns>/<kind>/<name>/`). */
const graphRefs = (p: Page) =>
  p.locator('svg.graph a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.replace(/^.*\/catalog\/([^/]+)\/([^/]+)\/([^/]+)\/$/, '$2:$1/$3')));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

describe('entity pages', () => {
  it('shows a component’s About fields, links by type (unsafe ones dropped) and its relation cards', async () => {
    await open('catalog/default/component/payments-service/');
    expect(await page.locator('h1').textContent()).toBe('Payments Service');
    const about = page.locator('[data-card="about"]');
    expect(await about.locator('dt:text-is("Owner") + dd a').textContent()).toBe('Payments Team');
    expect(await about.textContent()).toContain('Checkout');
    expect(await about.textContent()).toContain('northwind/payments');
    expect(await texts('[data-card="links"] h3')).toEqual(['Chat', 'Dashboard', 'Runbook']);
    expect(await page.locator('[data-card="links"] a[href^="javascript"]').count()).toBe(0);
    // Each link's icon is a CSS mask chosen by data-icon (the plain link icon when none matches), not inline SVG.
    const icons = await page.locator('[data-card="links"] li').evaluateAll((lis) =>
      lis.map((li) => [li.textContent?.trim(), li.getAttribute('data-icon'), getComputedStyle(li, '::before').getPropertyValue('mask-image').startsWith('url(')]),
    );
    expect(icons).toContainEqual(['Dashboard', 'dashboard', true]);
    expect(icons.every(([, , masked]) => masked)).toBe(true);
    expect(await page.locator('[data-card="links"] svg').count()).toBe(0);

    expect(await cardLinks('provided-apis')).toEqual(['Payment events', 'Payments REST API']);
    expect(await cardLinks('consumed-apis')).toEqual(['Fraud graph']);
    expect(await cardLinks('depends-on-components')).toEqual(['Ledger']);
    expect(await cardLinks('dependency-of-components')).toEqual(['Checkout Web']);
    expect(await page.locator('[data-card="depends-on-components"]').textContent()).toContain('service');
    // The author's annotation is listed; the five set from where it was read (Source, View source, Edit) are counted.
    expect(await texts('section[aria-labelledby="annotations"] dt')).toEqual(['backstage.io/techdocs-ref']);
    expect(await page.locator('[data-location-annotations]').textContent()).toBe("5 location annotations point into the entity's repo (see Source).");
  });

  it('shows a dangling relation as text, never as a link', async () => {
    await open('catalog/default/component/payments-service/');
    const resources = page.locator('[data-card="depends-on-resources"]');
    expect(await resources.locator('a').allTextContents()).toEqual(['Payments DB']);
    const dangling = resources.locator('[data-missing="resource:default/ghost-cache"]');
    expect(await dangling.textContent()).toBe('resource:ghost-cache not in the catalog');
    // The graph draws it too, dashed and without a link.
    const node = page.locator('svg.graph .node.missing');
    expect(await node.count()).toBe(1);
    expect(await node.evaluate((el) => el.closest('a'))).toBeNull();
    expect(await node.locator('.nt').textContent()).toBe('ghost-cache');
  });

  it('draws the relations graph with labelled edges and navigates when a node is clicked', async () => {
    await open('catalog/default/component/payments-service/');
    const graph = page.locator('svg.graph');
    expect(await graph.getAttribute('aria-label')).toBe('Payments Service and its related entities');
    expect(await texts('svg.graph .edge-labels text')).toEqual(
      expect.arrayContaining(['owner of', 'has part', 'provides API', 'consumes API', 'depends on']),
    );
    expect(await page.locator('svg.graph .node.center .nt').textContent()).toBe('Payments Service');
    expect(await page.locator('svg.graph a[href$="/catalog/default/api/fraud-graph/"] .nk').textContent()).toBe('API');
    // Right after the page loaded: once, a click in the first 300 ms was taken for the end of a drag.
    await page.locator('svg.graph a[href$="/catalog/default/api/fraud-graph/"]').click();
    await page.waitForURL(/\/catalog\/default\/api\/fraud-graph\/$/);
    expect(await page.locator('h1').textContent()).toBe('Fraud graph');
    expect(await cardLinks('providers')).toEqual(['Fraud Scorer']);
    expect(await cardLinks('consumers')).toEqual(['Payments Service']);
  });

  it('shows subcomponents and the parent component', async () => {
    await open('catalog/default/component/checkout-web/');
    expect(await cardLinks('subcomponents')).toEqual(['Card Widget']);
    // The cards with nothing in them are one line, not a card each.
    expect(await page.locator('section.rel-card[data-card="provided-apis"]').count()).toBe(0);
    expect(await page.locator('[data-empty-cards] [data-card="provided-apis"]').textContent()).toBe('Provides no APIs.');
    await open('catalog/default/component/card-widget/');
    expect(await page.locator('[data-card="about"]').textContent()).toContain('Parent component');
    expect(await page.locator('[data-card="about"] a', { hasText: 'Checkout Web' }).count()).toBe(1);
  });

  it('gives a system its components, APIs and resources, and a graph explorer', async () => {
    await open('catalog/default/system/checkout/');
    expect(await cardLinks('components')).toEqual(['Checkout Web', 'Fraud Scorer', 'Ledger', 'Payments Service']);
    expect(await cardLinks('apis')).toEqual(['Fraud graph', 'Ledger gRPC', 'Payment events', 'Payments REST API']);
    expect(await cardLinks('resources')).toEqual(['Payments DB']);
    expect(await page.locator('[data-card="about"]').textContent()).toContain('Domain');
    await page.locator('a[data-action="explore"]').click();
    await page.waitForURL(/\/catalog\/default\/system\/checkout\/graph\/$/);
    const nodes = () => graphRefs(page);
    // The build draws the first step: its domain and its parts; ownership is not followed.
    const drawn = await nodes();
    expect(drawn).toEqual(expect.arrayContaining(['system:default/checkout', 'domain:default/commerce', 'component:default/ledger', 'api:default/ledger-grpc']));
    expect(drawn).not.toContain('group:default/payments');
    // The page lists the whole graph, two steps out (what its parts depend on), and the browser draws it.
    expect(await page.locator('.explorer-list').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('ghost-cache')]));
    expect(await page.locator('svg.graph').textContent()).not.toContain('ghost-cache');
    await page.getByRole('button', { name: /^Draw all: \d+ entities are not drawn yet$/ }).click();
    await page.locator('.graph-view[data-draws="1"]').waitFor();
    expect(await page.locator('svg.graph').textContent()).toContain('ghost-cache');
    expect(await nodes()).toEqual(expect.arrayContaining(drawn));
    expect(await nodes()).not.toContain('group:default/payments');
    await page.locator('svg.graph a[href$="/catalog/default/component/ledger/"]').click();
    await page.waitForURL(/\/catalog\/default\/component\/ledger\/$/);
  });

  it('gives a domain its systems and subdomains', async () => {
    await open('catalog/default/domain/commerce/');
    expect(await cardLinks('systems')).toEqual(['Checkout']);
    expect(await cardLinks('subdomains')).toEqual(['Money']);
    await open('catalog/default/domain/money/');
    expect(await page.locator('[data-card="about"] dt', { hasText: 'Parent domain' }).count()).toBe(1);
  });

  it('gives a resource the components that depend on it', async () => {
    await open('catalog/default/resource/payments-db/');
    expect(await cardLinks('dependency-of-components')).toEqual(['Payments Service']);
  });

  it('offers a template’s launch link', async () => {
    await open('catalog/default/template/new-service/');
    expect(await page.locator('a[data-action="launch"]').getAttribute('href')).toBe('/create/default/new-service/');
  });
});

describe('group and user pages', () => {
  it('shows a group’s profile, members direct and through child groups, and ownership both ways', async () => {
    await open('catalog/default/group/payments/');
    const profile = page.locator('[data-card="profile"]');
    expect(await profile.locator('img').getAttribute('src')).toBe('https://avatars.northwind.example/payments.png');
    expect(await profile.locator('a[href^="mailto:"]').textContent()).toBe('payments@northwind.example');
    expect(await profile.locator('[data-profile="parent"] a').allTextContents()).toEqual(['Engineering']);
    expect(await profile.locator('[data-profile="children"] a').allTextContents()).toEqual(['Fraud Team']);

    expect(await texts('[data-members="direct"] li')).toEqual(['Ada Lovelace · ada@northwind.example']);
    const aggregate = page.locator('details.aggregate');
    expect(await aggregate.locator('summary').textContent()).toBe('All 2 members, including 1 through child groups');
    await aggregate.locator('summary').click();
    expect(await texts('[data-members="aggregated"] li')).toEqual(['Ada Lovelace · ada@northwind.example', 'Bob Builder · via Fraud Team']);

    const component = page.locator('[data-card="ownership"] tr[data-kind="component"]');
    expect(await component.locator('[data-count="direct"]').textContent()).toBe('4');
    expect(await component.locator('[data-count="aggregated"]').textContent()).toBe('5');
    expect(await component.locator('th').textContent()).toContain('service 3');
    const api = page.locator('[data-card="ownership"] tr[data-kind="api"]');
    expect([await api.locator('[data-count="direct"]').textContent(), await api.locator('[data-count="aggregated"]').textContent()]).toEqual(['4', '5']);
    expect(await page.locator('[data-card="owned"] h2 .count').textContent()).toBe('11');
  });

  it('caps a long ownership list and points at the catalog filtered by owner and the full list', async () => {
    await open('catalog/default/group/platform/');
    expect(await page.locator('[data-card="owned"] li').count()).toBe(20);
    const more = page.locator('[data-card="owned"] .more');
    expect(await more.textContent()).toContain(`and ${BULK + 1 - 20} more`);
    expect(await more.locator('a').first().getAttribute('href')).toBe('/catalog/?kind=all&owner=group%3Adefault%2Fplatform');
    // The graph keeps every relation type under its cap: the parent group and the members are drawn.
    const nodes = await graphRefs(page);
    expect(nodes).toEqual(expect.arrayContaining(['group:default/engineering', 'user:default/cy', 'user:default/bob']));
    await more.locator('a').nth(1).click();
    await page.waitForURL(/\/catalog\/default\/group\/platform\/relations\/$/);
    expect(await page.locator('section[aria-labelledby="owned"] li').count()).toBe(BULK + 1);
    expect(await texts('section[aria-labelledby="members"] li')).toEqual(['Bob Builder', 'cy']);
    // Members and owned entities are not listed twice: the other relations keep only the rest (the parent group).
    expect(await page.locator('section[aria-labelledby="relations"] li[data-relation]').evaluateAll((els) => els.map((e) => e.getAttribute('data-relation')))).toEqual(['childOf']);
  });

  it('shows a user’s profile, groups and the counts of what they and their groups own, linked to the catalog; an http picture is not shown', async () => {
    await open('catalog/default/user/bob/');
    const profile = page.locator('[data-card="profile"]');
    expect(await profile.locator('img').count()).toBe(0);
    expect(await profile.locator('.profile-name').textContent()).toBe('Bob Builder');
    expect(await profile.locator('[data-profile="groups"] a').allTextContents()).toEqual(['Fraud Team', 'Platform Team']);
    // Counts by kind and type as Backstage's user page, no list of entities (a team's list again per member).
    const card = page.locator('[data-card="ownership"]');
    expect(await page.locator('[data-card="owned"]').count()).toBe(0);
    expect(await card.locator('li a[href^="/catalog/default/"]').count()).toBe(0);
    const owners = ['group:default/fraud', 'group:default/platform', 'user:default/bob'];
    const owned = model.entities.filter((e) => (e.entity.relations ?? []).some((r) => r.type === 'ownedBy' && owners.includes(r.targetRef)));
    expect(Number(await card.locator('h2 .count').textContent())).toBe(owned.length);
    const components = owned.filter((e) => e.entity.kind === 'Component').length;
    expect(await card.locator('li[data-kind="component"] [data-count="aggregated"]').textContent()).toBe(String(components));
    expect(await card.locator('li[data-kind="component"] .types').textContent()).toContain(`tool ${BULK}`);
    expect(await card.locator('li[data-kind="component"]').textContent()).not.toContain('directly');
    // What Bob owns himself is counted apart.
    expect(await card.locator('li[data-kind="resource"]').textContent()).toBe('Resource 1 (1 directly)sandbox 1');
    // The entities themselves: the catalog filtered by Bob and his groups, not a page of their own.
    const link = card.locator('.more a');
    const filtered = new URL((await link.getAttribute('href'))!, server.url);
    expect(filtered.searchParams.get('owner')!.split(',').sort()).toEqual(owners);
    expect((await fetch(new URL('catalog/default/user/bob/relations/', server.url))).status).toBe(404);
    await link.click();
    await page.locator('[data-catalog-app][data-complete]').waitFor();
    expect(await page.locator('[data-catalog] tbody tr').count()).toBeGreaterThan(20);
  });
});

describe('API pages', () => {
  it('summarises the definition on the API page and links the rendered definition and the raw file', async () => {
    await open('catalog/default/api/payments-rest/');
    const card = page.locator('[data-card="definition"]');
    expect((await card.textContent())?.replace(/\s+/g, ' ')).toContain('OpenAPI 3.0.3 · 3 operations · 2 schemas');
    const raw = await card.locator('a[data-action="download"]').getAttribute('href');
    expect(raw).toBe('/catalog/default/api/payments-rest/openapi.yaml');
    const res = await fetch(new URL(raw!, server.origin));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('title: Payments REST');
    await card.locator('a[data-action="definition"]').click();
    await page.waitForURL(/\/catalog\/default\/api\/payments-rest\/definition\/$/);
  });

  it('renders OpenAPI: operations by tag, parameters, bodies and responses with resolved refs and cycles', async () => {
    await open('catalog/default/api/payments-rest/definition/');
    expect(await page.locator('h1').textContent()).toBe('Payments REST');
    expect(await texts('.op-group > h2')).toEqual(['Charges', 'Refunds']);
    expect(await texts('[data-tag="Charges"] .op summary')).toEqual(['GET /charges/{chargeId} Get a charge', 'POST /charges Charge a card']);
    const get = page.locator('[data-tag="Charges"] details#tag-Charges-getCharge');
    await get.locator('summary').click();
    // The path-level parameter comes through its $ref.
    expect(await get.locator('.params tbody tr').filter({ hasText: 'chargeId' }).textContent()).toMatch(/chargeId\s*required\s*path\s*string/);
    // A named schema is a link to its one entry in the Schemas section (on purpose: expanded in every operation
    // it was a quarter of a large definition page), where a reference to itself is a link and external refs show.
    const status = (code: string) => get.locator('.responses > li').filter({ has: page.locator('.status', { hasText: code }) });
    const ok = status('200');
    expect(await ok.locator('a.schema-ref').first().textContent()).toBe('Charge');
    expect(await ok.locator('.schema-props').count()).toBe(0);
    const charge = page.locator('#schema-components-schemas-Charge');
    expect(await charge.locator('a.schema-ref').getAttribute('href')).toBe('#schema-components-schemas-Charge');
    expect(await charge.textContent()).toContain('external $ref, not loaded');
    expect(await status('404').textContent()).toContain('No such charge.');
    const post = page.locator('[data-tag="Charges"] details#tag-Charges-createCharge');
    await post.locator('summary').click();
    // A named schema link jumps to its entry.
    await post.locator('.media a.schema-ref', { hasText: 'ChargeRequest' }).first().click();
    expect(page.url()).toMatch(/#schema-components-schemas-ChargeRequest$/);
    const request = page.locator('#schema-components-schemas-ChargeRequest');
    expect(await request.isVisible()).toBe(true);
    expect(await request.textContent()).toMatch(/amount\s+required\s+integer\s+· ≥ 1/);
    expect(await request.textContent()).toContain('one of: EUR, USD, GBP');
  });

  it('renders AsyncAPI: channels with send/receive operations and message payloads', async () => {
    await open('catalog/default/api/payment-events/definition/');
    const channel = page.locator('[data-channel="paymentEvents"]');
    expect(await channel.locator('h3').textContent()).toBe('payments.events.v2');
    expect(await texts('[data-channel="paymentEvents"] [data-operation]')).toEqual([
      'send publishPaymentEvents The payments service publishes its events. · ChargeSucceeded',
      'receive auditPaymentEvents · ChargeSucceeded',
    ]);
    const message = page.locator('[data-message="ChargeSucceeded"]');
    expect(await message.textContent()).toContain('application/json');
    expect(await message.locator('.prop').allTextContents()).toEqual(['chargeId', 'amount']);
  });

  it('renders GraphQL: operations and types linked to the highlighted SDL', async () => {
    await open('catalog/default/api/fraud-graph/definition/');
    expect(await texts('[data-root="queries"] [data-field]')).toEqual(['score(chargeId: ID!): Score Score one charge.', 'rules(first: Int = 10): [Rule!]!']);
    expect(await texts('[data-root="mutations"] [data-field]')).toEqual(['flag(chargeId: ID!, reason: String!): Score']);
    expect(await texts('[data-type]')).toEqual(['Rule id, name', 'Score value, rule']);
    expect(await page.locator('.source pre.shiki').count()).toBe(1);
    const link = page.locator('[data-field="score"] a');
    expect(await link.getAttribute('href')).toBe('#L4');
    expect(await page.locator('#L4').textContent()).toContain('score(chargeId: ID!): Score');
  });

  it('renders gRPC: services with methods, streaming marked, and the highlighted proto', async () => {
    await open('catalog/default/api/ledger-grpc/definition/');
    expect(await page.locator('[data-service] h3').textContent()).toBe('northwind.ledger.v1.Ledger');
    expect(await texts('[data-service] tr[data-method]')).toEqual(['Book Books one entry. BookRequest Entry', 'Watch WatchRequest stream Entry']);
    expect(await page.locator('.source pre.shiki code > span').count()).toBe(24);
    const res = await fetch(server.url + 'catalog/default/api/ledger-grpc/service.proto');
    expect(await res.text()).toContain('service Ledger');
  });

  it('shows a broken definition with its error and the text as written, and reports it as a problem', async () => {
    await open('catalog/default/api/refunds-api/');
    expect(await page.locator('[data-card="definition"] [data-definition-error]').textContent()).toContain('Not valid YAML');
    expect(await page.locator('.diagnostics [data-code="api-definition"]').count()).toBe(1);
    await page.locator('[data-card="definition"] a[data-action="definition"]').click();
    await page.waitForURL(/\/refunds-api\/definition\/$/);
    expect(await page.locator('[data-definition-error]').textContent()).toContain('Go to line 9');
    expect(await page.locator('.source code > .marked').getAttribute('id')).toBe('L9');
    expect(model.diagnostics.filter((d) => d.code === 'api-definition').map((d) => d.entity)).toEqual(['api:default/refunds-api']);
  });
});

describe('every entity page', () => {
  it('stays under 50 KB of HTML and CSS and needs no script', () => {
    const css = new Map<string, number>();
    const sizes: Array<[string, number]> = [];
    for (const file of htmlFiles(join(out, 'catalog'))) {
      const path = relative(out, file);
      if (!/^catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(path) || path.startsWith('catalog/kind/')) continue;
      const html = readFileSync(file, 'utf8');
      let total = Buffer.byteLength(html);
      for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) {
        const href = m[1]!;
        if (!css.has(href)) css.set(href, statSync(join(out, href)).size);
        total += css.get(href)!;
      }
      sizes.push([path, total]);
    }
    expect(sizes.length).toBe(model.entities.length);
    for (const [path, size] of sizes) expect(size, path).toBeLessThan(50 * 1024);
  });

  it('says in one line what a page has none of (problems, history, annotations), not in a section each', async () => {
    const withProblems = new Set(model.diagnostics.map((d) => d.entity));
    const quiet = model.entities.find((e) => e.entity.kind === 'Component' && !withProblems.has(e.ref))!;
    const { name } = quiet.entity.metadata;
    await open(`catalog/default/component/${name.toLowerCase()}/`);
    expect(await page.locator('[data-quiet]').textContent()).toMatch(/^\s*No problems\. No changes recorded\./);
    expect(await page.locator('section[aria-labelledby="problems"], [data-history]').count()).toBe(0);
    // An entity with problems lists them under their heading, and the line no longer says there are none.
    await open('catalog/default/api/refunds-api/');
    expect(await page.locator('section[aria-labelledby="problems"] h2').textContent()).toBe('Problems');
    expect(await page.locator('[data-quiet]').textContent()).not.toContain('No problems');
  });

  it('shows the star once the page’s script runs, and keeps the star in the browser', async () => {
    await open('catalog/default/component/payments-service/');
    const star = page.locator('.entity-head button[data-star]');
    await star.locator('svg').waitFor();
    expect(await star.isVisible()).toBe(true);
    await star.click();
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => localStorage.getItem('backlot.starred'))).toContain('component:default/payments-service');
    // Remembered with the page's title, which the script reads from the heading.
    expect(await page.evaluate(() => localStorage.getItem('backlot.starred.titles'))).toContain('Payments Service');
    expect(await star.getAttribute('type')).toBe('button');
    await star.click();
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    // One script for the page's stars and graph, one for the header and its search box.
    const html = readFileSync(join(out, 'catalog', 'default', 'component', 'payments-service', 'index.html'), 'utf8');
    expect(html.match(/<script type="module" src=/g)).toHaveLength(2);
  });

  it('leaves the changes feed’s link to the home and changes pages', () => {
    const feedLink = /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/changes\/feed\.xml"/;
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(feedLink);
    expect(readFileSync(join(out, 'changes', 'index.html'), 'utf8')).toMatch(feedLink);
    expect(readFileSync(join(out, 'catalog', 'default', 'component', 'payments-service', 'index.html'), 'utf8')).not.toContain('application/atom+xml');
  });

  it('works with JavaScript off', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(server.url + 'catalog/default/group/payments/');
    await p.locator('details.aggregate summary').click();
    expect(await p.locator('[data-members="aggregated"] li').count()).toBe(2);
    await p.locator('svg.graph a[href$="/catalog/default/group/engineering/"]').click();
    await p.waitForURL(/\/group\/engineering\/$/);
    await noJs.close();
  });

  it('links only to pages that exist (templates’ launch pages come with the scaffolder)', async () => {
    const checked = new Map<string, number>();
    for (const file of htmlFiles(join(out, 'catalog'))) {
      for (const link of internalLinks(readFileSync(file, 'utf8'))) {
        if (link.startsWith('/create/')) continue;
        const target = new URL(link, server.origin + '/' + relative(out, file)).href;
        if (!checked.has(target)) checked.set(target, (await fetch(target)).status);
        expect(checked.get(target), `${link} in ${relative(out, file)}`).toBe(200);
      }
    }
  });

  it('has no serious accessibility problems on entity, group, graph and API pages', async () => {
    for (const path of [
      'catalog/default/component/payments-service/',
      'catalog/default/group/payments/',
      'catalog/default/user/bob/',
      'catalog/default/system/checkout/graph/',
      'catalog/default/api/payments-rest/definition/',
      'catalog/default/api/fraud-graph/definition/',
    ]) {
      await open(path);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(serious(await runAxe(page)), path).toEqual([]);
    }
  });

  it('ran every page script without errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
