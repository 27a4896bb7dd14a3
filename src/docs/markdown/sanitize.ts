// What survives from a crawled page: GitHub's sanitising schema, plus the elements and classes the
// Markdown extensions produce. No scripts, event handlers, styles, frames, forms or script URLs.

import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

type Definitions = NonNullable<Schema['attributes']>;

/** Any class word except `mermaid`: only code fences become diagrams (see code.ts). */
const CLASS = /^(?!mermaid$)[\w][\w+#.-]*$/;

/** `name` only on `<a>`: on img (embed, form, object, iframe are stripped) it would shadow `document.x`. */
function without(list: Definitions[string], ...names: string[]): Definitions[string] {
  return list.filter((d) => !names.includes(Array.isArray(d) ? d[0] : d));
}

export function docsSchema(): Schema {
  const attributes: Definitions = {};
  for (const [tag, list] of Object.entries(defaultSchema.attributes ?? {})) attributes[tag] = without(list, 'className', 'name');
  const add = (tag: string, ...defs: Definitions[string]) => (attributes[tag] = [...(attributes[tag] ?? []), ...defs]);
  add('*', ['className', CLASS]);
  add('a', 'name');
  add('code', 'dataMeta');
  add('div', 'dataTabTitle', 'dataTabSelected', 'dataMath');
  // Math placeholders (math.ts), typeset after sanitising; the attribute is removed there.
  add('span', 'dataMath');
  // Icon placeholders (icons.ts); only names of packaged icons are ever drawn.
  add('span', 'dataIcon');
  for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) add(h, 'dataAnchor');
  add('img', 'loading');
  return {
    ...defaultSchema,
    attributes,
    tagNames: [...(defaultSchema.tagNames ?? []), 'mark', 'abbr', 'figure', 'figcaption', 'caption', 'colgroup', 'col', 'u', 'small', 'cite', 'dfn', 'time'],
    // Removed with their content; other unknown elements are unwrapped.
    strip: ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'svg', 'math', 'title'],
    // Ids as MkDocs writes them; anchors.ts guards against clobbering instead of GitHub's prefix.
    clobber: [],
    clobberPrefix: '',
    protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  };
}
