// Links into the source repos the model came from.

import type { RepoInfo } from '../../snapshot/types.ts';

export function findRepo(repos: readonly RepoInfo[], name: string): RepoInfo | undefined {
  return repos.find((r) => r.name === name);
}

/** Web URL of a file (at a line) on the repo's default branch, GitHub style. */
export function repoFileUrl(repo: RepoInfo, file: string, line = 0): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${repo.url}/blob/${encodeURIComponent(repo.defaultBranch)}/${path}${line > 0 ? `#L${line}` : ''}`;
}
