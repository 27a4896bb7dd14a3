// Code blocks: shiki at build time (light and dark theme, line numbers, `hl_lines`, `title`, a copy
// button the site wires up) and mermaid fences left as source for the browser to draw.

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { bundledLanguages, createHighlighter, type Highlighter } from 'shiki';
import { visit } from 'unist-util-visit';
import { PLANTUML_LANGS, plantumlImage, type FenceConfig } from './fences.ts';
import { mathPlaceholder } from './math.ts';
import { TOKENIZE_TIME_LIMIT_MS } from '../../util/shikiLimit.ts';

export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;


let shared: Promise<Highlighter> | undefined;

/** One highlighter per process: themes load once, languages on demand. */
export function getHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [] });
  return shared;
}

/** Languages named by fences in a text (```ts, ~~~ {.python}). */
export function fenceLanguages(text: string, into: Set<string> = new Set()): Set<string> {
  for (const m of text.matchAll(/^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#.-]+)/gm)) into.add(m[1]!.toLowerCase());
  return into;
}

/** Loads the bundled grammars among `names`; unknown names are left to render as plain text. */
export async function loadLanguages(highlighter: Highlighter, names: Iterable<string>): Promise<void> {
  const loaded = new Set(highlighter.getLoadedLanguages());
  const wanted = [...new Set(names)].filter((n) => !loaded.has(n) && Object.hasOwn(bundledLanguages, n));
  if (wanted.length) await highlighter.loadLanguage(...(wanted as Array<keyof typeof bundledLanguages>));
}

export interface CodeMeta {
  hlLines: Set<number>;
  lineStart: number;
  title?: string;
}

/** `hl_lines="1 3-5" linenums="10" title="app.py"` from a fence's info string. */
export function parseCodeMeta(meta: string): CodeMeta {
  const out: CodeMeta = { hlLines: new Set(), lineStart: 1 };
  for (const m of meta.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (m[1] === 'hl_lines') {
      for (const part of value.split(/[\s,]+/)) {
        const range = /^(\d+)(?:-(\d+))?$/.exec(part);
        if (!range) continue;
        const from = Number(range[1]);
        const to = Math.min(Number(range[2] ?? range[1]), from + 10_000);
        for (let n = from; n <= to; n++) out.hlLines.add(n);
      }
    } else if (m[1] === 'linenums' && /^\d+$/.test(value)) {
      out.lineStart = Math.max(1, Number(value));
    } else if (m[1] === 'title') {
      out.title = value;
    }
  }
  return out;
}

/** Mermaid runs in `strict` mode in the browser; interaction lines are dropped here as well. */
export function cleanMermaid(source: string): string {
  return source
    .split('\n')
    .filter((line) => !/^\s*(click|callback|link)\s/i.test(line) && !/securityLevel/i.test(line))
    .join('\n');
}

export interface CodeResult {
  hasCode: boolean;
  hasMermaid: boolean;
  /** Custom fences (superfences) whose formatter Backlot does not have, shown as code: first use of each. */
  unknownFences: FenceUse[];
  /** The first PlantUML fence shown as source, for want of a server. */
  plantumlSource?: FenceUse;
  /** Display math from custom fences, to typeset. */
  mathFences: boolean;
}

export interface FenceUse {
  name: string;
  line: number;
  column: number;
}

const NO_FENCES: FenceConfig = { custom: new Map(), plantuml: { kroki: false, format: 'png', classes: 'uml', alt: 'uml diagram', title: '' } };
const PLANTUML_HINT = 'PlantUML diagram, shown as source: this site names no PlantUML server';

/** Replaces `pre > code.language-x` with highlighted markup. Runs after sanitising (shiki's styles are ours). */
export function renderCodeBlocks(tree: Root, highlighter: Highlighter, fences: FenceConfig = NO_FENCES): CodeResult {
  const result: CodeResult = { hasCode: false, hasMermaid: false, unknownFences: [], mathFences: false };
  const loaded = new Set(highlighter.getLoadedLanguages());
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return;
    // Only code blocks made here may be diagrams; an author's own `class="mermaid"` is dropped.
    const preClasses = (node.properties.className as string[] | undefined) ?? [];
    if (preClasses.length) node.properties.className = preClasses.filter((c) => c !== 'mermaid');
    const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    if (!code) return 'skip';
    const classes = (code.properties.className as string[] | undefined) ?? [];
    const lang = (classes.find((c) => c.startsWith('language-'))?.slice(9) ?? 'text').toLowerCase();
    const meta = typeof code.properties.dataMeta === 'string' ? code.properties.dataMeta : '';
    const source = toString(code).replace(/\n$/, '');
    const use = () => ({ name: lang, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });
    // plantuml_markdown reads the text before superfences does, so its fences come first.
    if (PLANTUML_LANGS.has(lang)) {
      const { server } = fences.plantuml;
      if (server) {
        parent.children[index] = plantumlImage(source, meta, { ...fences.plantuml, server });
        return 'skip';
      }
      result.plantumlSource ??= use();
      result.hasCode = true;
      parent.children[index] = highlight(highlighter, source, 'text', { hlLines: new Set(), lineStart: 1, title: PLANTUML_HINT });
      return 'skip';
    }
    const custom = fences.custom.get(lang);
    if (custom === 'math') {
      result.mathFences = true;
      parent.children[index] = mathPlaceholder(source);
      return 'skip';
    }
    if (custom === 'unknown' && !result.unknownFences.some((f) => f.name === lang)) result.unknownFences.push(use());
    if (lang === 'mermaid' || custom === 'mermaid') {
      result.hasMermaid = true;
      // Diagram source is not prose: kept out of search snippets (`sequenceDiagram A->>B: …`).
      parent.children[index] = {
        type: 'element',
        tagName: 'pre',
        // data-line: where a diagram that cannot be drawn at build time is reported (docs/mermaid/).
        properties: { className: ['mermaid'], dataPagefindIgnore: 'all', ...(node.position ? { dataLine: node.position.start.line } : {}) },
        children: [{ type: 'text', value: cleanMermaid(source) }],
      };
      return 'skip';
    }
    result.hasCode = true;
    parent.children[index] = highlight(highlighter, source, loaded.has(lang) ? lang : 'text', parseCodeMeta(meta));
    return 'skip';
  });
  return result;
}

function highlight(highlighter: Highlighter, source: string, lang: string, meta: CodeMeta): Element {
  const root = highlighter.codeToHast(source, {
    lang,
    themes: THEMES,
    // Colours as CSS variables only: the site's stylesheet picks light or dark with light-dark().
    defaultColor: false,
    tokenizeTimeLimit: TOKENIZE_TIME_LIMIT_MS,
    transformers: [
      {
        pre(pre) {
          this.addClassToHast(pre, 'linenums');
        },
        line(line, n) {
          line.properties.dataLine = meta.lineStart + n - 1;
          if (meta.hlLines.has(n)) this.addClassToHast(line, 'hll');
        },
      },
    ],
  });
  const pre = root.children.find((c): c is Element => c.type === 'element');
  const children: ElementContent[] = [];
  if (meta.title) children.push({ type: 'element', tagName: 'div', properties: { className: ['code-title'] }, children: [{ type: 'text', value: meta.title }] });
  children.push({
    type: 'element',
    tagName: 'button',
    properties: { type: 'button', className: ['code-copy'], ariaLabel: 'Copy code', title: 'Copy code' },
    children: [{ type: 'text', value: 'Copy' }],
  });
  if (pre) children.push(pre);
  return { type: 'element', tagName: 'div', properties: { className: ['code-block'], dataLang: lang }, children };
}
