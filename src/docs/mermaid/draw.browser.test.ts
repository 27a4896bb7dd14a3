// drawDiagrams against the real headless Chromium (CHROME_PATH or Debian's /usr/bin/chromium) and mermaid.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocsSite } from '../../model/docs.ts';
import { findChromium } from './chromium.ts';
import { launchDrawer, type Drawer } from './drawer.ts';
import { drawDiagrams } from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-mermaid-'));
let drawer: Drawer;

beforeAll(async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium: install it (apt-get install chromium) or set CHROME_PATH');
  drawer = await launchDrawer(chromium);
});

afterAll(async () => {
  await drawer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const escape = (s: string) => s.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
const block = (source: string, line: number) => `<pre class="mermaid" data-pagefind-ignore="all" data-line="${line}">${escape(source)}</pre>`;

function site(html: string): DocsSite {
  return {
    entityRef: 'component:default/shipments',
    namespace: 'default',
    kind: 'component',
    name: 'shipments',
    url: '/docs/default/component/shipments/',
    siteName: 'Shipments',
    repo: 'shipments',
    rootDir: '',
    docsDir: 'docs',
    nav: [],
    assets: [],
    pages: [{ path: '', url: '/docs/default/component/shipments/', title: 'Flows', html, headings: [], sourcePath: 'docs/index.md', hasMermaid: true, hasCode: false }],
  };
}

const FLOW = 'flowchart LR\n  web[tracking-web] --> api[shipments API] --> db[(Postgres)]';

describe('drawDiagrams', () => {
  it('puts a light and a dark SVG in place of the source, ids unique on the page, labelled by its section', async () => {
    const docs = site(`<h1>Flows</h1><h2 id="parcels">Parcels &#x26; more<a class="headerlink" href="#parcels">¶</a></h2>${block(FLOW, 5)}<p>between</p>${block('sequenceDiagram\n  A->>B: hi', 9)}`);
    const report = await drawDiagrams([docs], { mode: 'build', drawer });
    expect(report).toMatchObject({ drawn: 2, cached: 0, inBrowser: 0, diagnostics: [] });
    const page = docs.pages[0]!;
    expect(page.hasMermaid).toBe(false);
    expect(page.html).not.toContain('<pre class="mermaid"');
    expect(page.html).toContain('<p>between</p>');
    expect(page.html.match(/<svg /g)).toHaveLength(4);
    for (const id of ['mermaid-0-light', 'mermaid-0-dark', 'mermaid-1-light', 'mermaid-1-dark']) expect(page.html).toContain(`id="${id}"`);
    expect(page.html).not.toContain('bkltmmd');
    expect(page.html).toMatch(/<svg [^>]*class="mermaid-light flowchart"/);
    expect(page.html).toMatch(/<svg [^>]*class="mermaid-dark flowchart"/);
    // Pure SVG (htmlLabels off): the labels are SVG text, so nothing needs foreignObject.
    expect(page.html).not.toContain('foreignObject');
    expect(page.html).toContain('tracking-web');
    expect(page.html).toContain('aria-label="Diagram: Parcels &amp; more (flowchart)"');
    expect(page.html).toContain('aria-label="Full view: Parcels &amp; more (flowchart)"');
    expect(page.html).toMatch(/min-width: \d+px/);
  });

  it('draws a hostile diagram with no script, handler, link or foreignObject left', async () => {
    const hostile = 'flowchart LR\n  A["<script>window.pwned=1</script><img src=x onerror=alert(1)>"] --> B["<a href=\'javascript:alert(2)\'>go</a>"]\n  click A href "javascript:alert(3)"\n  click B callback\n  style A fill:#f00';
    const docs = site(block(hostile, 3));
    const report = await drawDiagrams([docs], { mode: 'build', drawer });
    expect(report.drawn).toBe(1);
    const html = docs.pages[0]!.html;
    expect(html).toContain('<svg ');
    expect(html).not.toMatch(/<script|onerror|javascript:|<a |foreignObject|<img/i);
  });

  it('leaves a diagram that fails to draw to the browser, with a warning at its line', async () => {
    const docs = site(`${block(FLOW, 2)}${block('flowchart LR\n  A -->', 7)}`);
    const report = await drawDiagrams([docs], { mode: 'build', drawer });
    expect(report).toMatchObject({ drawn: 1, inBrowser: 1 });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'docs-mermaid', repo: 'shipments', file: 'docs/index.md', line: 7, column: 1, entity: 'component:default/shipments' }),
    ]);
    expect(report.diagnostics[0]!.message).toMatch(/could not be drawn at build time \(.*Parse error.*\); readers’ browsers draw it instead/);
    expect(docs.pages[0]!.html).toContain(block('flowchart LR\n  A -->', 7));
    expect(docs.pages[0]!.hasMermaid).toBe(true);
  });

  it('keeps drawings in cacheDir, so a rebuild draws only new diagrams', async () => {
    const cacheDir = join(tmp, 'cache');
    expect(await drawDiagrams([site(block(FLOW, 1))], { mode: 'build', drawer, cacheDir })).toMatchObject({ drawn: 1, cached: 0 });
    expect(readdirSync(join(cacheDir, 'mermaid'))).toHaveLength(2); // light and dark
    const again = site(block(FLOW, 1) + block('flowchart TB\n  new --> one', 4));
    expect(await drawDiagrams([again], { mode: 'build', drawer, cacheDir })).toMatchObject({ drawn: 2, cached: 1 });
    expect(readdirSync(join(cacheDir, 'mermaid'))).toHaveLength(4);
  });

  it('leaves diagrams to the browser with docs.mermaid browser, or when no Chromium is found (an error only for build)', async () => {
    const html = block(FLOW, 1);
    const browser = site(html);
    expect(await drawDiagrams([browser], { mode: 'browser' })).toEqual({ drawn: 0, cached: 0, inBrowser: 1, diagnostics: [] });
    expect(browser.pages[0]!.html).toBe(html);
    const auto = await drawDiagrams([site(html)], { mode: 'auto', chromium: false });
    expect(auto).toMatchObject({ drawn: 0, inBrowser: 1, diagnostics: [] });
    expect(auto.note).toMatch(/no Chromium found \(set CHROME_PATH\)/);
    const build = await drawDiagrams([site(html)], { mode: 'build', chromium: false });
    expect(build.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'docs-mermaid-chromium', file: 'backlot.config.yaml' })]);
  });
});
