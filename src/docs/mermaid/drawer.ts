// One headless Chromium page with mermaid's own prebuilt script (read from node_modules, no network) that draws
// diagram after diagram. The page is offline (every request is aborted) and mermaid runs in strict mode.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export type DiagramTheme = 'light' | 'dark';
/** The id mermaid gives the SVG and prefixes its inner ids with; replaced by a page-unique one when placed. */
export const DRAW_ID = 'bkltmmd';
export const MERMAID_VERSION: string = (require('mermaid/package.json') as { version: string }).version;

/** Pure SVG (no foreignObject), dagre as in the browser (client/mermaid.ts), no interaction. */
export function mermaidConfig(theme: DiagramTheme) {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: theme === 'dark' ? 'dark' : 'default',
    layout: 'dagre',
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    suppressErrorRendering: true,
  };
}

/** A diagram that takes longer is left to the browser (its page is replaced: the script may still be busy). */
const DRAW_TIMEOUT_MS = 15_000;

export interface Drawer {
  draw(source: string, theme: DiagramTheme): Promise<string>;
  close(): Promise<void>;
}

export async function launchDrawer(executablePath: string): Promise<Drawer> {
  // Loaded here: playwright-core costs ~250 ms of CPU to import, and a build whose diagrams are all in the cache
  // (or that has none) never launches a browser.
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const script = readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  const open = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><head></head><body></body></html>');
    await page.addScriptTag({ content: script });
    return page;
  };
  let page = await open();
  return {
    async draw(source, theme) {
      const config = mermaidConfig(theme);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`took over ${DRAW_TIMEOUT_MS / 1000} s`)), DRAW_TIMEOUT_MS)));
      try {
        return await Promise.race([
          page.evaluate(
            async ({ source, config, id }) => {
              const mermaid = (globalThis as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, s: string): Promise<{ svg: string }> } }).mermaid;
              mermaid.initialize(config);
              return (await mermaid.render(id, source)).svg;
            },
            { source, config, id: DRAW_ID },
          ),
          timeout,
        ]);
      } catch (error) {
        if (/took over/.test(String(error))) {
          await page.close().catch(() => {});
          page = await open();
        }
        throw new Error(firstLine(error));
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => browser.close(),
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]!.slice(0, 200);
}
