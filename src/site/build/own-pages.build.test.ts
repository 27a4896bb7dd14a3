// The platform team's own MDX pages in a real build: a pages folder outside the package, a custom home page,
// a guide using every MDX component, refs that are not in the catalog; checked in the HTML and in Chromium.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../../config/load.ts';
import { runPipeline } from '../../pipeline/index.ts';
import { ownPagesOrg, writePages } from '../../testing/own-pages-org.ts';
import { runAxe, serious } from '../testing/axe.ts';
import { launchChromium } from '../testing/browser.ts';
import { buildSite } from '../testing/build.ts';
import { internalLinks } from '../testing/links.ts';
import { serveStatic, type StaticServer } from '../testing/serve.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-own-pages-'));
const pagesDir = join(tmp, 'pages');
const out = join(tmp, 'site');

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  writePages(pagesDir);
  const config = defaultConfig(tmp);
  const { model } = await runPipeline({ ...config, site: { ...config.site, title: 'Acme', base: '/portal/' } }, ownPagesOrg(), { catalogPath: () => '/catalog-info.yaml' });
  await buildSite({ model, outDir: out, base: '/portal/', pagesDir });
  server = await serveStatic(out, { base: '/portal/' });
  browser = await launchChromium();
  context = await browser.newContext(); // axe needs a page of a context of its own
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const html = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const texts = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe('own pages', () => {
  it('renders a guide at the path of its file, in the site’s layout, with the frontmatter title', () => {
    const guide = html('guides/onboarding');
    expect(guide).toContain('<title>Onboarding · Acme</title>');
    expect(guide).toContain('<meta name="description" content="Your first week.">');
    expect(guide).toMatch(/<header class="site-header">/);
    expect(guide).toMatch(/<h1 id="onboarding">Onboarding<\/h1>/);
  });

  it('links the components’ entities, templates and docs under the base, and no link is broken', async () => {
    const guide = html('guides/onboarding');
    expect(guide).toContain('href="/portal/catalog/default/component/alpha/"');
    expect(guide).toContain('href="/portal/create/default/new-service/"');
    expect(guide).toContain('href="/portal/docs/default/component/alpha/"');
    for (const link of internalLinks(guide)) {
      expect((await fetch(new URL(link, server.url + 'guides/onboarding/'))).status, link).toBe(200);
    }
  });

  it('shows each unknown ref as "not in the catalog", never as a link', () => {
    const guide = html('guides/onboarding');
    for (const ref of ['group:default/team-ghost', 'template:default/old-service', 'component:default/retired']) {
      expect(guide).toContain(`<span class="missing" data-missing-ref="${ref}" title="${ref}: not in the catalog">${ref} <span class="badge">not in the catalog</span></span>`);
    }
    expect(guide).not.toMatch(/href="[^"]*(team-ghost|old-service|retired)/);
  });

  it('renders in Chromium: tables of entities, a team’s services, the Create button and the docs links', async () => {
    await page.goto(server.url + 'guides/onboarding/');
    const lists = page.locator('[data-entity-list]');
    expect(await lists.count()).toBe(3);
    expect(await lists.nth(0).locator('tbody td:first-child').allTextContents()).toEqual(['Alpha Service', 'Gamma Service']);
    expect(await lists.nth(1).locator('tbody td:first-child').allTextContents()).toEqual(['Alpha Service', 'Beta Library']);
    expect(await lists.nth(2).textContent()).toContain('No entities in the catalog match owner team-nobody');
    expect(await texts('[data-team-services="group:default/team-a"] li > a')).toEqual(['Alpha Service', 'Beta Library']);
    expect(await texts('p.team-services .missing')).toEqual(['group:default/team-ghost not in the catalog']);
    const create = page.locator('[data-create-button]');
    expect(await create.textContent()).toBe('Create: New service');
    await create.click();
    await page.waitForURL(server.url + 'create/default/new-service/');
    await page.goBack();
    expect(await texts('[data-docs-link]')).toEqual(['The Alpha docs']);
    expect(await texts('.own-page .missing')).toContain('Gamma Service no docs');
    expect(pageErrors).toEqual([]);
  });

  it('replaces the default home page with index.mdx', async () => {
    await page.goto(server.url);
    expect(await page.title()).toBe('Acme');
    expect(await texts('main h1')).toEqual(['Welcome to Acme']);
    expect(await page.locator('main a[href="guides/onboarding/"]').count()).toBe(1);
    expect(await page.locator('#kinds').count()).toBe(0); // the default home's sections are gone
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('Home');
    expect(pageErrors).toEqual([]);
  });

  it('has no serious accessibility problem on the guide or the custom home', async () => {
    for (const path of ['guides/onboarding/', '']) {
      await page.goto(server.url + path);
      expect(serious(await runAxe(page)), path).toEqual([]);
    }
  });

  it('fails the build naming a component used wrongly, rather than render a page that lies', async () => {
    const bad = join(tmp, 'bad-pages');
    writePages(bad, { 'guides/typo.mdx': '# Typo\n\n<EntityList kinds="component" />\n' });
    const config = defaultConfig(tmp);
    const { model } = await runPipeline(config, ownPagesOrg(), { catalogPath: () => '/catalog-info.yaml' });
    await expect(buildSite({ model, outDir: join(tmp, 'bad-site'), pagesDir: bad })).rejects.toThrow('<EntityList> has no filter "kinds"; it filters by kind, type, owner, tag, lifecycle');
  });
});
