// The newcomer's path: the real CLI builds the demo org in content/repos/, and the portal works in Chromium.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../site/build/build.ts';
import { readCatalogFile } from './diff.ts';
import { launchChromium } from '../site/testing/browser.ts';
import { serveStatic, type StaticServer } from '../site/testing/serve.ts';

// Inside the repo: Astro keeps its prerender chunks under the cwd, so the output stays inside it too.
const work = join(REPO_ROOT, '.backlot', `demo-test-${process.pid}`);
const outDir = join(work, 'dist');
let run: { code: number | null; stdout: string; stderr: string };
let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  // The shipped config, pointed at a scratch output folder.
  const config = readFileSync(join(REPO_ROOT, 'backlot.config.yaml'), 'utf8')
    .replace('path: content/repos', `path: ${JSON.stringify(join(REPO_ROOT, 'content', 'repos'))}`)
    .replace('outDir: dist', 'outDir: dist')
    .replace('pages: content/pages', `pages: ${JSON.stringify(join(REPO_ROOT, 'content', 'pages'))}`)
    .replace('module: ./content/plugins/', `module: ${join(REPO_ROOT, 'content', 'plugins')}/`);
  writeFileSync(join(work, 'backlot.config.yaml'), config);
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'build', '--strict', '--config', join(work, 'backlot.config.yaml')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  run = { code: res.status, stdout: res.stdout, stderr: res.stderr };
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run build on the demo org', () => {
  it('succeeds under --strict and prints a summary', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backlot: Kestrel Freight Engineering$/m);
    expect(run.stdout).toMatch(/^ {2}entities {2}\d+ \(.*Component \d+.*API 4.*\)$/m);
    expect(run.stdout).toMatch(/^ {2}problems {2}0 errors, 0 warnings$/m);
    expect(run.stdout).toMatch(/^ {2}graphs {4}\d+ layouts: \d+ placed directly, 0 by dagre$/m);
    expect(run.stdout).toMatch(/^ {2}plugins {3}annotations \d+ cards, github \d+ cards, ownership 4 cards, aws-resource 3 cards$/m);
    expect(run.stdout).toMatch(/^ {2}time {6}[\d.]+ s \(sources [\d.]+ s, catalog [\d.]+ s, graph [\d.]+ s, apis [\d.]+ s, docs [\d.]+ s, history [\d.]+ s, hand-over [\d.]+ s, site [\d.]+ s, search and API files [\d.]+ s\)$/m);
  });

  it('writes the catalog in the shape of Backstage’s API, with relations both ways', async () => {
    const entities = await readCatalogFile(join(outDir, 'api/catalog/entities.json'));
    const kinds = new Set(entities.map((e) => e.kind));
    for (const k of ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template']) expect(kinds).toContain(k);
    const service = entities.find((e) => e.kind === 'Component' && e.metadata.name === 'shipments-service')!;
    expect(service.relations).toContainEqual({ type: 'providesApi', targetRef: 'api:default/shipments-api' });
    expect(service.metadata.annotations?.['backstage.io/view-url']).toBe(
      'https://github.com/kestrel-freight/shipments/blob/main/catalog-info.yaml',
    );
    const api = entities.find((e) => e.kind === 'API' && e.metadata.name === 'shipments-api')!;
    expect(api.relations).toContainEqual({ type: 'apiProvidedBy', targetRef: 'component:default/shipments-service' });
    expect(String(api.spec?.definition)).toMatch(/openapi: ?["']?3/);
    expect(JSON.parse(readFileSync(join(outDir, 'api/catalog/diagnostics.json'), 'utf8'))).toEqual([]);
  });

  it('opens the catalog, filters by kind and reaches an entity page', async () => {
    await page.goto(`${server.url}catalog/?kind=all`);
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    const rows = page.locator('table tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(50);
    await page.locator('[data-kind-picker] a[data-kind="api"]').click();
    await page.waitForURL(/kind=api/i);
    await expect.poll(async () => (await rows.filter({ visible: true }).count())).toBe(4);
    await page.getByRole('link', { name: /Shipments REST API/ }).first().click();
    await page.waitForURL(/\/catalog\/default\/api\/shipments-api\/$/);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Shipments REST API/);
    const provider = page.locator('[data-card="providers"]').getByRole('link', { name: /shipments-service|Shipments Service/ }).first();
    await provider.click();
    await page.waitForURL(/\/catalog\/default\/component\/shipments-service\/$/);
  });

  it('finds an entity by its description from the search box', async () => {
    await page.goto(server.url);
    await page.keyboard.press('/');
    await page.keyboard.type('cancellations');
    const result = page.getByRole('option').filter({ hasText: /Shipments Service/ }).first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await page.waitForURL(/\/catalog\/default\/component\/shipments-service\/$/);
  });

  it('renders every mermaid diagram of the demo docs as SVG (at build time: this machine has Chromium), with no error, in both themes', async () => {
    const docs = join(outDir, 'docs');
    const pages = readdirSync(docs, { recursive: true, withFileTypes: true })
      .filter((d) => d.name === 'index.html' && readFileSync(join(d.parentPath, d.name), 'utf8').includes('class="mermaid'))
      .map((d) => relative(outDir, d.parentPath) + '/');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const colorScheme of ['light', 'dark'] as const) {
      const themed = await browser.newPage({ colorScheme });
      for (const path of pages) {
        await themed.goto(server.url + path);
        const sources = await themed.evaluate(() => document.querySelectorAll('pre.mermaid, .mermaid-diagram, .mermaid-error').length);
        // Drawn at build time: no source is left for the browser, and the theme's drawing is the one shown.
        expect(await themed.locator('pre.mermaid').count(), path).toBe(0);
        const shown = () => themed.locator('.mermaid-diagram svg').evaluateAll((svgs) => svgs.filter((s) => getComputedStyle(s).display !== 'none' && s.classList.contains(`mermaid-${matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'}`)).length);
        expect(await shown(), path).toBe(sources);
        expect(await themed.locator('.mermaid-error').count(), path).toBe(0);
      }
      await themed.close();
    }
  });

  it('links the platform team’s getting-started guide from the home page, and its components show the catalog', async () => {
    await page.goto(server.url);
    await page.locator('[data-own-pages] a', { hasText: 'Getting started at Kestrel Freight' }).click();
    await page.waitForURL(/\/guides\/getting-started\/$/);
    expect(await page.title()).toBe('Getting started at Kestrel Freight · Kestrel Freight Engineering');
    const services = await page.locator('[data-entity-list] tbody td:first-child a').allTextContents();
    expect(services).toContain('Shipments Service');
    expect(await page.locator('[data-team-services="group:default/shipments-team"] li > a').allTextContents()).toContain('Label Service');
    expect(await page.locator('[data-docs-link="component:default/engineering-handbook"]').getAttribute('href')).toBe('/docs/default/component/engineering-handbook/');
    expect(await page.locator('[data-missing-ref="billing-service"]').textContent()).toBe('billing-service not in the catalog');
    await page.locator('[data-create-button="template:default/node-service"]').click();
    await page.waitForURL(/\/create\/default\/node-service\/$/);
  });

  it('shows the plugins’ cards on entity pages, and loads a plugin’s script only where its card is', async () => {
    await page.goto(`${server.url}catalog/default/component/shipments-service/`);
    const links = (card: string) => page.locator(`[data-plugin-card="${card}"] a`).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(await links('annotations/pagerduty')).toEqual(['https://kestrel-freight.pagerduty.com/service-directory/PSHIP01']);
    expect(await links('annotations/sonarqube')).toContain('https://sonarcloud.io/dashboard?id=kestrel_shipments');
    expect(await page.locator('[data-plugin-card="annotations/kubernetes"] dd code').allTextContents()).toContain('backstage.io/kubernetes-id=shipments-service');
    expect(await page.locator('script[src*="_backlot/plugins/"]').count()).toBe(0);
    await page.goto(`${server.url}catalog/default/resource/shipments-db/`);
    const aws = page.locator('[data-plugin-card="aws-resource/arn"]');
    // Drawn by the Astro component the example plugin ships, from the card's props, in Backlot's card frame.
    expect(await aws.getAttribute('data-component')).toBe('arn');
    expect(await aws.locator('h2').textContent()).toBe('AWS');
    expect(await aws.locator('.aws-arn-summary').textContent()).toBe('rds in eu-west-1 · account 123456789012');
    expect(await aws.locator('.aws-arn-resource code').textContent()).toBe('db:shipments-prod');
    expect(await aws.locator('a').getAttribute('href')).toBe('https://console.aws.amazon.com/go/view?arn=arn%3Aaws%3Ards%3Aeu-west-1%3A123456789012%3Adb%3Ashipments-prod');
    // The example plugin's browser script ran: its button is on the card.
    await aws.locator('[data-action="copy-arn"]').waitFor();
    expect(await page.locator('script[src*="_backlot/plugins/aws-resource."]').count()).toBe(1);
    // A card's search words find the entity: the PagerDuty service id.
    await page.keyboard.press('/');
    await page.keyboard.type('PSHIP01');
    await page.getByRole('option').filter({ hasText: /Shipments Service/ }).first().waitFor({ timeout: 15_000 });
  });

  it('shows the GitHub plugin’s cards and the ownership drift on the teams’ pages, from the demo repos’ files (no token)', async () => {
    await page.goto(`${server.url}catalog/default/component/shipments-service/`);
    const github = page.locator('[data-plugin-card="github/repo"]');
    expect(await github.locator('dt').allTextContents()).toEqual(['Repository', 'Latest release', 'Open pull requests', 'Open issues', 'Languages', 'Top contributors (last 50 commits)', 'Code owners']);
    expect(await github.locator('dd a').first().getAttribute('href')).toBe('https://github.com/kestrel-freight/shipments');
    expect(await github.locator('dd').nth(5).textContent()).toMatch(/^priya-raman \(\d+\), /);
    expect(await page.locator('[data-plugin-card="github/ci"]').getAttribute('data-state')).toBe('passing');
    await page.goto(`${server.url}catalog/default/component/sms-gateway/`);
    expect(await page.locator('[data-plugin-card="github/ci"]').getAttribute('data-state')).toBe('failing');
    // The gateway's CODEOWNERS names the platform team; its catalog file says messaging-team.
    await page.goto(`${server.url}catalog/default/group/messaging-team/`);
    const drift = page.locator('[data-plugin-card="ownership/drift"]');
    expect(await drift.locator('dd').allTextContents()).toEqual(['declared here; CODEOWNERS say platform-team (.github/CODEOWNERS:2 @kestrel-freight/platform-team)']);
    await drift.locator('dd a').click();
    await page.waitForURL(/\/catalog\/default\/component\/sms-gateway\/$/);
    // Its catalog columns, CI and Last release, in the Components list (the app, and the static list without JavaScript).
    await page.goto(`${server.url}catalog/?sort=plugin:github.ci`);
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await page.locator('table[data-catalog] thead th[data-col^="plugin:"]').allTextContents()).toEqual(['CI▲', 'Last release↕']);
    expect(await page.locator('table[data-catalog] tbody tr').first().getAttribute('data-ref')).toMatch(/fleet-tracker|sms-gateway/);
    expect(await page.locator('tr[data-ref="component:default/shipments-service"] td[data-label="Last release"]').textContent()).toBe('v7.3.0');
    const list = readFileSync(join(outDir, 'catalog/kind/component/index.html'), 'utf8');
    // The static list's cells carry no label or priority of their own: its style says them once per column.
    expect(list).toMatch(/<td>passing<\/td>/);
    expect(list).toMatch(/td:nth-child\(\d+\):not\(:empty\)::before\{content:"CI: "/);
  });

  it('adds the plugins’ tabs as linkable subpages, a CI facet to the catalog, the drift page to the header and its search record', async () => {
    // The GitHub tab: a real page under the entity's URL, reached from the tab bar without a script of its own.
    await page.goto(`${server.url}catalog/default/component/shipments-service/`);
    const tabs = page.locator('nav.entity-tabs a');
    expect(await tabs.allTextContents()).toEqual(['Overview', 'GitHub']);
    expect(await page.locator('nav.entity-tabs a[aria-current="page"]').textContent()).toBe('Overview');
    await tabs.nth(1).click();
    await page.waitForURL(/\/catalog\/default\/component\/shipments-service\/tab\/github\/github\/$/);
    expect(await page.locator('nav.entity-tabs a[aria-current="page"]').textContent()).toBe('GitHub');
    expect(await page.locator('[data-plugin-card^="github/"] h2').allTextContents()).toEqual(['Pull requests and issues', 'Workflow runs', 'Releases', 'Languages', 'Top contributors']);
    expect(await page.locator('[data-plugin-card="github/runs"] dt').allTextContents()).toEqual(['build', 'contract-tests', 'deploy-staging']);
    expect(await page.locator('[data-plugin-card="github/work"] dd a').first().getAttribute('href')).toBe('https://github.com/kestrel-freight/shipments/pulls');
    await tabs.first().click();
    await page.waitForURL(/\/catalog\/default\/component\/shipments-service\/$/);
    // A team's drift tab; an entity no plugin adds a tab to has no tab bar.
    await page.goto(`${server.url}catalog/default/group/messaging-team/tab/ownership/drift/`);
    expect(await page.locator('[data-plugin-tab="ownership/drift"] [data-plugin-card="ownership/drift-tab"] dd').allTextContents()).toEqual(['declared here; CODEOWNERS say platform-team (.github/CODEOWNERS:2 @kestrel-freight/platform-team)']);
    await page.goto(`${server.url}catalog/default/user/priya-raman/`);
    expect(await page.locator('nav.entity-tabs').count()).toBe(0);

    // The CI facet filters the catalog and counts, kept in the URL.
    await page.goto(`${server.url}catalog/`);
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    const facet = page.locator('fieldset[data-facet="github.ci"]');
    expect(await facet.locator('legend').textContent()).toBe('CI');
    expect(await facet.locator('label').allTextContents()).toEqual([' passing 9', ' failing 2', ' pending 1']);
    await facet.locator('input[value="failing"]').check();
    await page.waitForURL(/\?github\.ci=failing$/);
    expect((await page.locator('table[data-catalog] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ref')))).sort()).toEqual(['component:default/fleet-tracker', 'component:default/sms-gateway']);
    await page.goBack();
    await page.waitForURL(/\/catalog\/$/);
    expect(await page.locator('table[data-catalog] tbody tr').count()).toBe(12);
    // The facet belongs to the GitHub plugin's kinds: the Users list goes without it.
    await page.goto(`${server.url}catalog/?kind=user`);
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await page.locator('fieldset[data-facet="github.ci"]').isHidden()).toBe(true);
    expect(await page.locator('fieldset[data-facet="owner"]').isHidden()).toBe(false);

    // The drift page: in the header (the plugin asked), a card per team involved.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ownership' }).click();
    await page.waitForURL(/\/plugins\/ownership\/$/);
    expect(await page.locator('h1').textContent()).toBe('Ownership drift');
    expect(await page.locator('[data-plugin-page="ownership"] .plugin-card h2').allTextContents()).toEqual(['data-team', 'messaging-team', 'platform-team', 'routing-team']);
    // Its search record finds it.
    await page.keyboard.press('/');
    await page.keyboard.type('ownership drift');
    await page.getByRole('option').filter({ hasText: /Ownership drift/ }).first().waitFor({ timeout: 15_000 });
  });

  it('lists the plugins with what each added in that build (backlot plugins)', () => {
    const res = spawnSync(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'plugins', '--config', join(work, 'backlot.config.yaml')], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^annotations {2}\(backlot\/plugins\/annotations\)\n {2}hooks {7}view\n {2}last build {2}\d+ cards on \d+ entities, 0 problems$/m);
    expect(res.stdout).toMatch(/^github {2}\(backlot\/plugins\/github\)\n {2}hooks {7}files, graphql, data, view\n {2}last build {2}\d+ of \d+ files, data computed, \d+ cards on \d+ entities, \d+ catalog column values, \d+ tabs, 0 problems$/m);
    expect(res.stdout).toMatch(/^ownership {2}\(backlot\/plugins\/ownership\)\n {2}hooks {7}files, data, view\n {2}last build {2}\d+ of \d+ files, data computed, 4 cards on 4 entities, 4 tabs, 1 page, 1 search record, 0 problems$/m);
    expect(res.stdout).toMatch(/^aws-resource {2}\(.*plugins\/aws-resource\.ts\)\n {2}hooks {7}view, components, browser\n {2}last build {2}3 cards on 3 entities, browser script, 0 problems$/m);
  });
});
