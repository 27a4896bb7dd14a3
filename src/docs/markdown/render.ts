// Markdown → sanitised HTML for one docs page. The processor and highlighter are made once and reused
// for every page of a build; per-page data reaches the plugins through `current`.
//
// Order: blocks.ts (line pass: `///` blocks, definition lists, md_in_html) → remark (indented.ts's `!!!`/`???`/`===`, gfm, emoji, containers, attr_list, marks) → rehype → raw HTML
// parsed → sanitised → then only trusted steps: heading ids, code highlighting, tabs, abbreviations, links.

import type { Root as HastRoot, Nodes as HastNodes } from 'hast';
import type { Code, Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkEmoji from 'remark-emoji';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Highlighter } from 'shiki';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { DocsHeading } from '../../model/docs.ts';
import { applyAbbreviations } from './abbr.ts';
import { blockTypes, captionTypes, defaultAdmonitionTypes, NO_BLOCKS, transformBlocks, type BlockSyntax, type SourceLine } from './blocks.ts';
import { fenceLanguages, getHighlighter, loadLanguages, renderCodeBlocks, type FenceUse } from './code.ts';
import { applyContainers } from './containers.ts';
import { guardIds, safeId, type RenamedId } from './anchors.ts';
import { addHeadingAnchors, pymdownxSlug, slugify } from './headings.ts';
import { applyAttributeLists, applyInlineMarks } from './inline.ts';
import { effectiveExtensions, has, option, type MarkdownExtensions } from './extensions.ts';
import { mkdocsFootnotes } from './footnotes.ts';
import { fenceConfigOf } from './fences.ts';
import { drawIcons, markIcons } from './icons.ts';
import { indentedBlocksFromMarkdown, indentedBlocksMicromark, tightenLists } from './indented.ts';
import { applyMathBlocks, mathFromMarkdown, mathMicromark, mathSyntaxOf, typesetMath, type MathSyntax } from './math.ts';
import { applyCritic, applyPymdownInline } from './pymdown.ts';
import { escapeDeepLines, limitDepth, limitHtmlDepth, type Cut } from './depth.ts';
import { collectIds, rewriteLinks, type LinkResolver, type RawSpans } from './links.ts';
import { docsSchema } from './sanitize.ts';
import { expandTabs } from './tabs.ts';

export interface RenderRequest {
  /** The page's lines after snippets were expanded (see blocks.ts `toSourceLines`). */
  lines: SourceLine[];
  resolve: LinkResolver;
  /** The site's extensions and options (extensions.ts); techdocs-core's defaults when absent. */
  extensions?: MarkdownExtensions;
}

export interface RenderedPage {
  html: string;
  /** Text of the first h1. */
  title?: string;
  headings: DocsHeading[];
  /** Every id on the page, to check `page.md#anchor` links against. */
  ids: Set<string>;
  hasMermaid: boolean;
  hasCode: boolean;
  /** Custom fences (superfences) whose formatter Backlot lacks, shown as code: the first use of each. */
  unknownFences: FenceUse[];
  /** The first PlantUML fence shown as source, since the site names no PlantUML server. */
  plantumlSource?: FenceUse;
  /** Has pymdownx.arithmatex math (typeset by KaTeX; the page needs KaTeX's stylesheet). */
  hasMath: boolean;
  /** Shows Twemoji graphics, whose CC-BY licence asks for a credit on the page. */
  hasEmoji?: boolean;
  /** Ids and `<a name>`s written with a prefix, because scripts may read a global of that name (anchors.ts). */
  renamedIds: RenamedId[];
  /** Part of the page was too deep (or had too long a run of `*`/`_`) and is shown as plain text from here. */
  cut?: { line: number; column: number };
}

export interface Renderer {
  /** Loads the grammars the fences in these texts name; call before rendering them. */
  prepare(texts: Iterable<string>): Promise<void>;
  render(request: RenderRequest): RenderedPage;
}

interface PageState {
  request: RenderRequest;
  containers: ReturnType<typeof transformBlocks>['containers'];
  abbreviations: Map<string, string>;
  extensions: MarkdownExtensions;
  /** The parsed text (block math is read from its source). */
  text: string;
  math?: MathSyntax;
  /** The text has something like `:name:` (emoji lookup is costly, most pages have none). */
  shortcodes: boolean;
  cut?: Cut;
  /** Where the page's raw HTML is (links there resolve against the page's URL, as MkDocs leaves them). */
  raw?: RawSpans;
  result?: RenderedPage;
}

// Flow containers get a paragraph of the cut subtree's text; phrasing ones the text itself.
const FLOW = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition', 'table', 'tableRow', 'containerDirective']);
const cutMdast = (node: { type: string }, value: string) =>
  FLOW.has(node.type) ? [{ type: 'paragraph', children: [{ type: 'text', value }] }] : [{ type: 'text', value }];
const cutHast = (_node: unknown, value: string) => [{ type: 'text', value }];

const DEFAULTS = effectiveExtensions();
const mathCache = new WeakMap<MarkdownExtensions, MathSyntax | null>();
function mathOf(ext: MarkdownExtensions): MathSyntax | undefined {
  if (!mathCache.has(ext)) mathCache.set(ext, mathSyntaxOf(ext) ?? null);
  return mathCache.get(ext) ?? undefined;
}
const syntaxCache = new WeakMap<MarkdownExtensions, BlockSyntax>();

/** The `/// name` blocks a site's extensions turn on (computed once per site's extension set). */
function blockSyntaxOf(ext: MarkdownExtensions): BlockSyntax {
  const cached = syntaxCache.get(ext);
  if (cached) return cached;
  const on = (name: string) => has(ext, `pymdownx.blocks.${name}`);
  const syntax: BlockSyntax = Object.keys(ext).some((k) => k.startsWith('pymdownx.blocks.'))
    ? {
        admonition: on('admonition'),
        details: on('details'),
        tab: on('tab'),
        html: on('html'),
        definition: on('definition'),
        caption: on('caption'),
        admonitionTypes: defaultAdmonitionTypes(ext['pymdownx.blocks.admonition']?.types),
        detailsTypes: blockTypes(ext['pymdownx.blocks.details']?.types),
        captionTypes: captionTypes(ext['pymdownx.blocks.caption']?.types),
        captionAuto: option(ext, 'pymdownx.blocks.caption', 'auto', true),
        captionPrepend: option(ext, 'pymdownx.blocks.caption', 'prepend', false),
      }
    : NO_BLOCKS;
  syntaxCache.set(ext, syntax);
  return syntax;
}

export async function createRenderer(highlighter?: Highlighter): Promise<Renderer> {
  const hl = highlighter ?? (await getHighlighter());
  let current: PageState | undefined;
  const state = (): PageState => {
    if (!current) throw new Error('render state missing');
    return current;
  };

  const processor = unified()
    .use(remarkParse)
    .use(function () {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(mathMicromark(() => current?.math));
      (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
      data.micromarkExtensions.push(indentedBlocksMicromark());
      data.fromMarkdownExtensions.push(indentedBlocksFromMarkdown());
    })
    .use(remarkGfm, { singleTilde: false })
    // First, before any step that recurses (see depth.ts).
    .use(() => (tree: MdastRoot) => {
      const cut = limitDepth(tree, cutMdast);
      if (cut) state().cut ??= cut;
    })
    .use(() => {
      const emoji = (remarkEmoji as unknown as () => (tree: MdastRoot) => void)();
      // Only for gemoji's names (`emoji_index: …gemoji`); twemoji's index is drawn by icons.ts.
      return (tree: MdastRoot) => (state().shortcodes && !twemojiIndexOf(state().extensions) ? emoji(tree) : undefined);
    })
    .use(() => (tree: MdastRoot) => {
      const math = state().math;
      if (math) applyMathBlocks(tree, state().text, math);
      tightenLists(tree, state().text);
      applyContainers(tree, state().containers);
      if (state().shortcodes && has(state().extensions, 'pymdownx.emoji')) markIcons(tree, twemojiIndexOf(state().extensions));
      applyAttributeLists(tree);
      applyInlineMarks(tree);
      const ext = state().extensions;
      applyPymdownInline(tree, { keys: has(ext, 'pymdownx.keys'), keySeparator: option(ext, 'pymdownx.keys', 'separator', '+'), smartsymbols: has(ext, 'pymdownx.smartsymbols') });
      annotateCode(tree);
    })
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
    .use(() => {
      const parseRaw = rehypeRaw();
      // Re-parsing the whole tree is costly; most pages have no raw HTML.
      return (tree: HastRoot, file: Parameters<typeof parseRaw>[1]) => {
        const raw = rawNodes(tree);
        state().raw = {
          starts: raw.map((r) => r.position?.start.offset ?? -1),
          ends: raw.map((r) => r.position?.end?.offset ?? -1),
        };
        if (raw.length === 0) return tree;
        const dropped = limitHtmlDepth(raw);
        if (dropped) state().cut ??= { ...(dropped.position ? { line: dropped.position.start.line, column: dropped.position.start.column } : {}) };
        const parsed = parseRaw(tree, file);
        const cut = limitDepth(parsed, cutHast);
        if (cut) state().cut ??= cut;
        return parsed;
      };
    })
    .use(rehypeSanitize, docsSchema())
    .use(() => (tree: HastRoot) => {
      const page = state();
      const used = new Set<string>();
      mkdocsFootnotes(tree);
      const headings = addHeadingAnchors(tree, used, headingSlug(page.extensions));
      const ext = page.extensions;
      expandTabs(tree, {
        slugify: option(ext, 'pymdownx.tabbed', 'slugify', '') !== '' || option(ext, 'pymdownx.blocks.tab', 'slugify', '') !== '',
        separator: option(ext, 'pymdownx.tabbed', 'separator', option(ext, 'pymdownx.blocks.tab', 'separator', '-')),
        combineHeaderSlug: option(ext, 'pymdownx.tabbed', 'combine_header_slug', false) || option(ext, 'pymdownx.blocks.tab', 'combine_header_slug', false),
        used,
      });
      applyAbbreviations(tree, page.abbreviations);
      const hasEmoji = page.shortcodes ? drawIcons(tree) : false;
      const lines = page.request.lines;
      const renamedIds = guardIds(tree).map((r) => ({ ...r, ...sourceAt(lines, r) }));
      headings.headings = headings.headings.map((h) => ({ ...h, id: safeId(h.id) }));
      const ids = collectIds(tree);
      rewriteLinks(tree, (url, kind, at, html) => {
        const source = lines[at.line - 1];
        return page.request.resolve(url, kind, source ? { line: source.line, column: at.column + source.shift } : at, html);
      }, page.raw);
      // Last: highlighted code is most of the tree's nodes, and none of the steps above need to see them.
      const { unknownFences, plantumlSource, mathFences, ...code } = renderCodeBlocks(tree, hl, fenceConfigOf(ext));
      const hasMath = page.math || mathFences ? typesetMath(tree) : false;
      const cut = page.cut ? sourceAt(lines, page.cut) : undefined;
      const at = (f: FenceUse) => ({ ...f, ...sourceAt(lines, f) });
      page.result = {
        html: '',
        ...headings,
        ids,
        renamedIds,
        ...code,
        hasMath,
        ...(hasEmoji ? { hasEmoji } : {}),
        unknownFences: unknownFences.map(at),
        ...(plantumlSource ? { plantumlSource: at(plantumlSource) } : {}),
        ...(cut ? { cut } : {}),
      };
    })
    // Raw nodes left at this point are ours only (the icons' SVG): the sanitiser removed every other.
    .use(rehypeStringify, { allowDangerousHtml: true });

  return {
    async prepare(texts) {
      const langs = new Set<string>();
      for (const text of texts) fenceLanguages(text, langs);
      await loadLanguages(hl, langs);
    },
    render(request) {
      const clean = request.lines.map((l) => (/[\uE000\uE001]/.test(l.text) ? { ...l, text: l.text.replace(/[\uE000\uE001]/g, '\uFFFD') } : l));
      const extensions = request.extensions ?? DEFAULTS;
      const blocks = transformBlocks(has(extensions, 'pymdownx.critic') ? applyCritic(clean) : clean, blockSyntaxOf(extensions));
      const lines = escapeDeepLines(blocks.lines);
      const changed = lines.findIndex((l, i) => l !== blocks.lines[i]);
      const text = lines.map((l) => l.text).join('\n');
      current = {
        request: { ...request, lines },
        containers: blocks.containers,
        abbreviations: blocks.abbreviations,
        extensions,
        text,
        ...(mathOf(extensions) ? { math: mathOf(extensions)! } : {}),
        shortcodes: /:[\w+-]+:/.test(text),
        ...(changed >= 0 ? { cut: { line: changed + 1, column: 1 } } : {}),
      };
      try {
        const tree = processor.runSync(processor.parse(text));
        const html = processor.stringify(tree);
        return { ...current.result!, html };
      } finally {
        current = undefined;
      }
    },
  };
}

/** pymdownx.emoji names shortcodes by the twemoji index (techdocs-core's and Material's), unless the site names gemoji's. */
function twemojiIndexOf(ext: MarkdownExtensions): boolean {
  return has(ext, 'pymdownx.emoji') && !/gemoji/.test(option(ext, 'pymdownx.emoji', 'emoji_index', ''));
}

/** toc's `slugify`: Python-Markdown's own, or pymdownx.slugs' when the site names it (with toc's `separator`). */
function headingSlug(ext: MarkdownExtensions): (text: string) => string {
  if (!/^pymdownx\.slugs\./.test(option(ext, 'toc', 'slugify', ''))) return slugify;
  const separator = option(ext, 'toc', 'separator', '-');
  return (text) => pymdownxSlug(text, separator);
}

/** Fence info like `{.python hl_lines="2"}` and the rest of the info string travel to the highlighter. */
function annotateCode(tree: MdastRoot): void {
  visit(tree, 'code', (node: Code) => {
    let lang = node.lang ?? '';
    let meta = node.meta ?? '';
    if (lang.startsWith('{')) {
      const info = `${lang} ${meta}`.replace(/^\{\s*|\s*\}\s*$/g, '');
      const m = /^\.?([\w+#.-]+)\s*(.*)$/.exec(info);
      lang = m?.[1] ?? '';
      meta = m?.[2] ?? info;
    }
    node.lang = lang.replace(/^\./, '') || null;
    node.meta = meta || null;
    if (meta) {
      node.data ??= {};
      node.data.hProperties = { ...(node.data.hProperties ?? {}), dataMeta: meta };
    }
  });
}

/** remark-rehype's `raw` nodes (HTML written in the Markdown). */
type Raw = { type: 'raw'; value: string; position?: { start: { line: number; column: number; offset?: number }; end?: { offset?: number } } };

function rawNodes(tree: HastNodes): Raw[] {
  const found: Raw[] = [];
  visit(tree, 'raw', (node) => {
    found.push(node);
  });
  return found;
}

/** A position in the parsed text → the page's own line (blocks.ts and snippets move lines). */
function sourceAt(lines: SourceLine[], at: Cut): { line: number; column: number } {
  const source = at.line ? lines[at.line - 1] : undefined;
  return source ? { line: source.line, column: (at.column ?? 1) + source.shift } : { line: 0, column: 0 };
}
