// What every command starts from: the config and a snapshot of the sources it names.

import { basename, join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { BacklotConfig, LocalSourceConfig } from '../config/types.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { openSources } from '../sources/index.ts';
import { openLocalRepos, openLocalSource } from '../sources/local.ts';
import { withFallbackFile } from '../snapshot/overlay.ts';
import type { GithubSnapshot } from '../sources/github/index.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import { UsageError } from './errors.ts';

export interface Context {
  config: BacklotConfig;
  snapshot: Snapshot;
  catalogPath: (repo: RepoInfo) => string;
  /** Where a diagnostic's file is on this machine, relative to the working directory, when it is local. */
  pathOf: (d: Diagnostic) => string;
  /** Ends sources' progress output and prints their crawl summaries (GitHub sources). */
  finish?: () => void;
  /** Built from crawled snapshots: when the last shard's crawl ended. */
  crawledAt?: string;
}

const cwdRelative = (abs: string) => relative(process.cwd(), abs) || '.';

/** `build PATH`: the sub-folders of PATH are the repos, replacing the configured sources. */
export async function openOrgFolder(config: BacklotConfig, path: string): Promise<Context> {
  const dir = resolve(path);
  const local = config.sources.find((s): s is LocalSourceConfig => s.type === 'local');
  const source: LocalSourceConfig = {
    type: 'local',
    path: dir,
    org: local?.org ?? basename(dir),
    host: local?.host ?? 'github.com',
    defaultBranch: local?.defaultBranch ?? 'main',
    catalogPath: local?.catalogPath ?? '/catalog-info.yaml',
  };
  const snapshot = await openLocalSource(source, dir);
  return { config: { ...config, sources: [source] }, snapshot, catalogPath: () => source.catalogPath, pathOf: (d) => cwdRelative(join(dir, d.repo, d.file)) };
}

/** `validate PATH…`: each PATH is one repo, checked on its own with no config. */
export async function openRepoFolders(config: BacklotConfig, paths: string[]): Promise<Context> {
  const folders = paths.map((p) => ({ name: basename(resolve(p)), dir: resolve(p) }));
  const dirs = new Map(folders.map((f) => [f.name, f.dir]));
  const snapshot = await openLocalRepos(folders, { org: 'local', host: 'github.com', defaultBranch: 'main' });
  return {
    config,
    snapshot,
    catalogPath: () => '/catalog-info.yaml',
    pathOf: (d) => cwdRelative(join(dirs.get(d.repo) ?? d.repo, d.file)),
  };
}

/**
 * `dev --docs PATH`: one repo on its own, as `mkdocs serve` previews it. Without a catalog file it reads as a
 * Component named after the folder whose docs are the repo's own (`techdocs-ref: dir:.`), so the docs render.
 */
export async function openDocsRepo(config: BacklotConfig, path: string): Promise<Context> {
  const dir = resolve(path);
  // A name GitHub and the catalog both accept: the repo's links and the entity's name are made from it.
  const name = entityName(basename(dir));
  const local = config.sources.find((s): s is LocalSourceConfig => s.type === 'local');
  const source: LocalSourceConfig = {
    type: 'local',
    path: dir,
    org: local?.org ?? 'local',
    host: local?.host ?? 'github.com',
    defaultBranch: local?.defaultBranch ?? 'main',
    catalogPath: '/catalog-info.yaml',
  };
  const snapshot = withFallbackFile(await openLocalRepos([{ name, dir }], source), { repo: name, path: 'catalog-info.yaml' }, docsOnlyCatalog(name));
  return { config: { ...config, sources: [source] }, snapshot, catalogPath: () => source.catalogPath, pathOf: (d) => cwdRelative(join(dir, d.file)) };
}

/** A folder's name as an entity's: letters, digits and -_. between letters or digits, at most 63 characters. */
export function entityName(folder: string): string {
  return folder.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63).replace(/[^A-Za-z0-9]+$/, '') || 'docs';
}

/** The catalog file a repo of docs alone stands for. */
export function docsOnlyCatalog(name: string): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${JSON.stringify(name)}`,
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec:',
    '  type: documentation',
    '  lifecycle: experimental',
    '  owner: unknown',
    '',
  ].join('\n');
}

/** `repoFields`: plugins' fields of each repo, asked in a crawl's listing (src/plugins/graphql.ts). */
export async function openConfigured(config: BacklotConfig, options: { repoFields?: string } = {}): Promise<Context> {
  const crawls: GithubSnapshot[] = [];
  const { snapshot, sourceOf } = await openSources(config, {
    // Loaded only when a github source is configured, so local builds never load octokit.
    openGithub: async (source, c) => {
      const { openGithubSource } = await import('../sources/github/index.ts');
      const crawl = await openGithubSource(source, c, options.repoFields ? { repoFields: options.repoFields } : {});
      crawls.push(crawl);
      return crawl;
    },
  });
  return {
    config,
    snapshot,
    finish: () => crawls.forEach((c) => c.finish()),
    catalogPath: (repo) => sourceOf(repo.name)?.catalogPath ?? '/catalog-info.yaml',
    pathOf: (d) => {
      if (!d.repo) return cwdRelative(resolve(config.root, d.file)); // the portal's own files (a plugin's config)
      const source = sourceOf(d.repo);
      return source?.type === 'local' ? cwdRelative(resolve(config.root, source.path, d.repo, d.file)) : `${d.repo}/${d.file}`;
    },
  };
}

export function readConfig(file: string | undefined): BacklotConfig {
  return loadConfig(file);
}

/** What a crawl covers, the same on every machine (no absolute paths, no secrets): shards of other sources do not mix. */
export function sourcesKey(config: BacklotConfig): string {
  return JSON.stringify(config.sources.map((s) => (s.type === 'local' ? { ...s, path: relative(config.root, s.path) || '.' } : { ...s, tokenEnv: undefined })));
}

/** `build --snapshots DIR…`: the shards `backlot crawl --shard i/N` wrote, merged; no source is opened. */
export async function openSnapshots(config: BacklotConfig, dirs: readonly string[]): Promise<Context> {
  const { readSnapshots, SnapshotsError } = await import('../snapshot/recorded.ts');
  try {
    const merged = await readSnapshots(dirs);
    if (merged.sources !== sourcesKey(config)) {
      throw new SnapshotsError('the snapshots were crawled with other sources than this config names: crawl every shard with the config you build with');
    }
    return { config, snapshot: merged.snapshot, catalogPath: merged.catalogPath, crawledAt: merged.crawledAt, pathOf: (d) => (d.repo ? `${d.repo}/${d.file}` : cwdRelative(resolve(config.root, d.file))) };
  } catch (err) {
    if (err instanceof SnapshotsError) throw new UsageError(err.message);
    throw err;
  }
}
