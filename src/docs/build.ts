// The docs stage: entities with techdocs annotations → rendered docs sites. Files are read in a few
// batched calls for all sites at once (configs, then pages, then snippets, then SVG images).

import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { compareDiagnostics } from '../model/diagnostic.ts';
import type { FileContent, FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';
import { locateDocs, type DocsLink, type DocsSource } from './locate.ts';
import { splitFrontMatter } from './markdown/frontMatter.ts';
import type { Renderer } from './markdown/render.ts';
import { findSnippetSpecs, parseSnippetSpec } from './markdown/snippets.ts';
import { effectiveExtensions, isSupportedExtension, isSupportedPlugin } from './markdown/extensions.ts';
import { defaultMkdocsConfig, parseMkdocsConfig, type MkdocsConfig } from './mkdocs.ts';
import { buildNav } from './nav.ts';
import { drawDiagrams, type DiagramReport, type DrawOptions } from './mermaid/index.ts';
import { renderJobs, type RenderCache } from './parallel.ts';
import { baseName, dirOf, docsRootUrl, encodePath, isInside, joinRepoPath, pagePathOf, relativeTo } from './paths.ts';
import { appendix, snippetOptions, snippetPath, type SiteJob } from './renderSite.ts';
import type { DocsOptions, DocsPage, DocsRedirect, DocsResult, DocsSite, NavItem } from '../model/docs.ts';
import { httpUrl } from '../util/httpUrl.ts';

export interface BuildDocsOptions extends DocsOptions {
  /** Reuse a renderer across builds (tests, watch mode); renders on this thread only. */
  renderer?: Renderer;
  /** Rendering threads including the main one (default: one per core for large builds). */
  threads?: number;
  /** The last run's outputs (watch mode): sites whose inputs are unchanged are not rendered again. */
  cache?: RenderCache;
  /** Where ```mermaid diagrams are drawn (docs/mermaid/); none: in the browser. */
  diagrams?: DrawOptions;
}

interface Plan {
  source: DocsSource;
  ref: string;
  repo: RepoInfo;
  repoFiles: Set<string>;
  configFile?: string;
  config: MkdocsConfig;
  docsDir: string;
  /** docs-relative Markdown path → page path. */
  pages: Map<string, string>;
  url: string;
  texts: Map<string, string>;
  frontTitles: Map<string, string>;
  nav: NavItem[];
}

const key = (repo: string, path: string) => `${repo}\0${path}`;

export async function buildDocs(snapshot: Snapshot, entities: readonly CatalogEntity[], options: BuildDocsOptions = {}): Promise<DocsResult & { diagrams?: DiagramReport }> {
  const base = options.base ?? '/';
  const located = locateDocs(snapshot.repos, entities);
  const diagnostics: Diagnostic[] = [...located.diagnostics];
  const report = (d: Diagnostic) => diagnostics.push(d);

  const fileLists = new Map<string, Set<string>>();
  await Promise.all(
    [...new Set(located.sources.map((s) => s.repo.name))].map(async (name) => fileLists.set(name, new Set(await snapshot.list(name)))),
  );

  // 1. mkdocs.yaml / mkdocs.yml of every site, in one read.
  const plans: Plan[] = [];
  for (const source of located.sources) {
    const repoFiles = fileLists.get(source.repo.name) ?? new Set<string>();
    const at = (name: string) => (source.rootDir ? `${source.rootDir}/${name}` : name);
    const candidates = [at('mkdocs.yaml'), at('mkdocs.yml')].filter((f) => repoFiles.has(f));
    if (candidates.length === 2) {
      report(siteDiagnostic(source, candidates[1]!, 'docs-mkdocs-config', 'Both mkdocs.yaml and mkdocs.yml exist; mkdocs.yaml is used', 'warning'));
    }
    if (candidates.length === 0 && ![...repoFiles].some((f) => isInside(source.rootDir, f))) {
      const pos = source.entity.source.positions['/metadata/annotations/backstage.io~1techdocs-ref'];
      report({
        severity: 'warning',
        code: 'docs-missing-file',
        message: `techdocs-ref points at ${source.rootDir || 'the repository root'} of ${source.repo.name}, which holds no files`,
        repo: source.entity.source.repo,
        file: source.entity.source.file,
        line: pos?.line ?? source.entity.source.line,
        column: pos?.column ?? source.entity.source.column,
        entity: source.entity.ref,
      });
      continue;
    }
    const name = source.entity.entity.metadata.title || source.entity.entity.metadata.name;
    plans.push({
      source,
      ref: source.entity.ref,
      repo: source.repo,
      repoFiles,
      ...(candidates[0] ? { configFile: candidates[0] } : {}),
      config: defaultMkdocsConfig(String(name)),
      docsDir: '',
      pages: new Map(),
      url: docsRootUrl(source.triplet, base),
      texts: new Map(),
      frontTitles: new Map(),
      nav: [],
    });
  }
  const configs = await readAll(snapshot, plans.filter((p) => p.configFile).map((p) => ({ repo: p.repo.name, path: p.configFile! })));
  const svgPaths = new Set<string>();

  // 2. Config, docs_dir, pages and nav of each site.
  for (const plan of [...plans]) {
    if (plan.configFile) {
      const content = configs.get(key(plan.repo.name, plan.configFile));
      if (content?.kind !== 'text') {
        report(siteDiagnostic(plan.source, plan.configFile, 'docs-mkdocs-config', `${plan.configFile} could not be read (${content?.kind ?? 'missing'})`, 'error'));
        plans.splice(plans.indexOf(plan), 1);
        continue;
      }
      const parsed = parseMkdocsConfig(content.text, { repo: plan.repo.name, file: plan.configFile, entity: plan.ref });
      diagnostics.push(...parsed.diagnostics);
      if (parsed.diagnostics.some((d) => d.severity === 'error')) {
        plans.splice(plans.indexOf(plan), 1);
        continue;
      }
      plan.config = { ...parsed.config, siteName: parsed.config.siteName ?? plan.config.siteName };
    }
    const configFile = plan.configFile ?? plan.source.entity.source.file;
    const docsDir = plan.config.docsDir.startsWith('/') ? undefined : joinRepoPath(plan.source.rootDir, plan.config.docsDir);
    if (docsDir === undefined || !isInside(plan.source.rootDir, docsDir)) {
      report({
        severity: 'error',
        code: 'docs-path-escape',
        message: `docs_dir "${plan.config.docsDir}" points outside the docs site's folder (${plan.source.rootDir || 'the repository root'})`,
        hint: 'docs_dir is relative to mkdocs.yml and must stay inside its folder.',
        repo: plan.repo.name,
        file: configFile,
        line: plan.config.docsDirAt.line,
        column: plan.config.docsDirAt.column,
        entity: plan.ref,
      });
      plans.splice(plans.indexOf(plan), 1);
      continue;
    }
    plan.docsDir = docsDir;
    const markdown: string[] = [];
    for (const file of plan.repoFiles) {
      if (!isInside(docsDir, file) || file === docsDir) continue;
      const rel = relativeTo(docsDir, file);
      if (rel.split('/').some((s) => s.startsWith('.'))) continue;
      if (/\.(md|markdown)$/i.test(rel)) markdown.push(rel);
      else if (/\.mdx$/i.test(rel)) {
        report({ severity: 'warning', code: 'docs-mdx', message: `${file} is MDX, which is never compiled from a repository; the page is left out`, hint: 'Rename it to .md if it is plain Markdown.', repo: plan.repo.name, file, line: 0, column: 0, entity: plan.ref });
      } else if (/\.svg$/i.test(rel)) svgPaths.add(key(plan.repo.name, file));
    }
    markdown.sort();
    for (const rel of markdown) {
      // MkDocs drops README.md when the same folder has an index.md.
      if (baseName(rel).toLowerCase() === 'readme.md' && markdown.includes(dirOf(rel) ? `${dirOf(rel)}/index.md` : 'index.md')) continue;
      plan.pages.set(rel, pagePathOf(rel));
    }
    if (plan.pages.size === 0) {
      report({ severity: 'warning', code: 'docs-missing-file', message: `docs_dir ${docsDir || '.'} holds no Markdown pages`, repo: plan.repo.name, file: configFile, line: plan.config.docsDirAt.line, column: plan.config.docsDirAt.column, entity: plan.ref });
      // No site, so the entity page does not link to docs that are not there.
      plans.splice(plans.indexOf(plan), 1);
      continue;
    }
    const url = (path: string) => plan.url + encodePath(path);
    const nav = buildNav(plan.config.nav, {
      repo: plan.repo.name,
      configFile,
      entity: plan.ref,
      docsDir,
      pages: new Set(plan.pages.keys()),
      repoFiles: plan.repoFiles,
      url,
    });
    diagnostics.push(...nav.diagnostics);
    plan.nav = nav.nav;
  }

  // 3. Every page of every site, in one read; then snippets, round by round; then SVG images.
  const pageRefs = plans.flatMap((p) => [...p.pages.keys()].map((rel) => ({ repo: p.repo.name, path: joinRepoPath(p.docsDir, rel)! })));
  const pageTexts = await readAll(snapshot, pageRefs);
  const snippetTexts = new Map<string, string | undefined>();
  let pending: FileRef[] = [];
  const want = (plan: Plan, text: string) => {
    for (const spec of findSnippetSpecs(text)) {
      const options = snippetOptions(effectiveExtensions(plan.config.markdownExtensions));
      const path = snippetPath(plan.source.rootDir, parseSnippetSpec(spec).path, options, (p) => plan.repoFiles.has(p));
      if (path !== undefined && !snippetTexts.has(key(plan.repo.name, path))) {
        snippetTexts.set(key(plan.repo.name, path), undefined);
        if (plan.repoFiles.has(path)) pending.push({ repo: plan.repo.name, path });
      }
    }
  };
  for (const plan of plans) {
    want(plan, appendix(snippetOptions(effectiveExtensions(plan.config.markdownExtensions))));
    for (const rel of plan.pages.keys()) {
      const path = joinRepoPath(plan.docsDir, rel)!;
      const content = pageTexts.get(key(plan.repo.name, path));
      if (content?.kind !== 'text') {
        report({ severity: 'warning', code: 'docs-unreadable', message: `${path} could not be read (${content?.kind === 'skipped' ? content.reason : (content?.kind ?? 'missing')})`, repo: plan.repo.name, file: path, line: 0, column: 0, entity: plan.ref });
        plan.pages.delete(rel);
        continue;
      }
      const front = splitFrontMatter(content.text);
      plan.texts.set(rel, front.body);
      if (front.title) plan.frontTitles.set(rel, front.title);
      want(plan, front.body);
    }
  }
  for (let round = 0; round < 4 && pending.length; round++) {
    const batch = pending;
    pending = [];
    const read = await readAll(snapshot, batch);
    for (const ref of batch) {
      const content = read.get(key(ref.repo, ref.path));
      const text = content?.kind === 'text' ? content.text : undefined;
      snippetTexts.set(key(ref.repo, ref.path), text);
      const plan = plans.find((p) => p.repo.name === ref.repo && isInside(p.source.rootDir, ref.path));
      if (text !== undefined && plan) want(plan, text);
    }
  }
  const svgTexts = await readAll(
    snapshot,
    [...svgPaths].map((k) => {
      const [repo, path] = k.split('\0') as [string, string];
      return { repo, path };
    }),
  );

  // 4. Render, on several threads for large builds.
  const jobs: SiteJob[] = plans.map((plan) => {
    const navTitles = explicitTitles(plan.nav);
    const titles: Array<[string, string]> = [];
    for (const [rel, path] of plan.pages) {
      const title = navTitles.get(path) ?? plan.frontTitles.get(rel);
      if (title) titles.push([rel, title]);
    }
    const inRepo = <T>(map: Map<string, T>) =>
      [...map].flatMap(([k, v]) => {
        const [repo, path] = k.split('\0') as [string, string];
        return repo === plan.repo.name && v !== undefined ? [[path, v] as [string, T]] : [];
      });
    const editBase = editBaseOf(plan);
    return {
      ref: plan.ref,
      repo: plan.repo,
      rootDir: plan.source.rootDir,
      docsDir: plan.docsDir,
      url: plan.url,
      portalBase: base,
      repoFiles: [...plan.repoFiles],
      pages: [...plan.pages].filter(([rel]) => plan.texts.has(rel)),
      texts: [...plan.texts],
      titles,
      snippets: inRepo(snippetTexts).filter(([path]) => isInside(plan.source.rootDir, path)) as Array<[string, string]>,
      svg: inRepo(svgTexts).flatMap(([path, c]) => (c.kind === 'text' && isInside(plan.docsDir, path) ? [[path, c.text] as [string, string]] : [])),
      ...(editBase ? { editBase } : {}),
      extensions: effectiveExtensions(plan.config.markdownExtensions),
      unsupported: unsupportedOf(plan.config),
      ...(plan.configFile ? { configFile: plan.configFile } : {}),
      ...(plan.config.useDirectoryUrls ? {} : { flatUrls: true }),
      ...(plan.config.extensionsAt ? { extensionsAt: plan.config.extensionsAt } : {}),
    };
  });
  const outputs = await renderJobs(jobs, {
    ...(options.renderer ? { renderer: options.renderer } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });

  const sites: DocsSite[] = plans.map((plan, i) => {
    const output = outputs[i]!;
    diagnostics.push(...output.diagnostics);
    const nav = titledNav(plan.nav, new Map(output.pages.map((p) => [p.path, p.title])));
    linkNeighbours(output.pages, nav);
    const editBase = jobs[i]!.editBase;
    return {
      entityRef: plan.ref,
      namespace: plan.source.triplet.namespace,
      kind: plan.source.triplet.kind,
      name: plan.source.triplet.name,
      url: plan.url,
      siteName: plan.config.siteName ?? plan.source.triplet.name,
      ...(plan.config.siteDescription ? { siteDescription: plan.config.siteDescription } : {}),
      repo: plan.repo.name,
      rootDir: plan.source.rootDir,
      docsDir: plan.docsDir,
      nav,
      pages: output.pages.sort((a, b) => a.path.localeCompare(b.path)),
      assets: output.assets,
      repoUrl: httpUrl(plan.config.repoUrl) ?? plan.repo.url,
      ...(editBase ? { editBase } : {}),
      extensions: effectiveExtensions(plan.config.markdownExtensions),
      unsupported: unsupportedOf(plan.config),
      ...(plan.configFile ? { configFile: plan.configFile } : {}),
    };
  });

  // 5. Diagrams, drawn at build time in one headless Chromium for all sites.
  const diagrams = options.diagrams ? await drawDiagrams(sites, options.diagrams) : undefined;
  if (diagrams) diagnostics.push(...diagrams.diagnostics);
  const redirects = resolveRedirects(located.links, sites, base, report);
  return { sites, redirects, diagnostics: diagnostics.sort(compareDiagnostics), ...(diagrams ? { diagrams } : {}) };
}

async function readAll(snapshot: Snapshot, refs: FileRef[]): Promise<Map<string, FileContent>> {
  const out = new Map<string, FileContent>();
  if (refs.length === 0) return out;
  const contents = await snapshot.read(refs);
  for (const c of contents) out.set(key(c.repo, c.path), c);
  return out;
}

function siteDiagnostic(source: DocsSource, file: string, code: string, message: string, severity: Diagnostic['severity']): Diagnostic {
  return { severity, code, message, repo: source.repo.name, file, line: 0, column: 0, entity: source.entity.ref };
}

/** "Edit this page": the author's repo_url + edit_uri, else the snapshot repo's edit URL for docs_dir. */
function editBaseOf(plan: Plan): string | undefined {
  const { repoUrl, editUri } = plan.config;
  const withSlash = (s: string) => (s.endsWith('/') ? s : `${s}/`);
  if (editUri !== undefined) {
    if (editUri === '') return undefined;
    if (/^https?:\/\//i.test(editUri)) return withSlash(editUri);
    const root = httpUrl(repoUrl) ?? plan.repo.url;
    if (/^[a-z][a-z0-9+.-]*:/i.test(editUri)) return undefined;
    return withSlash(new URL(editUri, withSlash(root)).href);
  }
  if (/^[0-9a-f]{40}$/i.test(plan.repo.defaultBranch)) return undefined;
  const docs = plan.docsDir ? `${encodePath(plan.docsDir)}/` : '';
  return `${plan.repo.url.replace(/\/+$/, '')}/edit/${encodePath(plan.repo.defaultBranch)}/${docs}`;
}

/** Titles the author gave pages in `nav:`; MkDocs uses them as the pages' titles. */
function explicitTitles(items: NavItem[], into = new Map<string, string>()): Map<string, string> {
  for (const item of items) {
    if (item.type === 'page' && item.title && !into.has(item.path)) into.set(item.path, item.title);
    if (item.type === 'section') explicitTitles(item.children, into);
  }
  return into;
}

function titledNav(items: NavItem[], titles: Map<string, string>): NavItem[] {
  return items.map((item) => {
    if (item.type === 'page') return { ...item, title: item.title || titles.get(item.path) || item.path };
    if (item.type === 'section') return { ...item, children: titledNav(item.children, titles) };
    return item;
  });
}

/** Previous/next follow the nav's page order; pages outside the nav have neither. */
function linkNeighbours(pages: DocsPage[], nav: NavItem[]): void {
  const order: Array<{ path: string; title: string; url: string }> = [];
  const walk = (items: NavItem[]) => {
    for (const item of items) {
      if (item.type === 'page') order.push(item);
      else if (item.type === 'section') {
        if (item.path !== undefined && item.url) order.push({ path: item.path, title: item.title, url: item.url });
        walk(item.children);
      }
    }
  };
  walk(nav);
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const seen = new Set<string>();
  const unique = order.filter((o) => !seen.has(o.path) && seen.add(o.path));
  unique.forEach((entry, i) => {
    const page = byPath.get(entry.path);
    if (!page) return;
    const prev = unique[i - 1];
    const next = unique[i + 1];
    if (prev) page.prev = { title: byPath.get(prev.path)?.title ?? prev.title, url: prev.url };
    if (next) page.next = { title: byPath.get(next.path)?.title ?? next.title, url: next.url };
  });
}

function resolveRedirects(links: DocsLink[], sites: DocsSite[], base: string, report: (d: Diagnostic) => void): DocsRedirect[] {
  const byRef = new Map(sites.map((s) => [s.entityRef, s]));
  const out: DocsRedirect[] = [];
  for (const link of links) {
    const at = link.entity.source.positions['/metadata/annotations/backstage.io~1techdocs-entity'];
    const problem = (message: string) =>
      report({ severity: 'warning', code: 'docs-ref', message, repo: link.entity.source.repo, file: link.entity.source.file, line: at?.line ?? link.entity.source.line, column: at?.column ?? link.entity.source.column, entity: link.entity.ref });
    const target = byRef.get(link.target);
    if (!target) {
      problem(`techdocs-entity names ${link.target}, which has no docs in this build`);
      continue;
    }
    let path = link.path.split('#')[0]!;
    if (path && !path.endsWith('/')) path += '/';
    if (path && !target.pages.some((p) => p.path === path)) {
      problem(`techdocs-entity-path /${link.path} is not a page of ${link.target}'s docs`);
      path = '';
    }
    const fragment = link.path.includes('#') ? link.path.slice(link.path.indexOf('#')) : '';
    const { namespace, kind, name } = (() => {
      const e = link.entity.entity;
      return { namespace: e.metadata.namespace || 'default', kind: e.kind, name: e.metadata.name };
    })();
    out.push({ entityRef: link.entity.ref, from: docsRootUrl({ namespace, kind, name }, base), to: target.url + path + fragment });
  }
  return out;
}

/** Extensions and plugins the site's mkdocs.yml names that Backlot does not implement. */
function unsupportedOf(config: MkdocsConfig): SiteJob['unsupported'] {
  const out: SiteJob['unsupported'] = [];
  for (const [name, at] of Object.entries(config.extensionsAt ?? {})) if (!isSupportedExtension(name)) out.push({ kind: 'extension', name, ...at });
  for (const plugin of config.plugins ?? []) if (!isSupportedPlugin(plugin.name)) out.push({ kind: 'plugin', ...plugin });
  return out;
}
