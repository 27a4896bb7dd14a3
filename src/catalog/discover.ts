// Root catalog files of each repo, from Backstage's `catalogPath` (a path or a glob).

import picomatch from 'picomatch';
import type { FileRef, RepoInfo } from '../snapshot/types.ts';
import { isGlob, normalizeRepoPath } from './paths.ts';

/**
 * A plain path needs no listing; a glob lists only the repos that use one, all at once.
 * A path that would leave the repo matches nothing.
 */
export async function rootCatalogFiles(
  repos: readonly RepoInfo[],
  catalogPath: (repo: RepoInfo) => string,
  list: (repo: string) => Promise<string[]>,
): Promise<FileRef[]> {
  const found = await Promise.all(
    repos.map(async (repo): Promise<FileRef[]> => {
      const path = normalizeRepoPath(catalogPath(repo).trim());
      if (!path) return [];
      if (!isGlob(path)) return [{ repo: repo.name, path }];
      const isMatch = picomatch(path);
      return (await list(repo.name)).filter((p) => isMatch(p)).map((p) => ({ repo: repo.name, path: p }));
    }),
  );
  return found.flat();
}
