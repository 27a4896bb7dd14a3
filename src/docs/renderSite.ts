// Renders the pages of one docs site from data read earlier. Everything in a SiteJob is plain data, so
// a worker thread can render it as well as the main thread (see parallel.ts).

import type { Diagnostic } from '../model/diagnostic.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import { createLinkResolver, type AnchorCheck, type SiteLinks } from './links.ts';
import { toSourceLines } from './markdown/blocks.ts';
import { MAX_DEPTH, MAX_RUN } from './markdown/depth.ts';
import { extensionName, SYNTAX_OF, type MarkdownExtensions } from './markdown/extensions.ts';
import { safeId } from './markdown/anchors.ts';
import type { RenderedPage, Renderer } from './markdown/render.ts';
import { expandSnippets } from './markdown/snippets.ts';
import { dirnameToTitle, isIndexFile } from './nav.ts';
import { baseName, dirOf, encodePath, isInside, joinRepoPath } from './paths.ts';
import type { DocsAsset, DocsPage } from '../model/docs.ts';

export interface SiteJob {
  ref: string;
  repo: RepoInfo;
  /** Folder of mkdocs.yml; snippets must stay inside it. */
  rootDir: string;
  docsDir: string;
  /** URL of the site's index page. */
  url: string;
  /** The portal's base path (`/`, `/portal/`): root-absolute links into the portal's own sections go there. */
  portalBase: string;
  repoFiles: string[];
  /** docs-relative Markdown path → page path. */
  pages: Array<[string, string]>;
  /** docs-relative path → Markdown without front matter. */
  texts: Array<[string, string]>;
  /** docs-relative path → title from the nav or the page's meta, which win over its h1. */
  titles: Array<[string, string]>;
  /** repo path → text of snippet files that exist. */
  snippets: Array<[string, string]>;
  /** repo path → text of SVG files in docs_dir. */
  svg: Array<[string, string]>;
  editBase?: string;
  /** Markdown extensions the pages render with (see markdown/extensions.ts). */
  extensions: MarkdownExtensions;
  /** Extensions and plugins named in mkdocs.yml that Backlot does not implement. */
  unsupported: Array<{ kind: 'extension' | 'plugin'; name: string; line: number; column: number }>;
  configFile?: string;
  /** `use_directory_urls: false` in mkdocs.yml. */
  flatUrls?: boolean;
  /** Where mkdocs.yml names each Markdown extension. */
  extensionsAt?: Record<string, { line: number; column: number }>;
}

export interface SiteOutput {
  pages: DocsPage[];
  assets: DocsAsset[];
  diagnostics: Diagnostic[];
}

/** Snippet files resolve against the site's folder and must stay inside it (pymdownx `restrict_base_path`). */
export function snippetPath(rootDir: string, path: string, options: SnippetOptions = {}, exists?: (path: string) => boolean): string | undefined {
  if (path.startsWith('/')) return undefined;
  // `base_path`: folders tried in turn, relative to the config's folder (MkDocs' working folder).
  const bases = options.basePaths?.length ? options.basePaths : ['.'];
  let first: string | undefined;
  for (const base of bases) {
    // A base that is a file serves requests for its own name (pymdownx: "base_path may name files").
    const named = baseName(base) === path && exists?.(joinRepoPath(rootDir, base) ?? '');
    const resolved = joinRepoPath(rootDir, base === '.' ? path : named ? base : `${base}/${path}`);
    if (resolved === undefined || !isInside(rootDir, resolved)) continue;
    if (!exists || exists(resolved)) return resolved;
    first ??= resolved;
  }
  return first;
}

/** pymdownx.snippets' `base_path` and `auto_append` options. */
export interface SnippetOptions {
  basePaths?: string[];
  autoAppend?: string[];
}

export function snippetOptions(extensions: MarkdownExtensions): SnippetOptions {
  const options = extensions['pymdownx.snippets'] ?? {};
  const list = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return { basePaths: list(options.base_path), autoAppend: list(options.auto_append) };
}

/** `auto_append` files as snippet lines added to the end of every page. */
export function appendix(options: SnippetOptions): string {
  return options.autoAppend?.length ? `\n\n${options.autoAppend.map((f) => `--8<-- "${f.replace(/"/g, '\\"')}"`).join('\n')}\n` : '';
}

export function renderSite(renderer: Renderer, job: SiteJob): SiteOutput {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const pagesByFile = new Map(job.pages);
  const links: SiteLinks = {
    repo: job.repo,
    entity: job.ref,
    docsDir: job.docsDir,
    repoFiles: new Set(job.repoFiles),
    pages: pagesByFile,
    url: (p) => job.url + encodePath(p),
    portalBase: job.portalBase,
    svg: new Map(job.svg),
    assets: new Map(),
    ...(job.flatUrls ? { flatUrls: true } : {}),
  };
  const snippets = new Map(job.snippets);
  const snippetOpts = snippetOptions(job.extensions);
  const appended = appendix(snippetOpts);
  const titles = new Map(job.titles);
  const anchors: AnchorCheck[] = [];
  const ids = new Map<string, Set<string>>();
  const pages: DocsPage[] = [];
  const fences = new FenceReport(job, report);

  for (const [rel, text] of job.texts) {
    const sourcePath = joinRepoPath(job.docsDir, rel)!;
    const path = pagesByFile.get(rel)!;
    const base = { path, url: job.url + encodePath(path), sourcePath, ...(job.editBase ? { editUrl: job.editBase + encodePath(rel) } : {}) };
    const at = { repo: job.repo.name, file: sourcePath, entity: job.ref };
    // One page's failure (a stack overflow in a library, a bug of ours) costs that page only.
    let rendered: RenderedPage;
    try {
      const lines = expandSnippets(toSourceLines(text + appended), {
        resolve: (spec) => snippetPath(job.rootDir, spec, snippetOpts, (p) => snippets.has(p)),
        content: (path) => snippets.get(path),
        report: (at, code, message) =>
          report({ severity: code === 'docs-path-escape' ? 'error' : 'warning', code, message, repo: job.repo.name, file: sourcePath, line: at.line, column: 1, entity: job.ref }),
      });
      rendered = renderer.render({ lines, resolve: createLinkResolver(links, sourcePath, report, anchors), extensions: job.extensions });
    } catch (error) {
      const failure: Diagnostic = {
        severity: 'error',
        code: 'render-failed',
        message: `${sourcePath} could not be rendered: ${errorMessage(error)}`,
        hint: 'The page shows a notice instead of its content; the rest of the docs are built. Simplify the page (very deep nesting is the usual cause).',
        ...at,
        line: 0,
        column: 0,
      };
      report(failure);
      const title = titles.get(rel) ?? fileTitle(rel);
      ids.set(path, new Set());
      pages.push({ ...base, title, html: `<h1>${escapeHtml(title)}</h1>`, headings: [], hasMermaid: false, hasCode: false, failed: `${job.repo.name}: ${failure.message}` });
      continue;
    }
    if (rendered.cut) {
      report({
        severity: 'warning',
        code: 'docs-too-deep',
        message: `${sourcePath} nests more than ${MAX_DEPTH} levels deep (or repeats * or _ more than ${MAX_RUN} times); from here on part of it is shown as plain text`,
        hint: 'Flatten the nesting of blockquotes, lists, HTML elements or emphasis markers.',
        ...at,
        ...rendered.cut,
      });
    }
    for (const renamed of rendered.renamedIds) {
      report({
        severity: 'warning',
        code: 'docs-reserved-id',
        message: `id "${renamed.id}" is written as "${safeId(renamed.id)}": a page script may read a global of that name, which the element would replace`,
        hint: `Give the element or heading another id ({ #another-id } after a heading). Links to #${renamed.id} in these docs are rewritten; links from elsewhere are not.`,
        ...at,
        line: renamed.line,
        column: renamed.column,
      });
    }
    fences.add(sourcePath, rendered);
    ids.set(path, rendered.ids);
    // An empty `#` is a heading all the same (MkDocs keeps it, and adds none): it gives no title.
    const title = titles.get(rel) ?? (rendered.title || fileTitle(rel));
    pages.push({
      ...base,
      title,
      // Material shows the page title as the heading when the page has none.
      html: rendered.title !== undefined ? rendered.html : `<h1>${escapeHtml(title)}</h1>\n${rendered.html}`,
      headings: rendered.headings,
      hasMermaid: rendered.hasMermaid,
      hasCode: rendered.hasCode,
      ...(rendered.hasMath ? { hasMath: true } : {}),
      ...(rendered.hasEmoji ? { hasEmoji: true } : {}),
    });
  }

  reportUnsupported(job, report);
  fences.finish();

  for (const check of anchors) {
    const known = ids.get(check.page);
    if (!known || known.has(check.fragment)) continue;
    report({
      severity: 'warning',
      code: 'docs-broken-link',
      message: `link to #${check.fragment} on ${check.page ? `page ${check.page}` : 'the index page'}: no such heading or anchor`,
      repo: job.repo.name,
      file: check.file,
      line: check.at.line,
      column: check.at.column,
      entity: job.ref,
    });
  }
  return { pages, assets: [...links.assets.values()], diagnostics };
}

/**
 * Fences shown as code for want of something: one warning per site for each custom fence whose formatter
 * Backlot lacks, and for PlantUML (fences and `::uml::` blocks) without a server.
 */
class FenceReport {
  private readonly unknown = new Map<string, { file: string; line: number; column: number }>();
  private plantuml?: { file: string; line: number; column: number };

  private readonly job: SiteJob;
  private readonly report: (d: Diagnostic) => void;

  constructor(job: SiteJob, report: (d: Diagnostic) => void) {
    this.job = job;
    this.report = report;
  }

  add(file: string, page: RenderedPage): void {
    for (const use of page.unknownFences) if (!this.unknown.has(use.name)) this.unknown.set(use.name, { file, line: use.line, column: use.column });
    if (page.plantumlSource) this.plantuml ??= { file, line: page.plantumlSource.line, column: page.plantumlSource.column };
  }

  finish(): void {
    const superfences = this.job.extensionsAt?.['pymdownx.superfences'];
    const custom = this.job.extensions['pymdownx.superfences']?.custom_fences;
    for (const [name, use] of this.unknown) {
      const format = Array.isArray(custom) ? (custom as Array<Record<string, unknown>>).find((f) => String(f?.name).toLowerCase() === name)?.format : undefined;
      this.warn(
        'docs-unsupported-fence',
        `custom fence "${name}"${format ? ` (format ${String(format)})` : ''} is not implemented by Backlot; ${use.file}:${use.line} and any other use are shown as code`,
        'Backlot renders custom fences with the mermaid and arithmatex formatters; remove the fence from custom_fences or accept code blocks.',
        superfences ? { file: this.job.configFile ?? 'mkdocs.yml', ...superfences } : use,
      );
    }
    if (this.plantuml) {
      this.warn(
        'docs-plantuml-no-server',
        `PlantUML diagrams are shown as source (first: ${this.plantuml.file}:${this.plantuml.line}): the site names no PlantUML server`,
        'Name one in mkdocs.yml: markdown_extensions: - plantuml_markdown: { server: https://www.plantuml.com/plantuml } (readers’ browsers load each diagram from it), or kroki_server.',
        this.plantuml,
      );
    }
  }

  private warn(code: string, message: string, hint: string, at: { file: string; line: number; column: number }): void {
    this.report({ severity: 'warning', code, message, hint, repo: this.job.repo.name, entity: this.job.ref, ...at });
  }
}

/** One diagnostic per unsupported extension or plugin, naming the first page whose text shows its syntax. */
function reportUnsupported(job: SiteJob, report: (d: Diagnostic) => void): void {
  for (const item of job.unsupported) {
    const syntax = item.kind === 'extension' ? SYNTAX_OF[extensionName(item.name)] : undefined;
    const page = syntax ? job.texts.find(([, text]) => syntax.test(text))?.[0] : undefined;
    report({
      severity: 'warning',
      code: 'docs-unsupported-extension',
      message:
        `${item.kind === 'plugin' ? 'plugin' : 'Markdown extension'} "${item.name}" is not implemented by Backlot` +
        (page ? `; ${joinRepoPath(job.docsDir, page)} uses its syntax, which is shown as written` : item.kind === 'plugin' ? '; the site is built without it' : '; its syntax is shown as written'),
      hint: 'Remove it from mkdocs.yml, or accept that the pages render without it.',
      repo: job.repo.name,
      file: job.configFile ?? 'mkdocs.yml',
      line: item.line,
      column: item.column,
      entity: job.ref,
    });
  }
}

/** MkDocs' title for a page with no nav title, meta title or h1: from the file name. */
function fileTitle(rel: string): string {
  if (rel.toLowerCase() === 'index.md' || rel.toLowerCase() === 'readme.md') return 'Home';
  const name = isIndexFile(rel) ? baseName(dirOf(rel)) : baseName(rel).replace(/\.(md|markdown)$/i, '');
  return dirnameToTitle(name);
}

/** First line of an error's message: a stack trace says nothing to the page's author. */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300) || 'unknown error';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
