// The portal as Backstage users expect it (issue #23), in Chromium at laptop (1366×900) and phone (390×844)
// width: people by name, descriptions as Markdown, no page wider than the screen, the catalog table, theme,
// skip link and avatars. Built from the fixture org plus one repo written here for the cases it lacks.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { indexSite } from '../search/index.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite, fixtureModel } from './testing/build.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const LONG_URL = `https://grafana.example.com/d/${'shipments-latency-by-region-'.repeat(6)}overview`;

const UX_REPO = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: dana
spec:
  profile:
    displayName: Dana Scully
    email: dana@acme.example
    # Never resolves: the avatar falls back to initials.
    picture: https://avatars.invalid/dana.png
  memberOf: [team-ux]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-ux
spec:
  type: team
  parent: engineering
  children: []
  profile:
    displayName: UX Guild
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipments-service
  title: Shipments Service
  description: |
    Tracks **shipments** from warehouse to door; see [the runbook](https://runbook.example.com/shipments).

    - \`GET /shipments\` lists them
    - dashboards at ${LONG_URL}
  tags: [logistics, shipments, customer-facing, eu-west-1-primary-region]
  annotations:
    backstage.io/view-url: ${LONG_URL}
spec:
  type: backend-service-with-a-rather-long-type-name
  lifecycle: production
  owner: user:dana
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: parcel-router
  description: Routes parcels; owned by the UX Guild for the demo.
spec:
  type: library
  lifecycle: experimental
  owner: team-ux
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipments-docs
  title: Shipments handbook
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: documentation
  lifecycle: production
  owner: user:dana
`,
  // Eleven more of one long type: a two-digit count beside a long facet value.
  'parcels/catalog-info.yaml': Array.from(
    { length: 11 },
    (_, i) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: parcel-${i}
spec:
  type: backend-service-with-a-rather-long-type-name
  lifecycle: experimental
  owner: team-ux
`,
  ).join('---\n'),
  'mkdocs.yml': 'site_name: Shipments handbook\n',
  // A page that only mentions shipments, in its headings: Pagefind weighs it above the entities.
  'docs/operations.md': `# Operations

## Shipments service restarts

Restart the shipments service when shipments queue up.

## Shipments backlog

Shipments wait in the shipments backlog; the shipments service drains it.
`,
  'docs/index.md': `# Shipments handbook

Dashboards live at ${LONG_URL} and the ref is component:default/shipments-service-with-a-very-long-name-indeed.

| Region | Dashboard | Owner | Notes |
| --- | --- | --- | --- |
| eu-west-1 | ${LONG_URL} | Dana Scully | Replicated to eu-central-1 every five minutes, with a fallback |

## Delivery flow

\`\`\`mermaid
sequenceDiagram
  Warehouse->>Courier: hand over parcel
\`\`\`

Each parcel goes to a courier at the gate.

\`\`\`
curl -H "Authorization: Bearer $TOKEN" ${LONG_URL}?from=now-24h&to=now&var-region=eu-west-1&var-service=shipments
\`\`\`
`,
};

const tmp = mkdtempSync(join(tmpdir(), 'backlot-ux-'));
const out = join(tmp, 'site');
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const model = await fixtureModel({ repos: { 'portal-ux': UX_REPO } });
  await buildSite({ model, outDir: out });
  // In three shards, merged in the browser, as a large org's index is (src/search/shards.ts).
  await indexSite(out, { model, shards: 3 });
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(path: string, viewport = LAPTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(server.url + path);
  return page;
}

const texts = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe('people by name', () => {
  it('heads user and group pages with the profile display name, the ref kept as the identifier', async () => {
    const page = await open('catalog/default/user/dana/');
    expect(await page.locator('h1').textContent()).toBe('Dana Scully');
    expect(await page.title()).toContain('Dana Scully');
    const group = await open('catalog/default/group/team-ux/');
    expect(await group.locator('h1').textContent()).toBe('UX Guild');
    await page.context().close();
    await group.context().close();
  });

  it('names owners by display name in the catalog table, its owner facet and on the entity page', async () => {
    const page = await open('catalog/?kind=component');
    await page.locator('table[data-catalog] tr[data-ref="component:default/shipments-service"]').waitFor();
    const owner = page.locator('tr[data-ref="component:default/shipments-service"] td[data-label="Owner"]');
    expect(await owner.textContent()).toBe('Dana Scully');
    const facet = await texts(page, '[data-facet="owner"] label');
    expect(facet.some((t) => t.startsWith('Dana Scully'))).toBe(true);
    expect(facet.some((t) => t.startsWith('UX Guild'))).toBe(true);
    expect(facet.some((t) => /\bdana\b|user:/.test(t))).toBe(false);

    const entity = await open('catalog/default/component/shipments-service/');
    expect(await entity.locator('[data-card="about"] a', { hasText: 'Dana Scully' }).count()).toBe(1);
    await page.context().close();
    await entity.context().close();
  });
});

describe('descriptions as Markdown', () => {
  it('renders an entity description as sanitised HTML on its page, and as plain text in the catalog', async () => {
    const page = await open('catalog/default/component/shipments-service/');
    const lead = page.locator('[data-description]');
    expect(await lead.locator('strong').textContent()).toBe('shipments');
    expect(await lead.locator('a[href="https://runbook.example.com/shipments"]').textContent()).toBe('the runbook');
    expect(await lead.locator('li code').textContent()).toBe('GET /shipments');
    expect(await lead.textContent()).not.toContain('**');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/^Tracks shipments from warehouse to door; see the runbook\./);

    const catalog = await open('catalog/?kind=component');
    const desc = catalog.locator('tr[data-ref="component:default/shipments-service"] td.desc');
    await desc.waitFor();
    expect(await desc.textContent()).toMatch(/^Tracks shipments from warehouse to door; see the runbook\. GET \/shipments lists them/);
    await page.context().close();
    await catalog.context().close();
  });
});

/** The page's content wider than its viewport, and the elements sticking out (for the failure message). */
async function overflow(page: Page): Promise<{ extra: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const extra = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (extra > 0) {
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
        return false;
      };
      for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && culprits.length < 5 && !clipped(el)) {
          culprits.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(box.right)}px`);
        }
      }
    }
    return { extra, culprits };
  });
}

// One page of every type the fixture builds (the own pages have their own build test).
const PAGE_TYPES = [
  '',
  '404.html',
  'catalog/',
  'catalog/kind/component/',
  'catalog/default/component/shipments-service/',
  'catalog/default/component/payments-service/',
  'catalog/default/api/payments-api/',
  'catalog/default/api/payments-api/definition/',
  'catalog/default/group/engineering/',
  'catalog/default/group/team-ux/',
  'catalog/default/user/dana/',
  'catalog/default/system/checkout/',
  'catalog/default/system/checkout/graph/',
  'catalog/default/domain/commerce/',
  'docs/',
  'docs/default/component/shipments-docs/',
  'docs/default/component/payments-service/runbook/',
  'create/',
  'problems/',
  'search/?q=shipments',
];

describe('no page wider than the screen', () => {
  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]] as const) {
    it(`at ${viewport.width} px, every page type fits its width (long URLs wrap, tables scroll in their box)`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const path of PAGE_TYPES) {
        await page.goto(server.url + path);
        await page.waitForLoadState('load');
        const { extra, culprits } = await overflow(page);
        if (extra > 0) wide.push(`${path || '/'} +${extra}px: ${culprits.join(', ')}`);
      }
      expect(wide, name).toEqual([]);
      await context.close();
    });
  }
});

describe('top navigation on a phone', () => {
  it('fades the edge where more links are, and scrolls the current page’s link into view', async () => {
    const home = await open('', PHONE);
    const nav = home.locator('.site-nav');
    expect(await nav.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await home.waitForFunction(() => document.querySelector<HTMLElement>('.site-nav')?.dataset.more === 'end');
    expect(await nav.evaluate((el) => getComputedStyle(el).maskImage)).toContain('linear-gradient');
    await nav.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await home.waitForFunction(() => document.querySelector<HTMLElement>('.site-nav')?.dataset.more === 'start');

    const problems = await open('problems/', PHONE);
    await problems.waitForFunction(() => document.querySelector<HTMLElement>('.site-nav')?.dataset.more !== undefined);
    const inView = await problems.locator('.site-nav [aria-current="page"]').evaluate((a) => {
      const nav = a.closest('nav')!.getBoundingClientRect();
      const box = a.getBoundingClientRect();
      return box.left >= nav.left && box.right <= nav.right;
    });
    expect(inView).toBe(true);
    await home.context().close();
    await problems.context().close();
  });
});

describe('the catalog table at 1366 px', () => {
  const ROW = 'tr[data-ref="component:default/shipments-service"]';

  it('fits its box: every column visible, long cells cut with the full text on hover', async () => {
    const page = await open('catalog/?kind=all');
    await page.locator('[data-catalog-app][data-ready]').waitFor({ state: 'attached' });
    await page.locator(`table[data-catalog] ${ROW}`).waitFor();
    const fit = await page.locator('.catalog .table-wrap').evaluate((wrap) => ({ wrap: wrap.clientWidth, table: wrap.scrollWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.wrap);
    const widths = await page.locator('table[data-catalog] th').evaluateAll((ths) => ths.map((th) => [th.getAttribute('data-col'), th.getBoundingClientRect().width] as const));
    expect(widths.map(([col]) => col)).toEqual(['name', 'kind', 'system', 'owner', 'type', 'lifecycle', 'namespace', 'description', 'tags']);
    for (const [col, width] of widths) expect(width, col ?? '').toBeGreaterThan(col === 'description' ? 150 : 60);
    const desc = page.locator(`${ROW} td.desc`);
    await desc.hover();
    expect(await desc.getAttribute('title')).toMatch(/^Tracks shipments from warehouse to door/);
    const tags = page.locator(`${ROW} td[data-label="Tags"]`);
    await tags.hover();
    expect(await tags.getAttribute('title')).toBe('logistics, shipments, customer-facing, eu-west-1-primary-region');
    // Cut to one line: the type cell is as tall as a short one.
    const type = page.locator(`${ROW} td[data-label="Type"]`);
    const cut = await type.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const box = td.getBoundingClientRect();
      return { text: range.getBoundingClientRect().width, cell: box.width, height: box.height };
    });
    expect(cut.text).toBeGreaterThan(cut.cell);
    expect(cut.height).toBeLessThan(60);
    await page.context().close();
  });

  it('keeps the star on the name’s line and facet counts on one line', async () => {
    const page = await open('catalog/');
    await page.locator(`table[data-catalog] ${ROW} .star`).waitFor();
    const [star, link] = await Promise.all([page.locator(`${ROW} .star`).boundingBox(), page.locator(`${ROW} td.name a`).boundingBox()]);
    expect(Math.abs(star!.y + star!.height / 2 - (link!.y + link!.height / 2))).toBeLessThan(6);
    expect(star!.x + star!.width).toBeLessThanOrEqual(link!.x);
    // A count squeezed by a long value wraps one digit per line: several line boxes, or taller than one line.
    const counts = await page.locator('.facet .count').evaluateAll((els) =>
      els.filter((el) => el.getClientRects().length > 0).map((el) => ({ text: el.textContent, lines: el.getClientRects().length, height: el.getBoundingClientRect().height })),
    );
    expect(counts.length).toBeGreaterThan(5);
    expect(counts.filter((c) => c.lines > 1 || c.height > 24)).toEqual([]);
    await page.context().close();
  });

  it('hides the columns picked in the column chooser, and remembers them', async () => {
    const page = await open('catalog/?kind=component');
    await page.locator(`table[data-catalog] ${ROW}`).waitFor();
    await page.locator('[data-columns-chooser] summary').click();
    await page.getByLabel('Tags', { exact: true }).uncheck();
    expect(await page.locator('table[data-catalog] th[data-col="tags"]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('backlot.columns'))).toBe('["tags"]');
    await page.reload();
    await page.locator(`table[data-catalog] ${ROW}`).waitFor();
    expect(await page.locator('table[data-catalog] th[data-col="tags"]').count()).toBe(0);
    expect(await page.locator('table[data-catalog] th[data-col="owner"]').count()).toBe(1);
    expect(await page.locator('[data-columns-chooser] input[value="tags"]').isChecked()).toBe(false);
    await page.context().close();
  });
});

describe('small things', () => {
  it('switches to light or dark and back to following the system', async () => {
    const page = await open('', LAPTOP, 'dark');
    const toggle = page.locator('[data-theme-switch]');
    const system = page.locator('[data-theme-system]');
    await toggle.waitFor();
    expect(await system.isVisible()).toBe(false);
    await toggle.click();
    expect(await page.evaluate(() => [document.documentElement.dataset.theme, localStorage.getItem('backlot.theme')])).toEqual(['light', 'light']);
    expect(await system.isVisible()).toBe(true);
    await system.click();
    expect(await page.evaluate(() => [document.documentElement.dataset.theme ?? null, localStorage.getItem('backlot.theme')])).toEqual([null, null]);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await system.isVisible()).toBe(false);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.context().close();
  });

  it('has a skip link to the catalog results, the second stop from the top', async () => {
    const page = await open('catalog/');
    await page.locator('[data-catalog-app][data-ready]').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const skip = page.locator(':focus');
    expect(await skip.textContent()).toBe('Skip to results');
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('catalog-results');
    await page.keyboard.press('Tab');
    // The next stop is in the table: its first sort button.
    expect(await page.evaluate(() => document.activeElement?.closest('table')?.hasAttribute('data-catalog'))).toBe(true);
    await page.context().close();
  });

  it('shows initials when an avatar picture does not load', async () => {
    const page = await open('catalog/default/user/dana/');
    const avatar = page.locator('[data-card="profile"] .avatar');
    expect(await avatar.locator('.initials').textContent()).toBe('DS');
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('img[data-avatar]')?.hidden === true);
    expect(await avatar.locator('img').isVisible()).toBe(false);
    expect(await avatar.locator('.initials').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('search', () => {
  async function results(term: string) {
    const page = await open(`search/?q=${encodeURIComponent(term)}`);
    await page.locator('[data-search-results] li').first().waitFor();
    const found = await page.locator('[data-search-results] li').evaluateAll((lis) =>
      lis.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, title: li.querySelector('a')!.textContent!, excerpt: li.querySelector('.result-excerpt')!.textContent! })),
    );
    await page.context().close();
    return found;
  }

  it('ranks an exact name first and entities named with the words above docs pages', async () => {
    const exact = await results('shipments service');
    expect(exact[0]!.title).toBe('Shipments Service');
    const found = await results('shipments');
    const firstDocs = found.findIndex((r) => r.href.includes('/docs/'));
    const lastEntity = found.map((r) => r.href.includes('/catalog/')).lastIndexOf(true);
    expect(firstDocs).toBeGreaterThan(-1);
    expect(lastEntity).toBeLessThan(firstDocs);
    expect(found.slice(0, 2).map((r) => r.title).sort()).toEqual(['Shipments Service', 'Shipments handbook']);
  });

  it('shows snippets without diagram source, ¶ or raw Markdown', async () => {
    const courier = await results('courier');
    expect(courier.length).toBeGreaterThan(0);
    for (const r of courier) expect(r.excerpt).not.toMatch(/->>|sequenceDiagram|¶/);
    const delivery = await results('delivery');
    for (const r of delivery) expect(r.excerpt).not.toContain('¶');
    const runbook = await results('runbook');
    const entity = runbook.find((r) => r.title === 'Shipments Service');
    expect(entity?.excerpt).toContain('see the runbook');
    expect(entity?.excerpt).not.toMatch(/\*\*|\]\(|`/);
  });
});
