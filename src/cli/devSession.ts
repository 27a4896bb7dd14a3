// The model side of `backlot dev`, without Astro: the repos' folders, what a save there means for the model, and
// the pipeline run again over the snapshot with that repo read again. The entity validator and the docs stage's
// render cache and the API summaries are kept between runs, so a run costs what changed plus the stages' passes over the model.

import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { ApiCache } from '../apis/index.ts';
import { createValidator } from '../catalog/validate/index.ts';
import type { LocalSourceConfig } from '../config/types.ts';
import type { RenderCache } from '../docs/index.ts';
import { decodeUrlPath } from '../docs/paths.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { PortalModel } from '../model/portal.ts';
import { runPipeline, type PipelineResult } from '../pipeline/index.ts';
import type { LoadedPlugin } from '../plugins/load.ts';
import { writeReport } from '../plugins/report.ts';
import { recordKey, recordReads, replaceRepos, withFallbackFile, type ReadRecord } from '../snapshot/overlay.ts';
import type { FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';
import { openLocalRepos } from '../sources/local.ts';
import { docsOnlyCatalog, type Context } from './context.ts';
import { addViewDiagnostics } from './viewChecks.ts';
import type { TemplateForms } from '../views/create/page-data.ts';
import type { Change } from './watch.ts';

export interface DevRun {
  result: PipelineResult;
  /** The templates' forms, built once with their diagnostics; the pages show them. */
  forms: TemplateForms;
  /** What the run read: a save elsewhere cannot change its model. */
  record: ReadRecord;
  /** Docs' linked files by URL path (decoded), and plugins' browser scripts by URL path: dev serves both. */
  assets: Map<string, FileRef>;
  scripts: Map<string, string>;
}

export interface Rebuilt {
  /** `repo/path` of each change that mattered. */
  what: string[];
  ms: number;
  /** The diagnostics of the run before. */
  before: readonly Diagnostic[];
}

export interface DevSession {
  current(): DevRun;
  snapshot(): Snapshot;
  /** The folders to watch. */
  roots: string[];
  /** Where a diagnostic's file is, relative to the working directory. */
  pathOf(d: Diagnostic): string;
  /** Reads the repos the changes concern again and runs the pipeline; undefined when no change matters. */
  rebuild(changes: readonly Change[]): Promise<Rebuilt | undefined>;
}

export async function openDevSession(ctx: Context, options: { docsMode: boolean; plugins?: readonly LoadedPlugin[] }): Promise<DevSession> {
  const folders = watchedFolders(ctx, options.docsMode);
  const folderOf = new Map<string, Folder>();
  for (const folder of folders) for (const repo of ctx.snapshot.repos) if (isDir(folder.abs(repo.name, ''))) folderOf.set(repo.name, folder);
  const catalogPath = (repo: RepoInfo) => folderOf.get(repo.name)?.catalogPath ?? ctx.catalogPath(repo);
  const pathOf = (d: Diagnostic) => {
    const folder = folderOf.get(d.repo);
    return folder ? cwdRelative(folder.abs(d.repo, d.file)) : ctx.pathOf(d);
  };

  let snapshot = ctx.snapshot;
  const docsCache: RenderCache = new Map();
  const apiCache: ApiCache = new Map();
  // Made once: the config, and so the custom kinds, stay as they were at the start.
  const validate = createValidator({ customKinds: ctx.config.catalog.kinds });
  const run = async (): Promise<DevRun> => {
    const recorded = recordReads(snapshot);
    // A lone repo cannot see the owners and systems it names.
    const result = await runPipeline(ctx.config, recorded.snapshot, { catalogPath, ignoreDangling: options.docsMode, diagrams: 'browser', previews: !options.docsMode, docsCache, apiCache, validate, ...(options.plugins ? { plugins: options.plugins } : {}) });
    const forms = addViewDiagnostics(result);
    if (result.plugins) await writeReport(ctx.config.cacheDir, result.plugins.report);
    // Plugins' browser scripts, which a build copies into the site, by URL path.
    const scripts = new Map((result.plugins?.scripts ?? []).map((script) => [`${ctx.config.site.base}${script.path}`, script.file]));
    return { result, forms, record: recorded.record, assets: assetFiles(result.model), scripts };
  };
  let current = await run();

  /** Changes the model may depend on, per folder: the repos to read again and, for the log, what changed. */
  const relevant = async (changes: readonly Change[]) => {
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
      const folder = folders.find((f) => f.root === change.root);
      const at = folder?.locate(change.path);
      if (!folder || !at || !(await matters(folder, at.repo, at.file, known, current.record, listed, current.assets))) continue;
      byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(at.repo));
      what.push(`${at.repo}${at.file ? `/${at.file}` : ''}`);
    }
    return { byFolder, what };
  };

  return {
    current: () => current,
    snapshot: () => snapshot,
    roots: folders.map((f) => f.root),
    pathOf,
    async rebuild(changes) {
      const started = performance.now();
      const { byFolder, what } = await relevant(changes);
      if (byFolder.size === 0) return undefined;
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
      return { what, ms: performance.now() - started, before };
    },
  };
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
      const there = new Set(names.filter((n) => isDir(resolve(root, n))));
      const fresh = await openLocalRepos([...there].sort().map((name) => ({ name, dir: resolve(root, name) })), source);
      return { fresh, gone: new Set(names.filter((n) => !there.has(n))) };
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

const isDir = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false;
const cwdRelative = (abs: string) => relative(process.cwd(), abs) || '.';

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
