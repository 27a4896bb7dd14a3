// Links into the source repos the model came from.

import type { RepoInfo } from '../snapshot/types.ts';
import { githubBlobUrl } from '../model/githubUrl.ts';

// Every entity page looks its repo up: by name from a map built once per list, not a scan of hundreds of repos.
const byName = new WeakMap<readonly RepoInfo[], Map<string, RepoInfo>>();

export function findRepo(repos: readonly RepoInfo[], name: string): RepoInfo | undefined {
  let map = byName.get(repos);
  if (!map) {
    map = new Map();
    for (const r of repos) if (!map.has(r.name)) map.set(r.name, r);
    byName.set(repos, map);
  }
  return map.get(name);
}

/** Web URL of a file (at a line) on the repo's default branch, GitHub style. */
export function repoFileUrl(repo: RepoInfo, file: string, line = 0): string {
  return githubBlobUrl(repo.url, repo.defaultBranch, file, line);
}
