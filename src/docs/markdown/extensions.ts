// Which MkDocs Markdown extensions and plugins Backlot renders, and the set a site's mkdocs.yml turns on.
// TechDocs appends techdocs-core's extensions to every site, so those are always on; an author's own
// list adds to them and sets their options.

/** Options of one extension, as written under `markdown_extensions` (plain YAML data). */
export type ExtensionOptions = Record<string, unknown>;

/** Extension name → options; plain data so it travels to worker threads. */
export type MarkdownExtensions = Record<string, ExtensionOptions>;

/** Extensions techdocs-core enables (backstage/mkdocs-techdocs-core 1.7, default mode). */
export const TECHDOCS_CORE_EXTENSIONS = [
  'toc',
  'admonition',
  'pymdownx.details',
  'pymdownx.tabbed',
  'pymdownx.caret',
  'pymdownx.critic',
  'pymdownx.emoji',
  'pymdownx.inlinehilite',
  'pymdownx.magiclink',
  'pymdownx.mark',
  'pymdownx.smartsymbols',
  'pymdownx.snippets',
  'pymdownx.highlight',
  'pymdownx.extra',
  'pymdownx.betterem',
  'pymdownx.superfences',
  'footnotes',
  'attr_list',
  'def_list',
  'tables',
  'abbr',
  'md_in_html',
  'pymdownx.tasklist',
  'pymdownx.tilde',
  'mdx_truly_sane_lists',
  'plantuml_markdown',
];

/** Extensions Backlot renders (techdocs-core's and the ones Material sites use most). */
const SUPPORTED = new Set([
  ...TECHDOCS_CORE_EXTENSIONS,
  'meta',
  'sane_lists',
  'pymdownx.keys',
  'pymdownx.arithmatex',
  'pymdownx.saneheaders',
  'pymdownx.escapeall',
  'pymdownx.blocks.admonition',
  'pymdownx.blocks.details',
  'pymdownx.blocks.tab',
  'pymdownx.blocks.html',
  'pymdownx.blocks.definition',
  'pymdownx.blocks.caption',
  'github-callouts',
  'smarty',
]);

/** Plugins whose effect Backlot provides itself (search is Pagefind; techdocs-core is the defaults above). */
const SUPPORTED_PLUGINS = new Set(['techdocs-core', 'search', 'material/search', 'gh-admonitions']);

/**
 * Syntax that shows a page uses an unsupported extension, cheap enough to test on every page.
 * Only for extensions whose syntax is unmistakable; others are named without pages.
 */
export const SYNTAX_OF: Record<string, RegExp> = {
  markdown_inline_graphviz: /^ *\{% *dot /m,
  'pymdownx.progressbar': /\[=\s*\d+(\.\d+)?%/,
  'pymdownx.blocks.tab': /^ *\/{3,} *tab\b/m,
};

/** `markdown.extensions.toc` and `toc` are the same extension. */
export function extensionName(name: string): string {
  return name.replace(/^markdown\.extensions\./, '');
}

export function isSupportedExtension(name: string): boolean {
  return SUPPORTED.has(extensionName(name));
}

export function isSupportedPlugin(name: string): boolean {
  return SUPPORTED_PLUGINS.has(name);
}

/** The extensions a site renders with: techdocs-core's defaults, then the author's own (options win). */
export function effectiveExtensions(own: MarkdownExtensions = {}): MarkdownExtensions {
  const out: MarkdownExtensions = {};
  for (const name of TECHDOCS_CORE_EXTENSIONS) out[name] = {};
  for (const [name, options] of Object.entries(own)) out[extensionName(name)] = { ...(out[extensionName(name)] ?? {}), ...options };
  return out;
}

export function has(extensions: MarkdownExtensions, name: string): boolean {
  return Object.hasOwn(extensions, name);
}

export function option<T>(extensions: MarkdownExtensions, name: string, key: string, fallback: T): T {
  const value = extensions[name]?.[key];
  return value === undefined || (typeof value !== typeof fallback && fallback !== undefined) ? fallback : (value as T);
}
