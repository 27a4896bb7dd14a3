// The catalog's history across real deploys: `backlot build` twice, the second reading the first's
// entities.json and changes.json over HTTP, then the changes page, its feed, an entity's history and the home
// page of that second build, in Chromium.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { History } from '../diff/history.ts';
import { REPO_ROOT } from '../site/build/files.ts';
import { launchChromium } from '../site/testing/browser.ts';
import { serveStatic, type StaticServer } from '../site/testing/serve.ts';

const BIN = join(REPO_ROOT, 'src/cli/backlot.js');
// Inside the repo: Astro keeps its prerender chunks under the cwd (as the demo test does).
const work = join(REPO_ROOT, '.backlot', `history-test-${process.pid}`);
const org = join(work, 'org');
const day = 86_400_000;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const openapi = (paths: string) => JSON.stringify(`openapi: 3.0.0\ninfo: { title: Payments, version: 1.0.0 }\npaths:\n${paths}`);
const PAY = '  /pay:\n    post:\n      responses:\n        "200": { description: ok }\n';
const REFUND = '  /refund:\n    post:\n      responses:\n        "200": { description: ok }\n';

/** The org as one repo of teams and one of services; v2 moves orders to team-b, removes legacy and /refund. */
function writeOrg(version: 1 | 2): void {
  const doc = (kind: string, name: string, spec: string) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
  write(join(org, 'people/catalog-info.yaml'), [doc('Group', 'team-a', '{ type: team, children: [] }'), doc('Group', 'team-b', '{ type: team, children: [] }')].join('---\n'));
  write(join(org, 'services/catalog-info.yaml'), [
    doc('Component', 'orders', `{ type: service, lifecycle: production, owner: ${version === 1 ? 'team-a' : 'team-b'}, consumesApis: [payments] }`),
    doc('API', 'payments', `{ type: openapi, lifecycle: production, owner: team-a, definition: ${openapi(version === 1 ? PAY + REFUND : PAY)} }`),
    ...(version === 1 ? [doc('Component', 'legacy', '{ type: service, lifecycle: deprecated, owner: team-a }')] : []),
  ].join('---\n'));
}

type Run = { code: number | null; stdout: string; stderr: string };

/** A real `backlot build`, not blocking this process: it serves the previous site meanwhile. */
async function build(outDir: string, previous: string): Promise<Run> {
  const config = join(work, 'backlot.config.yaml');
  write(config, [
    'site:',
    '  title: Acme',
    '  url: https://portal.acme.example',
    '  base: /portal/',
    `  outDir: ${JSON.stringify(outDir)}`,
    'sources:',
    `  - { type: local, path: ${JSON.stringify(org)}, org: acme }`,
    `cacheDir: ${JSON.stringify(join(work, 'cache'))}`,
    'history: { days: 180 }',
    '',
  ].join('\n'));
  const child = spawn(process.execPath, [BIN, 'build', '--config', config, '--previous', previous], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, ...out };
}

const changesOf = (dir: string): History => JSON.parse(readFileSync(join(dir, 'api/catalog/changes.json'), 'utf8'));
const line = (e: History['entries'][number]) => `${e.change} ${e.ref}${e.breaking ? ' breaking' : ''}`;

let first: Run;
let second: Run;
let server: StaticServer;
let browser: Browser;
let page: Page;
const dist1 = join(work, 'dist1');
const dist2 = join(work, 'dist2');

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  // What the live site held before: one team, and a history with an entry of 10 days ago and one of 400.
  const seed = join(work, 'seed');
  write(join(seed, 'api/catalog/entities.json'), JSON.stringify([{ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' }, spec: { type: 'team', children: [] } }]));
  const entry = (daysAgo: number, name: string) => ({ at: new Date(Date.now() - daysAgo * day).toISOString(), ref: `component:default/${name}`, kind: 'Component', change: 'removed', fields: [], breaking: true });
  write(join(seed, 'api/catalog/changes.json'), JSON.stringify({ version: 1, entries: [entry(10, 'ancient'), entry(400, 'fossil')] }));
  writeOrg(1);
  first = await build(dist1, seed);
  // The first build is the live site now; the second continues its history over HTTP.
  server = await serveStatic(dist1, { base: '/portal/' });
  writeOrg(2);
  second = await build(dist2, server.url);
  await server.close();
  server = await serveStatic(dist2, { base: '/portal/' });
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('history across two builds', () => {
  it('the first build adds its diff to the seeded history and drops what is older than 180 days', () => {
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toMatch(/history\s+4 changes recorded, 5 in the last 180 days/);
    // team-a's relations changed too (it owns more now): a change only of relations is left out.
    expect(changesOf(dist1).entries.map(line)).toEqual([
      'added api:default/payments',
      'added component:default/legacy',
      'added component:default/orders',
      'added group:default/team-b',
      'removed component:default/ancient breaking',
    ]);
  });

  it('the second build reads the first over HTTP and puts its own changes on top', () => {
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toMatch(/history\s+3 changes recorded, 8 in the last 180 days/);
    const { entries } = changesOf(dist2);
    expect(entries.slice(0, 3).map(line)).toEqual(['changed api:default/payments breaking', 'removed component:default/legacy breaking', 'changed component:default/orders']);
    expect(entries.slice(3).map(line)).toEqual(changesOf(dist1).entries.map(line));
    expect(entries[0]!.api).toEqual([{ breaking: true, where: '/refund', message: 'path removed' }]);
    expect(entries[2]!.fields).toEqual([{ field: 'owner', before: 'group:default/team-a', after: 'group:default/team-b' }]);
    // A local folder has no commits: none is recorded. A copy is kept in cacheDir for a site that cannot answer.
    expect(entries.every((e) => e.commit === undefined)).toBe(true);
    expect(existsSync(join(work, 'cache/history/changes.json'))).toBe(true);
  });

  it('shows each entity its own history, and the home page the recent and breaking changes', async () => {
    const today = changesOf(dist2).entries[0]!.at.slice(0, 10);
    await page.goto(`${server.url}catalog/default/component/orders/`);
    expect(await page.locator('[data-history] li').allTextContents()).toEqual([`owner changed from team-a to team-b on ${today}`, `added on ${changesOf(dist1).entries[0]!.at.slice(0, 10)}`]);
    await page.goto(server.url);
    // Removed entities have no page: only payments is a link.
    expect(await page.locator('[data-home-breaking] > ol > li').count()).toBe(3);
    expect(await page.locator('[data-home-breaking] li a').allTextContents()).toEqual(['payments']);
    expect(await page.locator('[data-home-changes] > ol > li').count()).toBe(8);
  });

  it('lists every change on /changes/ with filters, kept in the URL', async () => {
    await page.goto(`${server.url}changes/`);
    expect(await page.locator('[data-changes-list] > li').count()).toBe(8);
    await page.selectOption('select[name="kind"]', 'API');
    await page.waitForFunction(() => document.querySelectorAll('[data-changes-list] > li').length === 2);
    expect(page.url()).toContain('?kind=API');
    await page.selectOption('select[name="kind"]', '');
    await page.check('input[name="breaking"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-changes-list] > li').length === 3);
    expect(await page.locator('[data-changes-list] > li a').allTextContents()).toEqual(['payments']);
    expect(await page.locator('[data-changes-status]').textContent()).toBe('3 of 8 changes');
    // A shared URL opens filtered.
    await page.goto(`${server.url}changes/?change=removed`);
    await page.waitForFunction(() => document.querySelectorAll('[data-changes-list] > li').length === 2);
  });

  it('writes a well-formed Atom feed whose entries link to the entity pages', async () => {
    const xml = readFileSync(join(dist2, 'changes/feed.xml'), 'utf8');
    await page.goto(`${server.url}changes/`);
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: `${root.namespaceURI} ${root.localName}`,
        id: root.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
        updated: root.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
        entries: [...root.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
          id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent ?? '',
          title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent ?? '',
          link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href') ?? '',
        })),
      };
    }, xml);
    expect(feed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom feed', id: 'tag:portal.acme.example,2026:/portal/changes/' });
    expect(feed.updated).toBe(changesOf(dist2).entries[0]!.at);
    expect(feed.entries).toHaveLength(8);
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(8);
    expect(feed.entries[0]).toMatchObject({ title: 'Breaking: API payments: API definition: 1 breaking change', link: 'https://portal.acme.example/portal/catalog/default/api/payments/' });
    // A removed entity has no page: its entry links to the changes page.
    expect(feed.entries[1]!.link).toBe('https://portal.acme.example/portal/changes/');
  });
});
