// Relations graphs in Chromium on one build of a generated org: the build-time SVG fits its box at laptop and
// phone width, zooms, pans and fits from buttons and keys, and redraws from the graph data file at another depth,
// filter and direction; without JavaScript the SVG stands alone; no page, explorers included, reaches 200 KB.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PortalEntity, PortalModel } from '../model/portal.ts';
import { GRAPH_DATA, entityPath } from '../model/routes.ts';
import type { GraphData } from '../views/graph-data.ts';
import { GRAPH_NODES } from '../views/entity-page.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite } from './testing/build.ts';
import { generateOrg, orgModel } from './testing/org.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-graph-'));
const out = join(tmp, 'site');
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** No page may weigh more (the budget). */
const PAGE_BUDGET = 200_000;

let model: PortalModel;
let server: StaticServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  // 600 entities: a top group owning through dozens of teams, systems with dozens of parts, domains of systems.
  model = await orgModel(generateOrg({ entities: 600 }), { title: 'Graph Org' });
  await buildSite({ model, outDir: out, base: '/' });
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(path: string, viewport = LAPTOP, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${path}: ${err.message}`));
  await page.goto(server.url + path);
  return page;
}

const firstOf = (kind: string) => model.entities.find((e) => e.entity.kind === kind)!.ref;

/** Every drawn node inside the graph's box, the page no wider than the window. */
async function fits(page: Page): Promise<{ outside: string[]; overflow: number; nodes: number }> {
  return page.evaluate(() => {
    const box = document.querySelector('.graph-view .graph-box')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.graph-view .graph-box .node rect')];
    const outside = nodes
      .map((rect) => ({ id: rect.closest('a')?.getAttribute('href') ?? rect.parentElement!.textContent!.trim(), r: rect.getBoundingClientRect() }))
      .filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      .map(({ id }) => id);
    return { outside, overflow: document.documentElement.scrollWidth - window.innerWidth, nodes: nodes.length };
  });
}

const viewBox = (page: Page) => page.locator('.graph-view svg').getAttribute('viewBox').then((v) => v!.split(' ').map(Number));
/** After the `n`th redraw in the browser: the nodes it drew. */
const drawn = async (page: Page, n: number) => {
  await page.waitForFunction((draws) => document.querySelector<HTMLElement>('.graph-view')?.dataset.draws === String(draws), n);
  return Number(await page.locator('.graph-view').getAttribute('data-drawn'));
};

describe('relations graphs', () => {
  it('write one graph data file for the browser and keep every page, explorers included, under 200 KB', () => {
    const data = JSON.parse(readFileSync(join(out, GRAPH_DATA), 'utf8')) as GraphData;
    expect(data.entities).toBe(model.entities.length);
    const pages = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.html'))
      .map((d) => ({ file: join(d.parentPath, d.name), bytes: statSync(join(d.parentPath, d.name)).size }));
    const explorers = pages.filter((p) => p.file.endsWith('/graph/index.html'));
    expect(explorers.length).toBeGreaterThan(5);
    const heaviest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(heaviest.bytes, heaviest.file).toBeLessThan(PAGE_BUDGET);
  });

  for (const [name, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    it(`fits an entity's graph to its box on load, zooms, pans and fits again (${name})`, async () => {
      const page = await open(entityPath(firstOf('Component')), viewport);
      await page.locator('.graph-view.live').waitFor();
      const loaded = await fits(page);
      expect(loaded.nodes).toBeGreaterThan(2);
      expect(loaded).toEqual({ outside: [], overflow: 0, nodes: loaded.nodes });
      const fitted = await viewBox(page);

      const box = page.locator('.graph-view .graph-box');
      await box.focus();
      await page.keyboard.press('+');
      const zoomed = await viewBox(page);
      expect(zoomed[2]).toBeLessThan(fitted[2]!);
      await page.keyboard.press('ArrowRight');
      expect((await viewBox(page))[0]).toBeGreaterThan(zoomed[0]!);
      await page.keyboard.press('0');
      expect(await viewBox(page)).toEqual(fitted);

      await page.getByRole('button', { name: 'Zoom in' }).click();
      expect((await viewBox(page))[2]).toBeLessThan(fitted[2]!);
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await page.getByRole('button', { name: 'Zoom out' }).click();
      expect((await viewBox(page))[2]).toBeGreaterThan(fitted[2]!);
      await page.getByRole('button', { name: 'Fit to box' }).click();
      expect(await viewBox(page)).toEqual(fitted);
      expect((await fits(page)).overflow).toBe(0);
      await page.context().close();
    });
  }

  it('redraws a group’s graph deeper, by kind, by relation and in another direction, from the graph data file', async () => {
    const top = model.entities.find((e) => e.entity.kind === 'Group' && !e.entity.relations?.some((r) => r.type === 'childOf'))!;
    const page = await open(entityPath(top.ref), LAPTOP);
    await page.locator('.graph-view.live').waitFor();
    const atBuild = (await fits(page)).nodes;

    await page.getByLabel('Depth').selectOption('2');
    const deeper = await drawn(page, 1);
    expect(deeper).toBeGreaterThan(atBuild);
    expect((await fits(page)).outside).toEqual([]);
    // Every node drawn in the browser links to a page the build wrote.
    const hrefs = await page.locator('.graph-view .graph-box a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBe(deeper);
    for (const href of hrefs) expect(existsSync(join(out, href, 'index.html')), href).toBe(true);

    const ownerOf = page.locator('.graph-view .edge-labels text', { hasText: /^owner of$/ });
    expect(await page.locator('.graph-view .node.k-domain').count()).toBeGreaterThan(0);
    expect(await ownerOf.count()).toBeGreaterThan(0);
    await page.getByText('Filters').click();
    await page.getByRole('checkbox', { name: 'Domain' }).uncheck();
    expect(await drawn(page, 2)).toBeLessThan(deeper);
    expect(await page.locator('.graph-view .node.k-domain').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Domain' }).check();
    expect(await drawn(page, 3)).toBe(deeper);

    await page.getByRole('checkbox', { name: 'owner of' }).uncheck();
    expect(await drawn(page, 4)).toBeLessThan(deeper);
    expect(await ownerOf.count()).toBe(0);
    expect(await page.locator('.graph-view .edge-labels text', { hasText: /^owner of$/ }).count()).toBe(0);
    expect(await page.locator('.graph-view .edge-labels text', { hasText: /^parent of$/ }).count()).toBeGreaterThan(0);

    // Top to bottom: the group (a parent) is above its child groups.
    const before = await page.locator('.graph-view').getAttribute('data-drawn');
    await page.getByLabel('Direction').selectOption('TB');
    expect(String(await drawn(page, 5))).toBe(before);
    const y = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top);
    expect(await y('.graph-view .node.center')).toBeLessThan(await y('.graph-view .node.k-group:not(.center)'));
    await page.context().close();
  });

  for (const [name, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    it(`fits a system's explorer to its box, its first step drawn by the build and the whole graph by the browser (${name})`, async () => {
      const page = await open(`${entityPath(firstOf('System'))}graph/`, viewport);
      await page.locator('.graph-view.live').waitFor();
      const loaded = await fits(page);
      expect(loaded).toEqual({ outside: [], overflow: 0, nodes: loaded.nodes });
      // The build lays out only the first step, capped like an entity page's graph.
      expect(loaded.nodes).toBeGreaterThan(2);
      expect(loaded.nodes).toBeLessThanOrEqual(GRAPH_NODES + 1);
      expect(await page.getByLabel('Depth').inputValue()).toBe('1');
      const listed = await page.locator('.explorer-list li').count();
      expect(listed).toBeGreaterThan(loaded.nodes);
      await page.getByRole('button', { name: /^Draw all: \d+ entities are not drawn yet$/ }).click();
      const whole = await drawn(page, 1);
      expect(whole).toBeGreaterThanOrEqual(listed);
      expect(await page.getByLabel('Depth').inputValue()).toBe('2');
      expect(await fits(page)).toEqual({ outside: [], overflow: 0, nodes: whole });
      await page.getByLabel('Depth').selectOption('1');
      const shallow = await drawn(page, 2);
      expect(shallow).toBeLessThan(whole);
      expect(await fits(page)).toEqual({ outside: [], overflow: 0, nodes: shallow });
      await page.context().close();
    });
  }

  it('leaves the build-time SVG, linked, without JavaScript', async () => {
    const page = await open(`${entityPath(firstOf('System'))}graph/`, LAPTOP, false);
    expect(await page.locator('.graph-view svg a[href]').count()).toBeGreaterThan(2);
    expect(await page.locator('.graph-tools').count()).toBe(0);
    await page.context().close();
  });

  it('threw nothing in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('entity graphs drawn in the browser (site.entityGraph: browser)', () => {
  const browserOut = join(tmp, 'browser-site');
  let small: PortalModel;
  let smallServer: StaticServer;
  const errors: string[] = [];

  beforeAll(async () => {
    // A second, small build: the mode changes every entity page.
    small = await orgModel(generateOrg({ entities: 120 }), { title: 'Browser Graph Org' });
    small.site.entityGraph = 'browser';
    await buildSite({ model: small, outDir: browserOut, base: '/' });
    smallServer = await serveStatic(browserOut);
  });
  afterAll(async () => {
    await smallServer?.close();
  });

  const openSmall = async (path: string, javaScriptEnabled: boolean) => {
    const context = await browser.newContext({ viewport: LAPTOP, javaScriptEnabled });
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(`${path}: ${err.message}`));
    await page.goto(smallServer.url + path);
    return page;
  };

  it('ships no SVG; without JavaScript the relation cards stand in', async () => {
    const ref = small.entities.find((e) => e.entity.kind === 'Component')!.ref;
    const page = await openSmall(entityPath(ref), false);
    expect(await page.locator('.graph-view svg').count()).toBe(0);
    expect(await page.locator('.graph-view .graph-box p').textContent()).toContain('the cards below list every relation');
    expect(await page.locator('[data-card="provided-apis"], [data-card="consumed-apis"]').count()).toBe(2);
    await page.context().close();
  });

  it("draws the graph from the graph data when the page opens, the build's size first, then all", async () => {
    // The entity with the most related entities: more than an entity page's graph draws.
    const related = (e: PortalEntity) => new Set(e.entity.relations?.map((r) => r.targetRef)).size;
    const top = small.entities.reduce((a, b) => (related(b) > related(a) ? b : a));
    expect(related(top)).toBeGreaterThan(GRAPH_NODES);
    const page = await openSmall(entityPath(top.ref), true);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.graph-view')?.dataset.draws === '1');
    const first = await fits(page);
    expect(first.nodes).toBeGreaterThan(2);
    expect(first.nodes).toBeLessThanOrEqual(GRAPH_NODES + 1);
    expect(first.outside).toEqual([]);
    const hrefs = await page.locator('.graph-view .graph-box a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) expect(existsSync(join(browserOut, href, 'index.html')), href).toBe(true);
    await page.getByRole('button', { name: /^Draw all: \d+ entities are not drawn yet$/ }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.graph-view')?.dataset.draws === '2');
    expect((await fits(page)).nodes).toBeGreaterThan(first.nodes);
    await page.context().close();
  });

  it("draws a system's explorer in the browser too: its first step, then its whole depth; the list stands in without JavaScript", async () => {
    const related = (e: PortalEntity) => new Set(e.entity.relations?.map((r) => r.targetRef)).size;
    const system = small.entities.filter((e) => e.entity.kind === 'System').reduce((a, b) => (related(b) > related(a) ? b : a));
    const path = `${entityPath(system.ref)}graph/`;
    const still = await openSmall(path, false);
    expect(await still.locator('.graph-view svg').count()).toBe(0);
    expect(await still.locator('.graph-view .graph-box p').textContent()).toContain('the list below names every entity in the graph');
    const listed = await still.locator('.explorer-list li').count();
    await still.context().close();

    const page = await openSmall(path, true);
    const first = await drawnIn(page, 1);
    expect(first).toBeGreaterThan(2);
    expect(first).toBeLessThanOrEqual(GRAPH_NODES + 1);
    expect(await page.getByLabel('Depth').inputValue()).toBe('1');
    expect(listed).toBeGreaterThan(first);
    await page.getByRole('button', { name: /^Draw all: \d+ entities are not drawn yet$/ }).click();
    expect(await drawnIn(page, 2)).toBeGreaterThanOrEqual(listed);
    expect(await page.getByLabel('Depth').inputValue()).toBe('2');
    expect((await fits(page)).outside).toEqual([]);
    await page.context().close();
  });

  it('threw nothing in the browser', () => {
    expect(errors).toEqual([]);
  });
});

/** After the `n`th drawing of a page without a build-time SVG: the nodes drawn. */
async function drawnIn(page: Page, n: number): Promise<number> {
  await page.waitForFunction((draws) => document.querySelector<HTMLElement>('.graph-view')?.dataset.draws === String(draws), n);
  return Number(await page.locator('.graph-view').getAttribute('data-drawn'));
}
