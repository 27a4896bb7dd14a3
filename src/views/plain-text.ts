// A description with no Markdown syntax needs no Markdown parser: most do (none of the 603 descriptions in the
// Backstage, RHDH and One Platform catalogs in ../shared/corpus has any). The search stage loads ./markdown.ts,
// ~100 ms of modules (unified, remark, rehype), only when some description has.

/** Anything that could be Markdown syntax: links, emphasis, code, headings, lists, quotes, tables, paragraphs. */
export const MARKUP = /https?:\/\/|www\.|[*_`#[\]<>|~\\!]|^\s*(?:[-+>]|\d+[.)])\s|\n\s*\n/m;

/** A description as plain text on one line ('' when empty), or undefined when it may be Markdown (./markdown.ts markdownText). */
export function plainText(source: string | undefined): string | undefined {
  const text = (source ?? '').trim();
  if (!text) return '';
  return MARKUP.test(text) ? undefined : text.replace(/\s+/g, ' ');
}
