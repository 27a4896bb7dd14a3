// Diagrams drawn at build time: every ```mermaid block of every docs page is drawn in one headless Chromium,
// light and dark, sanitised, and put in the page in place of its source, so the reader's browser loads no
// mermaid and nothing moves when it would have been drawn. A diagram that cannot be drawn keeps its source
// and the browser draws it (or shows its error), as with `docs.mermaid: browser`.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagramMode } from '../../config/types.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { DocsSite } from '../../model/docs.ts';
import { findChromium } from './chromium.ts';
import { DRAW_ID, MERMAID_VERSION, launchDrawer, mermaidConfig, type DiagramTheme, type Drawer } from './drawer.ts';

export { findChromium } from './chromium.ts';

export interface DrawOptions {
  mode: DiagramMode;
  /** Drawings are kept in `<cacheDir>/mermaid/`, so a rebuild draws only new diagrams; none: not kept. */
  cacheDir?: string;
  /** The browser to draw with (default: findChromium()); false: as if none were found. */
  chromium?: string | false;
  /** Instead of launching one (tests). */
  drawer?: Drawer;
}

export interface DiagramReport {
  /** Drawn at build time now, or taken from the cache. */
  drawn: number;
  cached: number;
  /** Left to the browser (mode browser, no Chromium, or failed). */
  inBrowser: number;
  /** Why diagrams are drawn in the browser, said once in the build summary. */
  note?: string;
  diagnostics: Diagnostic[];
}

const THEMES: DiagramTheme[] = ['light', 'dark'];
/** A source block as code.ts writes it (after sanitising, so no author's markup can look like one). */
const BLOCK = /<pre class="mermaid"([^>]*)>([\s\S]*?)<\/pre>/g;
/** Mermaid writes text at 16 px; like client/diagram-view.ts, a drawing never shrinks below 3/4 of that. */
const MIN_SCALE = 0.75;

export async function drawDiagrams(sites: DocsSite[], options: DrawOptions): Promise<DiagramReport> {
  const report: DiagramReport = { drawn: 0, cached: 0, inBrowser: 0, diagnostics: [] };
  const pages = sites.flatMap((site) => site.pages.filter((p) => p.hasMermaid).map((page) => ({ site, page })));
  const count = pages.reduce((n, { page }) => n + (page.html.match(BLOCK)?.length ?? 0), 0);
  if (count === 0) return report;
  if (options.mode === 'browser') {
    report.inBrowser = count;
    return report;
  }
  const executable = options.chromium === false ? undefined : (options.chromium ?? findChromium());
  if (!options.drawer && !executable) {
    report.inBrowser = count;
    report.note = 'no Chromium found (set CHROME_PATH): the readers’ browsers draw them';
    if (options.mode === 'build') {
      report.diagnostics.push({
        severity: 'error',
        code: 'docs-mermaid-chromium',
        message: `docs.mermaid is "build" but no Chromium was found, so ${count} diagram${count === 1 ? ' is' : 's are'} drawn in the browser`,
        hint: 'install Chromium or Chrome, or set CHROME_PATH to its executable; or set docs.mermaid to "auto"',
        repo: '',
        file: 'backlot.config.yaml',
        line: 0,
        column: 0,
      });
    }
    return report;
  }
  const cacheDir = options.cacheDir ? join(options.cacheDir, 'mermaid') : undefined;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  // Chromium starts at the first drawing not in the cache: a rebuild with none new starts no browser.
  let launched: Promise<Drawer> | undefined;
  const drawer = options.drawer ?? { draw: (source: string, theme: DiagramTheme) => (launched ??= launchDrawer(executable!)).then((d) => d.draw(source, theme)), close: async () => {} };
  try {
    for (const { site, page } of pages) {
      let index = 0;
      const parts: string[] = [];
      let last = 0;
      let left = false;
      for (const match of page.html.matchAll(BLOCK)) {
        const [block, attributes = '', escaped = ''] = match;
        const source = unescapeHtml(escaped);
        parts.push(page.html.slice(last, match.index));
        last = match.index + block.length;
        const drawings: string[] = [];
        let failure: string | undefined;
        for (const theme of THEMES) {
          try {
            const { svg, cached } = await drawCached(drawer, source, theme, cacheDir);
            drawings.push(svg);
            if (cached) report.cached++;
          } catch (error) {
            failure = (error as Error).message;
            break;
          }
        }
        if (failure !== undefined || drawings.some((d) => !d)) {
          left = true;
          report.inBrowser++;
          const line = Number(/data-line="(\d+)"/.exec(attributes)?.[1] ?? 0);
          report.diagnostics.push({
            severity: 'warning',
            code: 'docs-mermaid',
            message: `this diagram could not be drawn at build time (${failure ?? 'mermaid wrote no SVG'}); readers’ browsers draw it instead`,
            hint: 'check the diagram in the Mermaid Live Editor (mermaid.live)',
            repo: site.repo,
            file: page.sourcePath,
            line,
            column: line ? 1 : 0,
            entity: site.entityRef,
          });
          parts.push(block);
          continue;
        }
        report.drawn++;
        parts.push(diagramHtml(drawings, index++, label(page.html.slice(0, match.index), source)));
      }
      parts.push(page.html.slice(last));
      page.html = parts.join('');
      page.hasMermaid = left;
    }
  } finally {
    await launched?.then((d) => d.close(), () => {});
  }
  report.cached /= 2;
  return report;
}

async function drawCached(drawer: Drawer, source: string, theme: DiagramTheme, cacheDir: string | undefined): Promise<{ svg: string; cached: boolean }> {
  // Loaded here, not with the docs stage: its HTML parser (~60 modules) is for builds that draw diagrams.
  const { sanitizeSvg } = await import('./sanitize.ts');
  const hash = createHash('sha256').update(JSON.stringify([MERMAID_VERSION, mermaidConfig(theme), source])).digest('hex');
  const file = cacheDir && join(cacheDir, `${hash}.svg`);
  if (file) {
    try {
      return { svg: sanitizeSvg(readFileSync(file, 'utf8')), cached: true };
    } catch {
      // not drawn yet
    }
  }
  const svg = sanitizeSvg(await drawer.draw(source, theme));
  if (file && svg) writeFileSync(file, svg);
  return { svg, cached: false };
}

/** Both drawings in one box; the theme's CSS shows one (docs.css). Ids are made unique on the page. */
function diagramHtml(drawings: string[], index: number, ariaLabel: string): string {
  const svgs = drawings.map((svg, i) => {
    const theme = THEMES[i]!;
    const width = Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(svg)?.[1] ?? 0);
    return svg
      .replaceAll(DRAW_ID, `mermaid-${index}-${theme}`)
      .replace(/^<svg(?![^>]* class=")/, '<svg class=""')
      .replace(/^<svg([^>]*?) class="/, `<svg$1 class="mermaid-${theme} `)
      .replace(/^<svg([^>]*?) style="([^"]*)"/, (_, attrs: string, style: string) => `<svg${attrs} style="${style}${width ? ` min-width: ${Math.round(width * MIN_SCALE)}px;` : ''}"`);
  });
  // The Full view button (client/diagram-view.ts wires it) is written here, so adding it moves nothing.
  const button = `<button type="button" class="diagram-expand" data-diagram-expand="" aria-label="${escapeAttr(`Full view: ${ariaLabel.replace(/^Diagram: /, '')}`)}">Full view</button>`;
  return `${button}<div class="mermaid-diagram" role="img" tabindex="0" aria-label="${escapeAttr(ariaLabel)}" data-pagefind-ignore="all" data-drawn="">${svgs.join('')}</div>`;
}

/** `Diagram: Booking (sequenceDiagram)`: the heading it sits under and its type, as client/mermaid.ts labels it. */
function label(before: string, source: string): string {
  const line = (source.trim().split('\n')[0] ?? '').slice(0, 80);
  const headings = [...before.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)];
  const heading = headings.at(-1)?.[1]?.replace(/<a [^>]*class="headerlink"[^>]*>[\s\S]*?<\/a>/g, '').replace(/<[^>]+>/g, '').trim();
  return heading ? `Diagram: ${unescapeHtml(heading)} (${line.split(/\s/)[0]})` : `Diagram: ${line}`;
}

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
