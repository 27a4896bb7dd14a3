// Lists an org's repos, page by page, with the root catalog file's blob in the same query.

import { GithubError, type GithubClient, type GraphqlResult } from './client.ts';
import { LIST_REPOS, type ListedRepoNode, type ListReposData } from './queries.ts';

export interface ListOrgParams {
  org: string;
  pageSize: number;
  /** `<rev>:<path>` of the root catalog file; undefined when the catalog path is a glob. */
  expression?: string;
  /** Ask for blob texts too (a cold crawl); otherwise only blob ids, and changed files are read later. */
  withText: boolean;
  /** `refs/heads/<branch>` when `filters.branch` is set. */
  branch?: string;
  serverFilters: { isArchived: boolean | null; isFork: boolean | null; visibility: string | null };
}

export interface ListedRepo {
  node: ListedRepoNode;
  /** Why this repo's git data could not be read (its metadata still could). */
  failure?: string;
}

export interface OrgListing {
  repos: ListedRepo[];
  total: number;
  /** False when a page failed for good: the repos after it are unknown. */
  complete: boolean;
  error?: string;
}

/** Big pages are what times out on GitHub, so a failing page is retried smaller, down to this. */
const MIN_PAGE = 25;
const NODE_PATH = ['organization', 'repositories', 'nodes'];

/** `onPage` learns the repos listed so far, the org's total, and how many file texts the page brought. */
export async function listOrg(
  client: GithubClient,
  params: ListOrgParams,
  onPage?: (listed: number, total: number, texts: number) => void,
): Promise<OrgListing> {
  const repos: ListedRepo[] = [];
  let after: string | null = null;
  let size = params.pageSize;
  let withBlob = params.expression !== undefined;
  let total = 0;
  for (;;) {
    let res: GraphqlResult<ListReposData>;
    try {
      res = await client.graphql<ListReposData>(LIST_REPOS, {
        org: params.org,
        first: size,
        after,
        expression: params.expression ?? 'HEAD:',
        withBlob,
        withText: params.withText,
        branch: params.branch ?? 'HEAD',
        byBranch: params.branch !== undefined,
        ...params.serverFilters,
      });
    } catch (err) {
      const status = (err as GithubError).status;
      if (status === 401 || !(err instanceof GithubError)) throw err;
      if (size > MIN_PAGE) {
        size = Math.max(MIN_PAGE, Math.floor(size / 2));
        continue;
      }
      if (withBlob) {
        // Keep listing without the blobs; the repos of this page are then read as failed.
        withBlob = false;
        continue;
      }
      return { repos, total, complete: false, error: err.message };
    }
    const org = res.data?.organization;
    if (!org) {
      const why = res.errors.map((e) => e.message).join('; ');
      throw new GithubError(`GitHub organization "${params.org}" was not found, or the token cannot see it${why ? ` (${why})` : ''}`, 404);
    }
    const failures = new Map<number, string>();
    for (const e of res.errors) {
      const path = e.path ?? [];
      if (NODE_PATH.every((p, i) => path[i] === p) && typeof path[3] === 'number') failures.set(path[3], e.message);
    }
    const droppedBlob = params.expression !== undefined && !withBlob;
    org.repositories.nodes.forEach((node, i) => {
      if (!node) return;
      const failure = failures.get(i) ?? (droppedBlob ? 'its catalog file could not be read' : undefined);
      repos.push(failure ? { node, failure } : { node });
    });
    total = org.repositories.totalCount;
    onPage?.(repos.length, total, org.repositories.nodes.filter((n) => typeof n?.catalog?.text === 'string').length);
    if (!org.repositories.pageInfo.hasNextPage || !org.repositories.pageInfo.endCursor) return { repos, total, complete: true };
    after = org.repositories.pageInfo.endCursor;
    withBlob = params.expression !== undefined;
  }
}
