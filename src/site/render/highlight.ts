// Source highlighting for API definition pages (GraphQL SDL, proto, raw YAML/JSON), at build time with shiki.
// Both themes go out as CSS variables (`--shiki-light`/`--shiki-dark`); the stylesheet picks one with light-dark().

import { createHighlighter, type Highlighter } from 'shiki';
import type { DefinitionLanguage } from '../../model/apis.ts';

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
    transformers: [
      {
        line(node, line) {
          if (options.lineIds) node.properties.id = `${options.lineIds}${line}`;
          if (line === options.mark) this.addClassToHast(node, 'marked');
        },
      },
    ],
  });
}
