// The site's navigation: the author's `nav:` as written, or MkDocs' automatic nav from the files.

import type { Diagnostic } from '../model/diagnostic.ts';
import type { RawNavEntry } from './mkdocs.ts';
import { baseName, isInside, joinRepoPath, pagePathOf, relativeTo } from './paths.ts';
import type { NavItem } from '../model/docs.ts';

export interface NavContext {
  repo: string;
  /** Repo-relative mkdocs config file (for diagnostics). */
  configFile: string;
  entity: string;
  /** Repo-relative docs folder. */
  docsDir: string;
  /** Docs-relative paths of every Markdown page of the site. */
  pages: ReadonlySet<string>;
  /** Every file of the repo (to tell a missing file from one outside docs_dir). */
  repoFiles: ReadonlySet<string>;
  /** URL of a page path. */
  url: (pagePath: string) => string;
}

const INDEX_NAMES = new Set(['index.md', 'readme.md']);

export function isIndexFile(docRelative: string): boolean {
  return INDEX_NAMES.has(baseName(docRelative).toLowerCase());
}

/** Page nav items get their title later, from the page, when the nav does not give one. */
export function buildNav(raw: RawNavEntry[] | undefined, ctx: NavContext): { nav: NavItem[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const nav = raw ? fromConfig(raw, ctx, diagnostics) : automaticNav(ctx.pages, ctx.url);
  return { nav, diagnostics };
}

function fromConfig(entries: RawNavEntry[], ctx: NavContext, diagnostics: Diagnostic[], indexPages = new Set<NavItem>()): NavItem[] {
  const out: NavItem[] = [];
  const report = (entry: RawNavEntry, severity: Diagnostic['severity'], code: string, message: string, hint?: string) =>
    diagnostics.push({
      severity,
      code,
      message,
      ...(hint ? { hint } : {}),
      repo: ctx.repo,
      file: ctx.configFile,
      line: entry.line,
      column: entry.column,
      entity: ctx.entity,
    });
  for (const entry of entries) {
    if (entry.children) {
      const children = fromConfig(entry.children, ctx, diagnostics, indexPages);
      out.push(withSectionIndex({ type: 'section', title: entry.title ?? '', children }, indexPages));
      continue;
    }
    const target = entry.target ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      if (/^(https?|mailto):/i.test(target)) out.push({ type: 'link', title: entry.title ?? target, url: target });
      else report(entry, 'error', 'docs-nav-url', `nav entry "${target}" is not an http(s) or mailto link`);
      continue;
    }
    if (target.startsWith('/')) {
      out.push({ type: 'link', title: entry.title ?? target, url: target });
      continue;
    }
    const [pathPart] = target.split('#');
    const repoPath = joinRepoPath(ctx.docsDir, pathPart ?? '');
    if (repoPath === undefined) {
      report(entry, 'error', 'docs-path-escape', `nav entry "${target}" points outside the repository`, 'Nav paths are relative to docs_dir and must stay inside it.');
      continue;
    }
    if (!isInside(ctx.docsDir, repoPath)) {
      report(entry, 'warning', 'docs-missing-file', `nav entry "${target}" is outside docs_dir (${ctx.docsDir || '.'})`, 'Move the file into docs_dir.');
      continue;
    }
    const docRelative = relativeTo(ctx.docsDir, repoPath);
    if (/\.mdx$/i.test(docRelative)) {
      report(entry, 'warning', 'docs-mdx', `nav entry "${target}" is an MDX file; MDX from repositories is never compiled`, 'Use plain Markdown (.md).');
      continue;
    }
    if (!ctx.pages.has(docRelative)) {
      const exists = ctx.repoFiles.has(repoPath);
      report(
        entry,
        'warning',
        'docs-missing-file',
        exists ? `nav entry "${target}" is not a Markdown page` : `nav entry "${target}" names a file that does not exist (${repoPath})`,
      );
      continue;
    }
    const path = pagePathOf(docRelative);
    const item: NavItem = { type: 'page', title: entry.title ?? '', path, url: ctx.url(path) };
    if (isIndexFile(docRelative)) indexPages.add(item);
    out.push(item);
  }
  return out;
}

/** A section whose first entry is an index page uses that page as its own (Material's `navigation.indexes`). */
function withSectionIndex(section: Extract<NavItem, { type: 'section' }>, indexPages: ReadonlySet<NavItem>): NavItem {
  const first = section.children[0];
  if (first?.type === 'page' && indexPages.has(first)) {
    return { ...section, children: section.children.slice(1), path: first.path, url: first.url };
  }
  return section;
}

/** MkDocs' order: in each folder the index first, then files alphabetically, then sub-folders. */
export function automaticNav(pages: Iterable<string>, url: (pagePath: string) => string): NavItem[] {
  interface Folder {
    files: string[];
    folders: Map<string, Folder>;
  }
  const root: Folder = { files: [], folders: new Map() };
  for (const page of pages) {
    let folder = root;
    for (const part of page.split('/').slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: [], folders: new Map() }));
      folder = next;
    }
    folder.files.push(page);
  }
  const pageItem = (file: string): NavItem => ({ type: 'page', title: '', path: pagePathOf(file), url: url(pagePathOf(file)) });
  const build = (folder: Folder): { index?: NavItem; items: NavItem[] } => {
    const files = [...folder.files].sort(cmp);
    const indexFile = files.find((f) => baseName(f).toLowerCase() === 'index.md') ?? files.find(isIndexFile);
    const items = files.filter((f) => f !== indexFile).map(pageItem);
    for (const name of [...folder.folders.keys()].sort(cmp)) {
      const sub = build(folder.folders.get(name)!);
      const section: NavItem = { type: 'section', title: dirnameToTitle(name), children: sub.items };
      if (sub.index?.type === 'page') Object.assign(section, { path: sub.index.path, url: sub.index.url });
      items.push(section);
    }
    return indexFile ? { index: pageItem(indexFile), items } : { items };
  };
  const top = build(root);
  return top.index ? [top.index, ...top.items] : top.items;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** MkDocs' `dirname_to_title`: dashes and underscores become spaces; all-lower names are capitalised. */
export function dirnameToTitle(dirname: string): string {
  const title = dirname.replace(/[-_]/g, ' ');
  return title.toLowerCase() === title ? title.charAt(0).toUpperCase() + title.slice(1) : title;
}
