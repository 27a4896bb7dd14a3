// Docs end to end: the pipeline renders a small org's TechDocs, Astro builds the portal from that model,
// Pagefind indexes it, and headless Chromium checks pages, search filters and mermaid in both themes.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../config/load.ts';
import { writeDocsAssets } from '../docs/index.ts';
import { drawDiagrams, type DiagramReport } from '../docs/mermaid/index.ts';
import { safeId } from '../docs/markdown/anchors.ts';
import type { PortalModel } from '../model/portal.ts';
import { runPipeline } from '../pipeline/index.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { indexSite } from '../search/index.ts';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite } from './testing/build.ts';
import { internalLinks } from './testing/links.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const DIAGRAMS = [
  '# Diagrams',
  '',
  '## Flow',
  '',
  '```mermaid',
  'flowchart LR',
  '  subgraph clients [Clients]',
  '    web[tracking-web]',
  '    app[Mobile app]',
  '  end',
  '  subgraph core [Core]',
  '    api[shipments API]',
  '    db[(Postgres)]',
  '  end',
  '  web --> api',
  '  app --> api',
  '  api --> db',
  '  click api call alert(1)',
  '```',
  '',
  '## Booking',
  '',
  '```mermaid',
  'sequenceDiagram',
  '  participant C as Client',
  '  participant A as API',
  '  C->>A: POST /shipments',
  '  alt known key',
  '    A-->>C: 201 (replayed)',
  '  else new key',
  '    A-->>C: 201 Created',
  '  end',
  '```',
  '',
  '## Data',
  '',
  '```mermaid',
  'erDiagram',
  '  ACCOUNT ||--o{ SHIPMENT : books',
  '  SHIPMENT ||--|{ PARCEL : contains',
  '  SHIPMENT {',
  '    text id PK',
  '    text status',
  '  }',
  '```',
].join('\n');

const files = {
  'catalog-info.yaml': [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: shipments-service',
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec: { type: service, lifecycle: production, owner: group:default/team-shipments }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: outbox-relay',
    '  annotations:',
    '    backstage.io/techdocs-entity: component:default/shipments-service',
    '    backstage.io/techdocs-entity-path: /guide/setup/',
    'spec: { type: service, lifecycle: production, owner: group:default/team-shipments }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata: { name: team-shipments }',
    'spec: { type: team, children: [] }',
    '',
  ].join('\n'),
  'mkdocs.yml':
    'site_name: Shipments Handbook\nnav:\n  - Home: index.md\n  - Guide:\n      - Setup: guide/setup.md\n      - Diagrams: diagrams.md\n  - Status: https://status.example.com\nmarkdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n',
  'docs/math.md': '# Math\n\nThe mass $m_0$ at rest :rocket:.\n\n$$\nE = \\frac{m_0 c^2}{\\sqrt{1 - v^2/c^2}}\n$$\n',
  'docs/index.md': '# Shipments\n\nWelcome to the parcelwrangler docs. See [setup](guide/setup.md#install).\n\n![Lifecycle](img/flow.png)\n\n!!! tip "Quick start"\n    Run it locally.\n\n```ts\nconst answer = 42;\n```\n',
  'docs/guide/setup.md': '# Setup\n\n## Install\n\nRun `npm ci`.\n\n## Configure\n\n### Secrets\n\nText.\n',
  'docs/diagrams.md': DIAGRAMS,
  'docs/broken.md': '# Broken\n\n```mermaid\nflowchart LR\n  A -->\n```\n',
  'docs/evil.md': '# Evil\n\n<script>window.__pwned = 1</script>\n<img src="x" onerror="window.__pwned = 2">\n<a href="javascript:window.__pwned=3">click</a>\n',
  'docs/img/flow.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** A second repo whose diagrams are drawn at build time (docs/mermaid/): one in the first screen, one hostile. */
const drawnFiles = {
  'catalog-info.yaml': [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: ops-handbook',
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec: { type: documentation, lifecycle: production, owner: group:default/team-shipments }',
    '',
  ].join('\n'),
  'mkdocs.yml': 'site_name: Ops Handbook\n',
  'docs/index.md': [
    '# Ops',
    '',
    '## Paging',
    '',
    '```mermaid',
    'flowchart LR',
    '  alert[Alert] --> oncall[On-call] --> fix[Fix]',
    '```',
    '',
    '## Hostile',
    '',
    '```mermaid',
    'flowchart LR',
    // data: so that the label's text, which keeps `<img src="data:x">` as words, is no internal link to check.
    '  A["<script>window.__pwned = 4</script><img src=data:x onerror=window.__pwned=5>"] --> B["javascript:window.__pwned=6"]',
    '  click A href "javascript:window.__pwned=7"',
    '```',
    '',
  ].join('\n'),
};
const DRAWN = 'docs/default/component/ops-handbook/';
let drawn: DiagramReport | undefined;

const tmp = mkdtempSync(join(tmpdir(), 'backlot-docs-site-'));
const out = join(tmp, 'site');
const DOCS = 'docs/default/component/shipments-service/';
let server: StaticServer;
let browser: Browser;
let model: PortalModel;
const pageErrors: string[] = [];

/** The pipeline and Astro build of the test org under `base`, as the CLI runs them. */
async function buildPortal(base: string, outDir: string): Promise<PortalModel> {
  const snapshot = memorySnapshot([
    { repo: repoInfo('shipments'), files },
    { repo: repoInfo('ops'), files: drawnFiles },
  ]);
  const config = defaultConfig(tmp);
  // The browser draws the shipments docs' diagrams (that path stays for diagrams that fail at build time).
  const { model: built } = await runPipeline({ ...config, site: { ...config.site, title: 'Docs test', base }, docs: { mermaid: 'browser' } }, snapshot, {
    catalogPath: () => '/catalog-info.yaml',
  });
  // The ops handbook's diagrams drawn as `docs.mermaid: build` draws them, in the first build only (Chromium costs ~1 s).
  if (base === '/') drawn = await drawDiagrams(built.docs.sites.filter((s) => s.repo === 'ops'), { mode: 'build' });
  await buildSite({ model: built, outDir, base });
  await writeDocsAssets(snapshot, built.docs.sites.flatMap((s) => s.assets), outDir, base);
  return built;
}

beforeAll(async () => {
  model = await buildPortal('/', out);
  await indexSite(out);
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; context: BrowserContext; scripts: string[] }> {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(`${path}: ${err.message}`));
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(server.url + path);
  return { page, context, scripts };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

describe('docs pages', () => {
  it('shows the page with its nav, table of contents, previous/next, edit link and entity', async () => {
    const { page, context } = await open(`${DOCS}guide/setup/`);
    expect(await page.locator('.docs-content h1').innerText()).toContain('Setup');
    expect(await page.locator('.docs-nav a[aria-current="page"]').innerText()).toBe('Setup');
    expect(await page.locator('.docs-nav a.external').getAttribute('href')).toBe('https://status.example.com');
    expect(await page.locator('.docs-toc a').allInnerTexts()).toEqual(['Install', 'Configure', 'Secrets']);
    // The layout's own ids are reserved, so a docs page's id cannot take them over (docs/markdown/anchors.ts).
    const chromeIds = await page.evaluate(() => [...document.querySelectorAll('[id]')].filter((e) => !e.closest('.docs-content')).map((e) => e.id));
    expect(chromeIds.length).toBeGreaterThan(0);
    expect(chromeIds.filter((id) => safeId(id) === id)).toEqual([]);
    expect(await page.locator('.docs-pager a[rel="prev"]').getAttribute('href')).toBe(`/${DOCS}`);
    expect(await page.locator('.docs-pager a[rel="next"]').getAttribute('href')).toBe(`/${DOCS}diagrams/`);
    expect(await page.locator('[data-docs-edit]').getAttribute('href')).toBe('https://github.com/acme/shipments/edit/main/docs/guide/setup.md');
    expect(await page.locator('[data-docs-entity]').getAttribute('href')).toBe('/catalog/default/component/shipments-service/');
    await context.close();
  });

  it('typesets math at build time, with KaTeX’s stylesheet and fonts served by the portal on pages that have math only', async () => {
    const { page, context, scripts } = await open(`${DOCS}math/`);
    const sheet = page.locator('link[rel="stylesheet"][href="/vendor/katex/katex.min.css"]');
    expect(await sheet.count()).toBe(1);
    expect(await page.locator('.docs-content .arithmatex .katex').count()).toBe(2);
    expect(await page.locator('.docs-content div.arithmatex .katex-display').count()).toBe(1);
    // The stylesheet applies (KaTeX hides its MathML copy visually) and its fonts load from the portal.
    expect(await page.locator('.katex-mathml').first().evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
    expect(await page.evaluate(() => document.fonts.ready.then(() => document.fonts.check('1em KaTeX_Main')))).toBe(true);
    const fonts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/vendor/katex/fonts/')));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.startsWith(server.url) && f.endsWith('.woff2'))).toBe(true);
    expect(scripts.filter((u) => /katex/i.test(u))).toEqual([]);
    // Its emoji is a Twemoji graphic, credited at the page's foot as CC-BY 4.0 asks; a page without emoji has no credit.
    expect(await page.locator('.docs-content .twemoji svg').count()).toBe(1);
    expect(await page.locator('.docs-credit').innerText()).toMatch(/Twemoji.*CC-BY 4\.0/);
    await page.goto(server.url + `${DOCS}guide/setup/`);
    expect(await page.locator('link[href*="katex"]').count()).toBe(0);
    expect(await page.locator('.docs-credit').count()).toBe(0);
    await context.close();
  });

  it('links entity pages to their docs, including techdocs-entity, and redirects the other entity’s docs URL', async () => {
    const { page, context } = await open('catalog/default/component/outbox-relay/');
    expect(await page.locator('[data-action="docs"]').getAttribute('href')).toBe(`/${DOCS}guide/setup/`);
    await page.goto(server.url + 'catalog/default/component/shipments-service/');
    expect(await page.locator('[data-action="docs"]').getAttribute('href')).toBe(`/${DOCS}`);
    await page.goto(server.url + 'docs/default/component/outbox-relay/');
    await page.waitForURL(`**/${DOCS}guide/setup/`);
    await context.close();
  });

  it('lists every site under All documentation', async () => {
    const { page, context } = await open('docs/');
    expect(await page.locator('[data-docs-index] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-docs-index] a', { hasText: 'Shipments Handbook' }).getAttribute('href')).toBe(`/${DOCS}`);
    await context.close();
  });

  it('has no broken internal links and serves the docs’ images from their own URL', async () => {
    const checked = new Map<string, number>();
    for (const file of htmlFiles(join(out, 'docs'))) {
      for (const link of internalLinks(readFileSync(file, 'utf8'))) {
        const target = new URL(link, `${server.origin}/${relative(out, file)}`).href;
        if (!checked.has(target)) checked.set(target, (await fetch(target)).status);
        expect(checked.get(target), `${link} in ${relative(out, file)}`).toBe(200);
      }
    }
    expect(checked.get(`${server.origin}/${DOCS}img/flow.png`)).toBe(200);
  });

  it('runs nothing from a page’s raw HTML', async () => {
    const { page, context } = await open(`${DOCS}evil/`);
    await page.locator('.docs-content a', { hasText: 'click' }).click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.docs-content script').count()).toBe(0);
    await context.close();
  });

  it('indexes docs pages with entity, kind and owner filters', async () => {
    const { page, context } = await open(DOCS);
    const found = (await page.evaluate(`(async () => {
      const pf = await import('/pagefind/pagefind.js');
      const search = await pf.search('parcelwrangler', { filters: { entity: 'component:default/shipments-service' } });
      const data = await Promise.all(search.results.map((r) => r.data()));
      return data.map((d) => ({ url: d.url, title: d.meta.title, kind: d.meta.kind, filters: d.filters }));
    })()`)) as Array<{ url: string; title: string; kind: string; filters: Record<string, string[]> }>;
    expect(found).toEqual([
      {
        url: `/${DOCS}`,
        title: 'Home – Shipments Handbook',
        kind: 'Docs',
        filters: { entity: ['component:default/shipments-service'], kind: ['Component'], owner: ['group:default/team-shipments'] },
      },
    ]);
    await context.close();
  });
});

describe('code and diagrams', () => {
  it('copies code without line numbers', async () => {
    const { page, context } = await open(DOCS);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.locator('.code-copy').first().click();
    await page.locator('.code-copy[data-state="done"]').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const answer = 42;');
    await context.close();
  });

  it('loads mermaid only on pages that have a diagram', async () => {
    const plain = await open(`${DOCS}guide/setup/`);
    await plain.page.waitForLoadState('networkidle');
    expect(plain.scripts.filter((s) => /mermaid/i.test(s))).toEqual([]);
    await plain.context.close();
    const withDiagrams = await open(`${DOCS}diagrams/`);
    await withDiagrams.page.locator('.mermaid-diagram svg').first().waitFor();
    expect(withDiagrams.scripts.some((s) => /mermaid/i.test(s))).toBe(true);
    await withDiagrams.context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`draws the flowchart with subgraphs, the sequence diagram with alt/else and the ER diagram as SVG (${scheme})`, async () => {
      const { page, context } = await open(`${DOCS}diagrams/`, scheme);
      await page.waitForFunction((theme) => document.documentElement.dataset.diagrams === theme, scheme, { timeout: 30_000 });
      expect(await page.locator('.mermaid-error').count()).toBe(0);
      const kinds = await page.locator('.mermaid-diagram svg').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-roledescription')));
      expect(kinds).toEqual(['flowchart-v2', 'sequence', 'er']);
      expect(await page.locator('.mermaid-diagram svg .cluster').count()).toBe(2);
      expect(await page.locator('.mermaid-diagram[data-theme]').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.theme))).toEqual([scheme, scheme, scheme]);
      // Strict mode and the stage's filter: the click line has no handler and no link.
      expect(await page.locator('.mermaid-diagram svg a').count()).toBe(0);
      await context.close();
    });
  }

  it('redraws diagrams when the theme switch changes the theme', async () => {
    const { page, context } = await open(`${DOCS}diagrams/`, 'light');
    await page.waitForFunction(() => document.documentElement.dataset.diagrams === 'light', undefined, { timeout: 30_000 });
    const lightFill = await page.locator('.mermaid-diagram svg').first().evaluate((svg) => getComputedStyle(svg.querySelector('.node rect, .node path')!).fill);
    await page.locator('[data-theme-switch]').click();
    await page.waitForFunction(() => document.documentElement.dataset.diagrams === 'dark', undefined, { timeout: 30_000 });
    expect(await page.locator('.mermaid-diagram svg').count()).toBe(3);
    expect(await page.locator('.mermaid-error').count()).toBe(0);
    const darkFill = await page.locator('.mermaid-diagram svg').first().evaluate((svg) => getComputedStyle(svg.querySelector('.node rect, .node path')!).fill);
    expect(darkFill).not.toBe(lightFill);
    await context.close();
  });

  it('shows a diagram’s syntax error together with its source', async () => {
    const { page, context } = await open(`${DOCS}broken/`);
    const error = page.locator('.mermaid-error[role="alert"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.locator('p').innerText()).toContain('This diagram has an error');
    expect(await error.locator('pre').innerText()).toBe('flowchart LR\n  A -->');
    await context.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('diagrams drawn at build time', () => {
  it('are inline SVG in the page, light and dark, with no source left', () => {
    expect(drawn).toMatchObject({ drawn: 2, inBrowser: 0, diagnostics: [] });
    const html = readFileSync(join(out, DRAWN, 'index.html'), 'utf8');
    expect(html).not.toContain('<pre class="mermaid"');
    expect(html.match(/<svg [^>]*class="mermaid-light /g)).toHaveLength(2);
    expect(html.match(/<svg [^>]*class="mermaid-dark /g)).toHaveLength(2);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the ${scheme} drawing, loads no mermaid script, runs nothing from the hostile diagram and is axe clean (${scheme})`, async () => {
      const { page, context, scripts } = await open(DRAWN, scheme);
      await page.waitForLoadState('networkidle');
      expect(scripts.filter((s) => /mermaid/i.test(s))).toEqual([]);
      const shown = await page.locator('.mermaid-diagram > svg').evaluateAll((svgs) => svgs.filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.classList[0]));
      expect(shown).toEqual([`mermaid-${scheme}`, `mermaid-${scheme}`]);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('.mermaid-diagram script, .mermaid-diagram foreignObject, .mermaid-diagram a').count()).toBe(0);
      expect(serious(await runAxe(page))).toEqual([]);
      await context.close();
    });
  }

  it('follows the theme switch, and opens the shown drawing in the full view', async () => {
    const { page, context } = await open(DRAWN, 'light');
    await page.locator('[data-theme-switch]').click();
    const shown = () => page.locator('.mermaid-diagram > svg').first().evaluate(() => [...document.querySelectorAll('.mermaid-diagram > svg')].filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.classList[0]));
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(await shown()).toEqual([`mermaid-${theme}`, `mermaid-${theme}`]);
    await page.locator('[data-diagram-expand]').first().click();
    const dialog = page.locator('dialog.diagram-dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator(`svg.mermaid-${theme}`).count()).toBe(1);
    expect(await dialog.locator('#diagram-dialog-title').innerText()).toBe('Diagram: Paging (flowchart)');
    await dialog.locator('[data-zoom="in"]').click();
    // The drawing moves back in the dialog's close event, a task after [open] goes: wait for that event, not
    // for [open] (under load the count ran before the drawing was back).
    await page.evaluate(() => {
      const dialog = document.querySelector('dialog.diagram-dialog')!;
      (window as { diagramClosed?: Promise<void> }).diagramClosed = new Promise((done) => dialog.addEventListener('close', () => done(), { once: true }));
    });
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window as { diagramClosed?: Promise<void> }).diagramClosed);
    expect(await page.locator('dialog.diagram-dialog[open]').count()).toBe(0);
    expect(await page.locator('.mermaid-diagram > svg').count()).toBe(4);
    expect(await page.evaluate(() => document.activeElement?.matches('[data-diagram-expand]'))).toBe(true);
    await context.close();
  });
});

describe('mermaid from its own prebuilt files', () => {
  it('serves mermaid’s ESM build under vendor/mermaid/ and bundles none of it into _astro/', () => {
    const vendor = join(out, 'vendor/mermaid');
    const entry = readFileSync(join(vendor, 'mermaid.esm.min.mjs'), 'utf8');
    const chunks = [...new Set([...entry.matchAll(/["'](\.\/chunks\/[^"']+\.mjs)["']/g)].map((m) => m[1]!))];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(existsSync(join(vendor, chunk)), chunk).toBe(true);
    const assets = readdirSync(join(out, '_astro'));
    expect(assets.filter((f) => /^(cytoscape|katex|elk|dagre|d3|mermaid[.-]|[a-z]*diagram)/i.test(f) && !/^(mermaid|diagram-view)\.[\w-]+\.js$/.test(f))).toEqual([]);
    // The one asset named after mermaid is the small client module that imports vendor/mermaid/ at run time.
    const loaders = assets.filter((f) => /mermaid/i.test(f));
    expect(loaders).toHaveLength(1);
    expect(statSync(join(out, '_astro', loaders[0]!)).size).toBeLessThan(10_000);
    // The full view alone, which a page whose diagrams were drawn at build time loads instead.
    for (const view of assets.filter((f) => f.startsWith('diagram-view.'))) expect(statSync(join(out, '_astro', view)).size).toBeLessThan(10_000);
  });

  it('draws diagrams on a site built under a non-root base', async () => {
    const portalOut = join(tmp, 'portal');
    await buildPortal('/portal/', portalOut);
    const portal = await serveStatic(portalOut, { base: '/portal/' });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const scripts: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(`${portal.url}${DOCS}diagrams/`);
      await page.waitForFunction(() => document.documentElement.dataset.diagrams === 'light', undefined, { timeout: 30_000 });
      expect(await page.locator('.mermaid-diagram svg').count()).toBe(3);
      expect(await page.locator('.mermaid-error').count()).toBe(0);
      expect(scripts).toContain('/portal/vendor/mermaid/mermaid.esm.min.mjs');
      expect(scripts.some((s) => s.startsWith('/portal/vendor/mermaid/chunks/'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await portal.close();
    }
  });
});
