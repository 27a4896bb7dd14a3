// The warning a stale repo deserves: its entities are real, but from an older crawl.

import type { Diagnostic } from '../model/diagnostic.ts';
import type { RepoInfo } from '../snapshot/types.ts';

/** One `stale-repo` warning per repo whose files came from the cache because GitHub failed it. */
export function staleRepoDiagnostics(repos: readonly RepoInfo[], catalogPath: (repo: RepoInfo) => string = () => 'catalog-info.yaml'): Diagnostic[] {
  return repos
    .filter((r): r is RepoInfo & { stale: NonNullable<RepoInfo['stale']> } => !!r.stale)
    .map((r) => ({
      severity: 'warning' as const,
      code: 'stale-repo',
      message: r.stale.since
        ? `${r.owner}/${r.name} could not be read (${r.stale.reason}); its entities are from the last good crawl (${r.stale.since})`
        : `${r.owner}/${r.name} could not be read (${r.stale.reason}) and was never crawled before: what could not be read is missing from this build`,
      hint: 'nothing to change in the repo: the next build that can read it refreshes them; if it persists, check that the token can still see this repo',
      repo: r.name,
      file: catalogPath(r).replace(/^\/+/, ''),
      line: 0,
      column: 0,
    }));
}
