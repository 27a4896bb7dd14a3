// A card's HTML goes through the docs' sanitiser: plugins often show what crawled repos say.

import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { Root } from 'hast';
import { docsSchema } from '../docs/markdown/sanitize.ts';

const processor = unified().use(rehypeRaw).use(rehypeSanitize, docsSchema()).use(rehypeStringify).freeze();

export function sanitizeHtml(html: string): string {
  const tree = { type: 'root', children: [{ type: 'raw', value: html }] } as unknown as Root;
  return processor.stringify(processor.runSync(tree) as Root);
}
