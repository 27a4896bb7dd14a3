// What every command starts from: the config and a snapshot of the sources it names.

import { basename, join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { BacklotConfig, LocalSourceConfig } from '../config/types.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { openSources } from '../sources/index.ts';
import { openLocalRepos, openLocalSource } from '../sources/local.ts';
import type { GithubSnapshot } from '../sources/github/index.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';

export interface Context {
  config: BacklotConfig;
  snapshot: Snapshot;
  catalogPath: (repo: RepoInfo) => string;
  /** Where a diagnostic's file is on this machine, relative to the working directory, when it is local. */
  pathOf: (d: Diagnostic) => string;
  /** Ends sources' progress output and prints their crawl summaries (GitHub sources). */
  finish?: () => void;
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

export async function openConfigured(config: BacklotConfig): Promise<Context> {
  const crawls: GithubSnapshot[] = [];
  const { snapshot, sourceOf } = await openSources(config, {
    // Loaded only when a github source is configured, so local builds never load octokit.
    openGithub: async (source, c) => {
      const { openGithubSource } = await import('../sources/github/index.ts');
      const crawl = await openGithubSource(source, c);
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
