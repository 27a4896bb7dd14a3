// Source highlighting for API definition pages (GraphQL SDL, proto, raw YAML/JSON), at build time with shiki.
// Both themes go out as CSS variables (`--shiki-light`/`--shiki-dark`); the stylesheet picks one with light-dark().
// A token in one of the themes' usual colour pairs gets a class for them (api.css), one in the default colours
// nothing (it inherits the <pre>'s): as an inline style on every token they were 44 % of a GraphQL definition page.
// Such a token is its text alone, and a line is a <span> of the <code> without a class (api.css: `code > span`):
// a bare <span> per token and `class="line"` per line were ~7 % of a GraphQL or proto definition page.

import { createHighlighter, type Highlighter } from 'shiki';
import type { DefinitionLanguage } from '../../model/apis.ts';
import { TOKENIZE_TIME_LIMIT_MS } from '../../util/shikiLimit.ts';

// The high-contrast GitHub themes: the plain ones have token colours under WCAG AA contrast (orange on white).
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
const LANGS = { yaml: 'yaml', json: 'json', graphql: 'graphql', proto: 'proto' } as const;
/** Beyond this, plain text: a huge definition must not make a huge page. */
export const MAX_HIGHLIGHT_CHARS = 100_000;

let shared: Promise<Highlighter> | undefined;

function highlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: Object.values(LANGS) });
  return shared;
}

/** The themes' token colour pairs (light, dark) and their classes in api.css; any other pair stays inline. */
export const TOKEN_CLASSES: Readonly<Record<string, string>> = {
  '#A0111F #FF9492': 't1',
  '#023B95 #91CBFF': 't2',
  '#702C00 #FFB757': 't3',
  '#622CBC #DBB7FF': 't4',
  '#66707B #BDC4CC': 't5',
  '#032563 #ADDCFF': 't6',
  '#024C1A #72F088': 't7',
  '#6E011A #FFB1AF': 't8',
};
/** The pair the <pre> itself has (shiki writes it in lower case there). */
const DEFAULT_PAIR = '#0E1116 #F0F3F6';
const TOKEN_STYLE = /^--shiki-light:(#[0-9A-Fa-f]{6});--shiki-dark:(#[0-9A-Fa-f]{6})$/;

export interface HighlightOptions {
  /** Give every line an id `<prefix><n>`, so overviews can link to it. */
  lineIds?: string;
  /** 1-based line to mark (a parse error). */
  mark?: number;
}

/** Highlighted `<pre>` markup. Shiki escapes the code; the result is safe to insert as HTML. */
export async function highlightCode(code: string, language: DefinitionLanguage, options: HighlightOptions = {}): Promise<string> {
  const lang = language === 'text' || code.length > MAX_HIGHLIGHT_CHARS ? 'text' : LANGS[language];
  const hl = await highlighter();
  // A file's final newline makes an empty last line; keep it only when a marked error sits there.
  const text = options.mark ? code : code.replace(/\n+$/, '');
  return hl.codeToHtml(text, {
    lang,
    themes: THEMES,
    defaultColor: false,
    tokenizeTimeLimit: TOKENIZE_TIME_LIMIT_MS,
    transformers: [
      {
        span(node) {
          const m = TOKEN_STYLE.exec(String(node.properties.style ?? ''));
          if (!m) return;
          const pair = `${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}`;
          const cls = TOKEN_CLASSES[pair];
          if (pair !== DEFAULT_PAIR && !cls) return;
          delete node.properties.style;
          if (cls) this.addClassToHast(node, cls);
        },
        line(node, line) {
          node.children = node.children.flatMap((c) => (c.type === 'element' && c.tagName === 'span' && Object.keys(c.properties).length === 0 ? c.children : [c]));
          delete node.properties.class;
          if (options.lineIds) node.properties.id = `${options.lineIds}${line}`;
          if (line === options.mark) this.addClassToHast(node, 'marked');
        },
      },
    ],
  });
}
