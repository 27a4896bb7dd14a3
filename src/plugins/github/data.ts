// What the GitHub plugin asks GitHub about each repo (one selection in the crawl's listing queries), and the
// plain per-repo data it keeps from the answer. The same answer can come from a file in a repo of a local source
// (`localData`), so it is read defensively: whatever is missing or of the wrong type is left out.

import type { Codeowners } from './codeowners.ts';

export interface GithubRepoData {
  /** `owner/name`. */
  slug: string;
  url: string;
  release?: { name: string; tag: string; publishedAt?: string; url?: string };
  /** The newest tag. */
  tag?: string;
  openPullRequests?: number;
  openIssues?: number;
  /** The default branch's head: the combined check state and its workflow runs. */
  ci?: { state: string; commit?: string; runs: Array<{ workflow: string; number?: number; status: string; conclusion?: string; url?: string }> };
  /** Share of the repo's code, largest first, in percent (one decimal). */
  languages: Array<{ name: string; percent: number }>;
  /** Authors of the last `commits` commits of the default branch, most commits first. */
  contributors: Array<{ login?: string; name: string; commits: number }>;
  /** Commits the contributors were counted from. */
  commits: number;
  codeowners?: Codeowners;
  /** Where GitHub's answer came from: the crawl's listing, or a file in the repo; none with only CODEOWNERS. */
  from?: 'github' | 'file';
}

/** The plugin's fields of a Repository; `commits` bounds the history read for contributors (≤ 100, one page). */
export function repoSelection(commits: number): string {
  return `
  latestRelease { name tagName publishedAt url }
  refs(refPrefix: "refs/tags/", first: 1, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) { nodes { name } }
  pullRequests(states: [OPEN], first: 1) { totalCount }
  issues(states: [OPEN], first: 1) { totalCount }
  languages(first: 10, orderBy: { field: SIZE, direction: DESC }) { totalSize edges { size node { name } } }
  defaultBranchRef {
    target {
      ... on Commit {
        oid
        statusCheckRollup { state }
        checkSuites(first: 20) { nodes { status conclusion app { slug } workflowRun { runNumber url workflow { name } } } }
        history(first: ${commits}) { nodes { author { name user { login } } } }
      }
    }
  }`;
}

const obj = (v: unknown): Record<string, any> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The plugin's data for a repo from GitHub's answer to `repoSelection` (or a file holding the same). */
export function repoData(raw: Record<string, unknown>, repo: { owner: string; name: string; url: string }, top: number, from: 'github' | 'file'): GithubRepoData {
  const release = obj(raw.latestRelease);
  const tag = str(obj(list(obj(raw.refs)?.nodes)[0])?.name);
  const languages = obj(raw.languages);
  const total = num(languages?.totalSize) ?? 0;
  const head = obj(obj(raw.defaultBranchRef)?.target);
  const runs = list(obj(head?.checkSuites)?.nodes).flatMap((n) => {
    const suite = obj(n);
    const run = obj(suite?.workflowRun);
    const workflow = str(obj(run?.workflow)?.name);
    if (!suite || !workflow) return [];
    return [{ workflow, ...(num(run?.runNumber) !== undefined ? { number: num(run?.runNumber)! } : {}), status: str(suite.status) ?? 'UNKNOWN', ...(str(suite.conclusion) ? { conclusion: str(suite.conclusion)! } : {}), ...(str(run?.url) ? { url: str(run?.url)! } : {}) }];
  });
  const state = str(obj(head?.statusCheckRollup)?.state);
  const authors = new Map<string, { login?: string; name: string; commits: number }>();
  const history = list(obj(head?.history)?.nodes);
  for (const n of history) {
    const author = obj(obj(n)?.author);
    const login = str(obj(author?.user)?.login);
    const name = str(author?.name) ?? login;
    if (!name) continue;
    const key = login ? `@${login.toLowerCase()}` : name.toLowerCase();
    const a = authors.get(key) ?? { ...(login ? { login } : {}), name, commits: 0 };
    a.commits++;
    authors.set(key, a);
  }
  return {
    slug: `${repo.owner}/${repo.name}`,
    url: repo.url,
    ...(release && str(release.tagName) ? { release: { name: str(release.name) ?? str(release.tagName)!, tag: str(release.tagName)!, ...(str(release.publishedAt) ? { publishedAt: str(release.publishedAt)! } : {}), ...(str(release.url) ? { url: str(release.url)! } : {}) } } : {}),
    ...(tag ? { tag } : {}),
    ...(num(obj(raw.pullRequests)?.totalCount) !== undefined ? { openPullRequests: num(obj(raw.pullRequests)?.totalCount)! } : {}),
    ...(num(obj(raw.issues)?.totalCount) !== undefined ? { openIssues: num(obj(raw.issues)?.totalCount)! } : {}),
    ...(state || runs.length ? { ci: { state: state ?? 'UNKNOWN', ...(str(head?.oid) ? { commit: str(head?.oid)! } : {}), runs } } : {}),
    languages: total
      ? list(languages?.edges).flatMap((e) => {
          const name = str(obj(obj(e)?.node)?.name);
          const size = num(obj(e)?.size);
          return name && size !== undefined ? [{ name, percent: Math.round((size / total) * 1000) / 10 }] : [];
        })
      : [],
    contributors: [...authors.values()].sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name)).slice(0, top),
    commits: history.length,
    from,
  };
}
