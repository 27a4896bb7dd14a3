// TechDocs as a reader uses them, in headless Chromium on a real build of two docs sites: search inside one site
// as you type (its hits only, linking to the section), diagrams readable at 1366 px and on a phone with a
// full-width view and zoom, the Copy button clear of a one-line block's end, tables that scroll without
// breaking code spans, and the docs index's filter.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultConfig } from '../config/load.ts';
import { writeDocsAssets } from '../docs/index.ts';
import { runPipeline } from '../pipeline/index.ts';
import { indexSite } from '../search/index.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite } from './testing/build.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const component = (name: string, owner: string) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    `metadata: { name: ${name}, annotations: { backstage.io/techdocs-ref: 'dir:.' } }`,
    `spec: { type: service, lifecycle: production, owner: ${owner} }`,
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    `metadata: { name: ${owner} }`,
    'spec: { type: team, children: [] }',
    '',
  ].join('\n');

const filler = (topic: string) => Array.from({ length: 6 }, (_, i) => `${topic} paragraph ${i + 1}: lorem ipsum dolor sit amet, consectetur adipiscing elit.`).join('\n\n');
const PARTICIPANTS = ['Customer', 'Tracking web', 'Shipments API', 'Rating engine', 'Carrier gateway', 'Label printer', 'Billing', 'Notifications'];
const ONE_LINE = 'kubectl --namespace shipments rollout restart deployment/shipments-service --context production-eu-west-1-cluster';

const shipments = {
  'catalog-info.yaml': component('shipments-service', 'team-shipments'),
  'mkdocs.yml': 'site_name: Shipments Handbook\nnav:\n  - Home: index.md\n  - Setup: guide/setup.md\n  - Runbook: runbook.md\n  - Diagrams: diagrams.md\n  - Flows: flows.md\n',
  'docs/index.md': `# Shipments\n\n${filler('Intro')}\n`,
  'docs/guide/setup.md': `# Setup\n\n## Install\n\n${filler('Install')}\n\n## Configure\n\n${filler('Configure')}\n\n## Rollback\n\n${filler('Rollback')}\n\nRun the parcelwrangler drain procedure before a rollback.\n\n## Afterwards\n\n${filler('After')}\n\n${filler('More')}\n`,
  // A flowchart below a hundred paragraphs: mermaid waits until the reader gets near it.
  'docs/flows.md': `# Flows\n\n${Array.from({ length: 20 }, (_, n) => filler(`Flows ${n + 1}`)).join('\n\n')}\n\n## Parcel flow\n\n\`\`\`mermaid\nflowchart LR\n  a[Warehouse] --> b[Courier] --> c[Door]\n\`\`\`\n`,
  'docs/runbook.md': [
    '# Runbook',
    '',
    '```sh',
    ONE_LINE,
    '```',
    '',
    '| Setting | Default | Meaning |',
    '| --- | --- | --- |',
    '| `shipments.retry.max-attempts-per-parcel` | `5` | How often a parcel label is asked for again before it is given up on |',
    '| `shipments.carrier-gateway.connect-timeout-milliseconds` | `2500` | How long the gateway waits for a carrier |',
    '',
  ].join('\n'),
  'docs/diagrams.md': [
    '# Diagrams',
    '',
    '## Booking',
    '',
    '```mermaid',
    'sequenceDiagram',
    ...PARTICIPANTS.map((p, i) => `  participant P${i} as ${p}`),
    ...PARTICIPANTS.slice(1).map((_, i) => `  P${i}->>P${i + 1}: request number ${i + 1}`),
    '  P7-->>P0: booking confirmed',
    '```',
    '',
  ].join('\n'),
};

const billing = {
  'catalog-info.yaml': component('billing-service', 'team-billing'),
  'mkdocs.yml': 'site_name: Billing Handbook\n',
  'docs/index.md': '# Billing\n\nInvoices mention the parcelwrangler too.\n',
};

const tmp = mkdtempSync(join(tmpdir(), 'backlot-techdocs-ux-'));
const out = join(tmp, 'site');
const DOCS = 'docs/default/component/shipments-service/';
let server: StaticServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  const snapshot = memorySnapshot([
    { repo: repoInfo('shipments'), files: shipments },
    { repo: repoInfo('billing'), files: billing },
  ]);
  const config = defaultConfig(tmp);
  const { model } = await runPipeline({ ...config, site: { ...config.site, title: 'Docs UX', base: '/' }, docs: { mermaid: 'browser' } }, snapshot, { catalogPath: () => '/catalog-info.yaml' });
  await buildSite({ model, outDir: out, base: '/' });
  await writeDocsAssets(snapshot, model.docs.sites.flatMap((s) => s.assets), out, '/');
  // From the model, as `backlot build` indexes, in three shards merged in the browser (src/search/shards.ts).
  await indexSite(out, { model, shards: 3 });
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

async function open(path: string, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${path}: ${err.message}`));
  await page.goto(server.url + path);
  return page;
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('search inside a docs site', () => {
  it('finds this site’s pages as you type and links to the matching section', async () => {
    const page = await open(DOCS);
    await page.locator('#docs-search-q').fill('parcelwrangler');
    const hits = page.locator('[data-docs-search-results] a.docs-hit');
    await hits.first().waitFor();
    expect(await hits.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([`/${DOCS}guide/setup/#rollback`]);
    expect(await hits.first().locator('.docs-hit-title').innerText()).toBe('Setup › Rollback');
    expect(await hits.first().locator('mark').innerText()).toMatch(/parcelwrangler/i);
    expect(await page.locator('[data-docs-search-status]').innerText()).toBe('1 page of Shipments Handbook');
    // The other site mentions the word too; the portal's search finds both (the module the sidebar loaded, every shard merged).
    const all = (await page.evaluate(`(async () => {
      const pf = await import('/pagefind/pagefind.js');
      return (await pf.search('parcelwrangler')).results.length;
    })()`)) as number;
    expect(all).toBe(2);

    expect(serious(await runAxe(page, { include: '.docs-sidebar' }))).toEqual([]);

    await hits.first().click();
    await page.waitForURL(`**/${DOCS}guide/setup/#rollback`);
    const top = await page.locator('#rollback').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(300);
    await page.context().close();
  });

  it('says when nothing in the site matches, and Escape clears it', async () => {
    const page = await open(DOCS);
    await page.locator('#docs-search-q').fill('invoices');
    // Waited for in the page (Playwright's own wait, 30 s), not expect.poll's 1 s: Pagefind's first search can take longer under load.
    const status = page.locator('[data-docs-search-status]');
    await status.filter({ hasText: 'No pages of Shipments Handbook match “invoices”.' }).waitFor();
    expect(await status.innerText()).toBe('No pages of Shipments Handbook match “invoices”.');
    expect(await page.locator('[data-docs-search-results]').isHidden()).toBe(true);
    await page.locator('#docs-search-q').press('Escape');
    expect(await page.locator('#docs-search-q').inputValue()).toBe('');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-docs-search-status]')!.innerText === '');
    await page.context().close();
  });
});

/** The sequence diagram's message text as drawn on screen, in CSS px. */
const drawnTextPx = (page: Page) =>
  page.locator('.mermaid-diagram svg').first().evaluate((svg) => {
    const s = svg as SVGSVGElement;
    const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    const text = s.querySelector('text.messageText')!;
    return parseFloat(getComputedStyle(text).fontSize) * scale;
  });

describe('diagrams', () => {
  for (const [name, viewport] of [['1366 px', LAPTOP], ['a phone', PHONE]] as const) {
    it(`draws sequence-diagram text at 12 px or more at ${name}, the diagram scrolling in its box`, async () => {
      const page = await open(`${DOCS}diagrams/`, viewport);
      await page.locator('.mermaid-diagram svg').first().waitFor();
      expect(await drawnTextPx(page)).toBeGreaterThanOrEqual(11.9);
      const box = page.locator('.mermaid-diagram').first();
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await pageOverflow(page)).toBe(0);
      await page.context().close();
    });
  }

  it('opens a diagram at the window’s full width, zooms, and closes back to the page', async () => {
    const page = await open(`${DOCS}diagrams/`);
    await page.locator('.mermaid-diagram svg').first().waitFor();
    const expand = page.locator('[data-diagram-expand]').first();
    expect(await expand.getAttribute('aria-label')).toBe('Full view: Booking (sequenceDiagram)');
    await expand.click();
    const dialog = page.locator('dialog.diagram-dialog[open]');
    await dialog.waitFor();
    const svg = dialog.locator('svg');
    const width = () => svg.evaluate((el) => el.getBoundingClientRect().width);
    const full = await width();
    expect(full).toBeGreaterThan(1300);
    expect(await dialog.locator('#diagram-dialog-title').innerText()).toBe('Diagram: Booking (sequenceDiagram)');
    expect(await page.locator('.mermaid-diagram svg').count()).toBe(0); // moved, not copied: ids stay unique
    const zoom = await page.locator('[data-diagram-zoom]').innerText();
    await dialog.locator('[data-zoom="in"]').click();
    expect(await width()).toBeCloseTo(full * 1.25, -1);
    expect(await page.locator('[data-diagram-zoom]').innerText()).not.toBe(zoom);
    expect(await dialog.evaluate((el) => el.querySelector('[data-diagram-body]')!.scrollWidth > el.querySelector('[data-diagram-body]')!.clientWidth)).toBe(true);
    await page.keyboard.press('-');
    expect(await width()).toBeCloseTo(full, -1);
    expect(serious(await runAxe(page, { include: 'dialog.diagram-dialog' }))).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' }).catch(() => undefined);
    expect(await page.locator('dialog.diagram-dialog[open]').count()).toBe(0);
    expect(await page.locator('.mermaid-diagram svg').count()).toBe(1);
    expect(await drawnTextPx(page)).toBeGreaterThanOrEqual(11.9);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-diagram-expand'))).toBe(true);
    await page.context().close();
  });
});

describe('diagrams far down a page', () => {
  it('loads mermaid only when the reader nears a diagram, and lays flowcharts out with dagre, not the 1.6 MB ELK', async () => {
    const context = await browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}${DOCS}flows/`);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.querySelector('.mermaid')!.getBoundingClientRect().top > 2 * innerHeight)).toBe(true);
    expect(scripts.filter((s) => s.includes('/vendor/mermaid/'))).toEqual([]);
    await page.locator('pre.mermaid').scrollIntoViewIfNeeded();
    await page.locator('.mermaid-diagram svg').waitFor();
    const chunks = scripts.filter((s) => s.includes('/vendor/mermaid/chunks/')).map((s) => s.split('/').pop()!);
    expect(chunks.some((c) => c.startsWith('dagre-'))).toBe(true);
    expect(chunks.filter((c) => c.startsWith('elk-'))).toEqual([]);
    await context.close();
  });
});

describe('code and tables', () => {
  for (const [name, viewport] of [['1366 px', LAPTOP], ['a phone', PHONE]] as const) {
    it(`keeps the Copy button off the end of a one-line block at ${name}`, async () => {
      const page = await open(`${DOCS}runbook/`, viewport);
      const block = page.locator('.docs-content .code-block').first();
      const copy = block.locator('.code-copy');
      await copy.waitFor();
      const overlap = await block.evaluate((el) => {
        const pre = el.querySelector('pre')!;
        pre.scrollLeft = pre.scrollWidth; // the end of the line, as a reader scrolls to it
        const code = pre.querySelector('code')!;
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        let last: Text | null = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.textContent ?? '').trim()) last = n as Text;
        const range = document.createRange();
        const end = last!.textContent!.trimEnd().length;
        range.setStart(last!, end - 1);
        range.setEnd(last!, end);
        const c = range.getBoundingClientRect();
        const b = el.querySelector('.code-copy')!.getBoundingClientRect();
        return { text: code.textContent, overlaps: c.right > b.left && c.left < b.right && c.bottom > b.top && c.top < b.bottom, visible: c.right <= pre.getBoundingClientRect().right };
      });
      expect(overlap).toEqual({ text: ONE_LINE, overlaps: false, visible: true });
      await page.context().close();
    });
  }

  it('scrolls a wide table in its box on a phone, each code span on one line', async () => {
    const page = await open(`${DOCS}runbook/`, PHONE);
    const table = page.locator('.docs-content table');
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await pageOverflow(page)).toBe(0);
    const lines = await table.locator('code').evaluateAll((codes) => codes.map((c) => [c.textContent, c.getClientRects().length]));
    expect(lines).toEqual([
      ['shipments.retry.max-attempts-per-parcel', 1],
      ['5', 1],
      ['shipments.carrier-gateway.connect-timeout-milliseconds', 1],
      ['2500', 1],
    ]);
    await page.context().close();
  });
});

describe('docs index', () => {
  it('filters the sites as you type, kept in the URL', async () => {
    const page = await open('docs/');
    const rows = page.locator('[data-docs-index] tbody tr:visible');
    expect(await rows.count()).toBe(2);
    await page.locator('#docs-filter-q').fill('team-billing');
    await rows.nth(1).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Billing Handbook');
    expect(await page.locator('[data-docs-filter-status]').innerText()).toBe('1 of 2 sites');
    expect(new URL(page.url()).searchParams.get('q')).toBe('team-billing');
    await page.reload();
    expect(await page.locator('#docs-filter-q').inputValue()).toBe('team-billing');
    expect(await rows.count()).toBe(1);
    await page.locator('#docs-filter-q').fill('');
    expect(await rows.count()).toBe(2);
    await page.context().close();
  });
});

describe('scripts', () => {
  it('ran without errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
