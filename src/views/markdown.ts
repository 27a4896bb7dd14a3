// Descriptions as people write them: Markdown (Backstage renders entity and API descriptions as Markdown).
// Rendered at build time with the docs' sanitising schema; the browser never parses crawled Markdown.

import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { docsSchema } from '../docs/markdown/sanitize.ts';
import { MARKUP, plainText } from './plain-text.ts';

const toHtml = unified()
  .use(remarkParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, docsSchema())
  .use(rehypeStringify)
  .freeze();

const parser = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).freeze();

// Plain prose (most descriptions) skips the parser (./plain-text.ts): 0.5 ms per Markdown description through
// unified, under 0.001 ms on that path (node on a 2-line description, 2,000 runs).

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Sanitised HTML of a Markdown description ('' when empty). */
export function markdownHtml(source: string | undefined): string {
  const text = (source ?? '').trim();
  if (!text) return '';
  if (!MARKUP.test(text)) return `<p>${escape(text)}</p>`;
  return String(toHtml.processSync(text));
}

/** A Markdown description as plain text on one line: for tables, search records and meta tags. */
export function markdownText(source: string | undefined): string {
  const plain = plainText(source);
  if (plain !== undefined) return plain;
  const text = source!.trim();
  const tree = parser.parse(text) as Root;
  // Block boundaries become spaces, so "# Title\nBody" is not "TitleBody".
  return tree.children
    .map((node) => toString(node))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
