// `backlot dev`: the pipeline once, then Astro's dev server renders its model in this process. On a save in a
// repo, that repo is read again from disk and the later stages run again over the whole snapshot, except docs
// sites whose inputs did not change (the docs stage's render cache): 0.16–0.28 s for the demo org once warm, on an
// idle machine, so nothing finer is worth its complexity yet. The new model replaces the old one
// (../site/handover.ts) and the browser reloads (../site/build/live-reload.ts).

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createValidator } from '../catalog/validate/index.ts';
import type { LocalSourceConfig } from '../config/types.ts';
import type { RenderCache } from '../docs/index.ts';
import { decodeUrlPath } from '../docs/paths.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { NavItem } from '../model/docs.ts';
import type { PortalModel } from '../model/portal.ts';
import { runPipeline } from '../pipeline/index.ts';
import { loadPlugins } from '../plugins/load.ts';
import { writeReport } from '../plugins/report.ts';
import { recordKey, recordReads, replaceRepos, withFallbackFile, type ReadRecord } from '../snapshot/overlay.ts';
import type { FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';
import { openLocalRepos } from '../sources/local.ts';
import { astroConfig, PRINT_LIMIT } from './build.ts';
import { docsOnlyCatalog, openConfigured, openDocsRepo, openOrgFolder, readConfig, type Context } from './context.ts';
import { diagnosticChanges } from './diagnosticChanges.ts';
import { UsageError } from './errors.ts';
import { formatDiagnostics, summarise } from './format.ts';
import { addViewDiagnostics } from './viewChecks.ts';
import { watchFolders, type Change } from './watch.ts';

export interface DevOptions {
  config: string | undefined;
  verbose: boolean;
  /** A folder whose sub-folders are repos, replacing the configured sources. */
  path: string | undefined;
  /** One repo whose docs are previewed alone (`--docs`). */
  docs?: string | undefined;
}

/** A watched folder: which repo a changed path belongs to, and how to read repos of it again. */
interface Folder {
  root: string;
  /** The repo a path (relative to root) is in and the path inside it (`''`: the repo's folder itself). */
  locate(path: string): { repo: string; file: string } | undefined;
  /** The named repos read again; those whose folder is gone are named apart. */
  open(names: readonly string[]): Promise<{ fresh: Snapshot; gone: Set<string> }>;
  abs(repo: string, file: string): string;
  catalogPath: string;
}

const isDir = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false;
const cwdRelative = (abs: string) => relative(process.cwd(), abs) || '.';

/** A local source's folder: each sub-folder is a repo. */
function orgFolder(source: LocalSourceConfig, root: string): Folder {
  return {
    root,
    catalogPath: source.catalogPath,
    locate(path) {
      const [repo, ...rest] = path.split('/');
      return repo && !repo.startsWith('.') ? { repo, file: rest.join('/') } : undefined;
    },
    async open(names) {
      const there = names.filter((n) => isDir(resolve(root, n))).sort();
      const fresh = await openLocalRepos(there.map((name) => ({ name, dir: resolve(root, name) })), source);
      return { fresh, gone: new Set(names.filter((n) => !there.includes(n))) };
    },
    abs: (repo, file) => resolve(root, repo, file),
  };
}

/** `--docs`: the folder is the one repo. */
function docsFolder(source: LocalSourceConfig, name: string): Folder {
  const root = source.path;
  return {
    root,
    catalogPath: source.catalogPath,
    locate: (path) => ({ repo: name, file: path }),
    async open() {
      const fresh = withFallbackFile(await openLocalRepos([{ name, dir: root }], source), { repo: name, path: 'catalog-info.yaml' }, docsOnlyCatalog(name));
      return { fresh, gone: new Set() };
    },
    abs: (_repo, file) => resolve(root, file),
  };
}

export async function devCommand(options: DevOptions): Promise<number> {
  const config = readConfig(options.config);
  const docsMode = options.docs !== undefined;
  if (docsMode && !isDir(resolve(options.docs!))) throw new UsageError(`--docs ${options.docs}: not a folder (give the folder of one repo, the one holding mkdocs.yml)`);
  // Plugins load first, as for a build: a missing module or bad options stop before any work.
  const local = docsMode ? options.docs : options.path;
  const plugins = await loadPlugins(config, local ? [local] : []);
  const ctx = docsMode ? await openDocsRepo(config, options.docs!) : options.path ? await openOrgFolder(config, options.path) : await openConfigured(config);
  ctx.finish?.();
  if (ctx.snapshot.repos.length === 0) throw new UsageError(options.path ? `no repos in ${options.path}: each sub-folder of PATH is a repo` : 'no repos in the configured sources');
  const folders = watchedFolders(ctx, docsMode);
  const folderOf = new Map<string, Folder>();
  for (const folder of folders) for (const repo of ctx.snapshot.repos) if (isDir(folder.abs(repo.name, ''))) folderOf.set(repo.name, folder);
  const catalogPath = (repo: RepoInfo) => folderOf.get(repo.name)?.catalogPath ?? ctx.catalogPath(repo);
  const pathOf = (d: Diagnostic) => {
    const folder = folderOf.get(d.repo);
    return folder ? cwdRelative(folder.abs(d.repo, d.file)) : ctx.pathOf(d);
  };

  let snapshot = ctx.snapshot;
  const docsCache: RenderCache = new Map();
  // Made once: the config, and so the custom kinds, stay as they were at the start.
  const validate = createValidator({ customKinds: ctx.config.catalog.kinds });
  const run = async () => {
    const recorded = recordReads(snapshot);
    // A lone repo cannot see the owners and systems it names.
    const result = await runPipeline(ctx.config, recorded.snapshot, { catalogPath, ignoreDangling: docsMode, docsCache, validate, plugins });
    addViewDiagnostics(result);
    if (result.plugins) await writeReport(ctx.config.cacheDir, result.plugins.report);
    // Plugins' browser scripts, which a build copies into the site, by URL path.
    const scripts = new Map((result.plugins?.scripts ?? []).map((script) => [`${ctx.config.site.base}${script.path}`, script.file]));
    return { result, record: recorded.record, assets: assetFiles(result.model), scripts };
  };
  let current = await run();
  printDiagnostics(current.result.diagnostics, pathOf);

  // astro dev renders in this process: the model and its graphs are handed to the pages as buildSite hands them.
  const { startGraphs } = await import('../site/build/graphs.ts');
  const { handOver, replaceHandover } = await import('../site/handover.ts');
  const { liveReload } = await import('../site/build/live-reload.ts');
  const layouts = { cacheFile: resolve(ctx.config.cacheDir, 'layouts.json') };
  let graphs = startGraphs(current.result.model, layouts);
  handOver({ model: current.result.model, graphs });
  const base = ctx.config.site.base;
  const live = liveReload({
    base,
    ...(docsMode ? { start: () => firstDocsPage(current.result.model) } : {}),
    file: async (path) => {
      const script = current.scripts.get(path);
      if (script) return new Uint8Array(await readFile(script));
      const ref = current.assets.get(decodeUrlPath(path) ?? '');
      return ref ? snapshot.readBytes(ref) : undefined;
    },
  });
  const { dev } = await import('astro');
  const astro = astroConfig(ctx.config, true);
  // Raw API definitions (`…/openapi.yaml`) are files in a build, linked without a slash; Astro's dev server would
  // hold them to `trailingSlash: 'always'` and answer 404. In dev, any form is served.
  const server = await dev({ ...astro, trailingSlash: 'ignore', vite: { ...astro.vite, plugins: [...(astro.vite?.plugins ?? []), live.plugin] } });
  const url = server.resolvedUrls?.local[0];
  if (docsMode) {
    const start = firstDocsPage(current.result.model);
    console.log(start ? `Docs preview: ${url ? new URL(start, url).href : start}` : `No docs in ${options.docs}: add a mkdocs.yml and a docs/ folder beside it (or a catalog-info.yaml whose entity has backstage.io/techdocs-ref)`);
  }
  console.log(`Watching ${snapshot.repos.length} repo${snapshot.repos.length === 1 ? '' : 's'} for changes (${folders.map((f) => `${cwdRelative(f.root)}/`).join(', ') || 'none local'})`);

  /** Changes the model may depend on, per folder: the repos to read again and, for the log, what changed. */
  const relevant = async (changes: Change[]) => {
    const byFolder = new Map<Folder, Set<string>>();
    const what: string[] = [];
    const known = new Set(snapshot.repos.map((r) => r.name));
    const listings = new Map<string, Promise<Set<string>>>();
    const listed = (repo: string) => {
      let got = listings.get(repo);
      if (!got) listings.set(repo, (got = snapshot.list(repo).then((files) => new Set(files))));
      return got;
    };
    for (const change of changes) {
      const folder = folders.find((f) => f.root === change.root)!;
      const at = folder.locate(change.path);
      if (!at || !(await matters(folder, at.repo, at.file, known, current.record, listed, current.assets))) continue;
      byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(at.repo));
      what.push(`${at.repo}${at.file ? `/${at.file}` : ''}`);
    }
    return { byFolder, what };
  };

  const rebuild = async (changes: Change[]) => {
    const started = performance.now();
    const { byFolder, what } = await relevant(changes);
    if (byFolder.size === 0) return;
    let next = snapshot;
    for (const [folder, names] of byFolder) {
      const { fresh, gone } = await folder.open([...names]);
      next = replaceRepos(next, fresh, gone);
      for (const repo of fresh.repos) folderOf.set(repo.name, folder);
      for (const name of gone) folderOf.delete(name);
    }
    const before = current.result.diagnostics;
    snapshot = next;
    current = await run();
    const { model } = current.result;
    // The old graphs keep their layouts in the cache file first, so the new ones start from them.
    await graphs.finish();
    graphs = startGraphs(model, layouts);
    replaceHandover({ model, graphs });
    live.reload();
    report(what, performance.now() - started, before, current.result.diagnostics, pathOf);
  };

  // One rebuild at a time; saves made meanwhile make one more.
  let queued: Change[] = [];
  let running: Promise<void> | undefined;
  const onChanges = (changes: Change[]) => {
    queued.push(...changes);
    running ??= (async () => {
      while (queued.length) {
        const batch = queued;
        queued = [];
        try {
          await rebuild(batch);
        } catch (err) {
          console.error(`backlot dev: rebuild failed, still showing the last model: ${(err as Error).stack ?? err}`);
        }
      }
      running = undefined;
    })();
  };
  const watcher = watchFolders(folders.map((f) => f.root), onChanges);

  await new Promise<void>((done) => {
    const stop = () => {
      watcher.close();
      void server.stop().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function watchedFolders(ctx: Context, docsMode: boolean): Folder[] {
  const locals = ctx.config.sources.filter((s): s is LocalSourceConfig => s.type === 'local');
  if (docsMode) return [docsFolder(locals[0]!, ctx.snapshot.repos[0]!.name)];
  return locals.map((s) => orgFolder(s, resolve(ctx.config.root, s.path)));
}

/**
 * Whether the model can depend on a changed file: the last run read it (or its docs link to it), or it was added
 * to or removed from a repo whose file list the run asked for, or it is a repo's folder.
 */
async function matters(
  folder: Folder,
  repo: string,
  file: string,
  known: ReadonlySet<string>,
  record: ReadRecord,
  listed: (repo: string) => Promise<Set<string>>,
  assets: ReadonlyMap<string, FileRef>,
): Promise<boolean> {
  if (!known.has(repo)) return isDir(folder.abs(repo, ''));
  if (file === '') return true;
  const key = recordKey({ repo, path: file });
  if (record.files.has(key) || assetKeys(assets).has(key)) return true;
  return record.listed.has(repo) && (await listed(repo)).has(file) !== isFile(folder.abs(repo, file));
}

const assetKeyCache = new WeakMap<ReadonlyMap<string, FileRef>, Set<string>>();
function assetKeys(assets: ReadonlyMap<string, FileRef>): Set<string> {
  let keys = assetKeyCache.get(assets);
  if (!keys) assetKeyCache.set(assets, (keys = new Set([...assets.values()].map(recordKey))));
  return keys;
}

/** The files docs pages link to (images…), by URL path: a build copies them, dev serves them. */
function assetFiles(model: PortalModel): Map<string, FileRef> {
  const out = new Map<string, FileRef>();
  for (const site of model.docs?.sites ?? []) {
    for (const a of site.assets) {
      const path = decodeUrlPath(a.url);
      if (path) out.set(path, { repo: a.repo, path: a.path });
    }
  }
  return out;
}

/** Where `--docs` opens: the first page of the nav, as `mkdocs serve` does. */
function firstDocsPage(model: PortalModel): string | undefined {
  const site = model.docs?.sites[0];
  if (!site) return undefined;
  const first = (items: readonly NavItem[]): string | undefined => {
    for (const item of items) {
      if (item.type === 'page') return item.url;
      if (item.type === 'section') {
        const found = item.url ?? first(item.children);
        if (found) return found;
      }
    }
    return undefined;
  };
  return first(site.nav) ?? site.pages[0]?.url ?? site.url;
}

const color = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

function printDiagnostics(diagnostics: readonly Diagnostic[], pathOf: (d: Diagnostic) => string): void {
  const shown = diagnostics.slice(0, PRINT_LIMIT);
  process.stdout.write(formatDiagnostics(shown, 'text', { color: color(), pathOf }));
  if (diagnostics.length > shown.length) console.log(`… and ${diagnostics.length - shown.length} more: see the Problems page`);
}

function report(what: string[], ms: number, before: readonly Diagnostic[], after: readonly Diagnostic[], pathOf: (d: Diagnostic) => string): void {
  const { added, fixed } = diagnosticChanges(before, after);
  const { errors, warnings } = summarise(after);
  const files = what.length > 3 ? `${what.slice(0, 3).join(', ')} and ${what.length - 3} more` : what.join(', ');
  const news = [added.length && `${added.length} new problem${added.length === 1 ? '' : 's'}`, fixed.length && `${fixed.length} fixed`].filter(Boolean).join(', ');
  console.log(`Changed ${files}: rebuilt in ${Math.round(ms)} ms${news ? `, ${news}` : ''} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in all)`);
  printDiagnostics(added, pathOf);
  for (const d of fixed.slice(0, PRINT_LIMIT)) console.log(`fixed  ${pathOf(d)}:${d.line}:${d.column}  ${d.code}  ${d.message}`);
}
