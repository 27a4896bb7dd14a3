// The `github` source: lists an org's repos in a few GraphQL pages (root catalog files included),
// serves everything else from a commit-keyed cache or batched queries, and keeps a repo's last good
// files when GitHub fails it. After this, nothing knows the files came from GitHub.

import type { BacklotConfig, GithubSourceConfig } from '../../config/types.ts';
import type { RepoInfo, Snapshot } from '../../snapshot/types.ts';
import { orgCacheDir, orgIndexFile, pruneBytes, readOrgIndex, readRepoCache, repoCacheFile, writeOrgIndex, type RepoState } from './cache.ts';
import { createGithubClient, GithubError, type GithubClientOptions } from './client.ts';
import { storeBlob } from './fetch.ts';
import { repoFilter, serverSideFilters } from './filters.ts';
import { listOrg } from './listing.ts';
import { createProgress, formatSummary, type CrawlSummary } from './progress.ts';
import { LIST_PAGE_SIZE, type ListedRepoNode } from './queries.ts';
import { markFailed, type RepoRecord } from './record.ts';
import { githubSnapshot, persist } from './snapshot.ts';
import { join } from 'node:path';

export { repoFilter, compileRepositoryPattern, satisfiesTopicFilter, satisfiesVisibilityFilter } from './filters.ts';
export type { CrawlSummary } from './progress.ts';

export interface OpenGithubOptions {
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Where progress lines, warnings and the summary go (default: stderr). */
  log?: (line: string) => void;
  /** Draw a progress bar; default when stderr is a terminal and `CI` is unset. */
  progress?: boolean;
  /** Retry, timeout and concurrency knobs (tests use small waits). */
  client?: Partial<Pick<GithubClientOptions, 'retries' | 'retryBaseMs' | 'timeoutMs' | 'maxWaitMs' | 'concurrency'>>;
  /** Repos per listing page (max 100). */
  pageSize?: number;
}

export interface GithubSnapshot extends Snapshot {
  /** Repos whose files are the last good ones from the cache (GitHub failed them this time). */
  staleRepos(): RepoInfo[];
  summary(): CrawlSummary;
  /** Stops the progress display and logs the summary. */
  finish(): void;
}

export async function openGithubSource(source: GithubSourceConfig, config: BacklotConfig, options: OpenGithubOptions = {}): Promise<GithubSnapshot> {
  const started = performance.now();
  const token = process.env[source.tokenEnv];
  if (!token) {
    throw new Error(
      `GitHub source: environment variable ${source.tokenEnv} is not set. It must hold a token that can read ` +
        `${source.orgs.join(', ') || 'the organisation'} (read-only: repository metadata and contents).`,
    );
  }
  if (source.orgs.length === 0) throw new Error('GitHub source: no organisation configured ("org" or "orgs")');

  const write = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const counts = { files: 0, trees: 0 };
  const client = createGithubClient({ apiBaseUrl: source.apiBaseUrl, token, log: (l) => progress.log(l), ...(options.fetch ? { fetch: options.fetch } : {}), ...options.client });
  const progress = createProgress({
    bar: options.progress ?? (!!process.stderr.isTTY && !process.env.CI),
    write: (line) => write(client.redact(line)),
    counts: () => ({ requests: client.stats.requests, points: client.stats.points, files: counts.files }),
  });
  const log = (line: string) => progress.log(client.redact(line));

  const catalogPath = source.catalogPath.replace(/^\/+/, '');
  const glob = /[*?[\]{}!]/.test(catalogPath);
  const filter = repoFilter(source.filters);
  const branch = source.filters.branch;
  const records = new Map<string, RepoRecord>();
  const orgOf = new Map<string, string>();
  let seen = 0;
  let changed = 0;

  function add(rec: RepoRecord, org: string): void {
    const other = orgOf.get(rec.info.name);
    if (other !== undefined) {
      throw new Error(`GitHub source: both ${other} and ${org} have a repo named "${rec.info.name}"; repo names must be unique across one source's orgs (use a repository filter or a separate source)`);
    }
    orgOf.set(rec.info.name, org);
    records.set(rec.info.name, rec);
  }

  async function openRecord(org: string, orgDir: string, info: RepoInfo): Promise<RepoRecord> {
    const cacheFile = repoCacheFile(orgDir, info.name);
    const cached = await readRepoCache(cacheFile);
    const same = !!cached && cached.state.commit === info.commit && cached.state.branch === info.defaultBranch;
    const state: RepoState = same ? cached.state : { commit: info.commit, branch: info.defaultBranch, paths: {} };
    // A tree listed before file modes were kept is listed again (its blobs stay cached).
    if (same && state.tree && !state.modes) delete state.tree;
    return {
      info,
      owner: org,
      cacheFile,
      state,
      ...(!same && cached ? { fallback: cached.state } : {}),
      ...(cached ? { savedAt: cached.savedAt } : {}),
      blobs: new Map(Object.entries(cached?.blobs ?? {})),
      dirty: !same,
    };
  }

  function repoInfo(org: string, node: ListedRepoNode, ref: { name: string; commit: string }): RepoInfo {
    const visibility = node.visibility.toLowerCase();
    return {
      name: node.name,
      owner: org,
      host: source.host,
      defaultBranch: ref.name,
      commit: ref.commit,
      url: `https://${source.host}/${org}/${node.name}`,
      ...(node.description ? { description: node.description } : {}),
      topics: node.repositoryTopics.nodes.map((t) => t.topic.name),
      ...(visibility === 'public' || visibility === 'private' || visibility === 'internal' ? { visibility } : {}),
      archived: node.isArchived,
      fork: node.isFork,
    };
  }

  try {
    for (const org of source.orgs) {
      const orgDir = orgCacheDir(config.cacheDir, source.host, org);
      const index = await readOrgIndex(orgIndexFile(orgDir));
      progress.start(`repos of ${org} listed`, 0);
      let listing;
      try {
        listing = await listOrg(
          client,
          {
            org,
            pageSize: Math.min(options.pageSize ?? LIST_PAGE_SIZE, LIST_PAGE_SIZE),
            ...(glob ? {} : { expression: `${branch ?? 'HEAD'}:${catalogPath}` }),
            // A first crawl takes the texts with the listing; later ones only fetch what changed.
            withText: !index,
            ...(branch ? { branch: `refs/heads/${branch}` } : {}),
            serverFilters: serverSideFilters(source.filters),
          },
          (listed, total, texts) => {
            counts.files += texts;
            progress.update(listed, total);
          },
        );
      } finally {
        progress.stop();
      }
      if (!listing.complete) {
        if (!index) throw new GithubError(`GitHub source: could not list the repos of ${org} (${listing.error}), and there is no earlier crawl to fall back on`, 0);
        log(`GitHub: listing ${org} stopped early (${listing.error}); repos not listed keep their last good snapshot`);
      }
      seen += listing.repos.length;

      const matched = listing.repos.flatMap(({ node, failure }) => {
        const topics = node.repositoryTopics.nodes.map((t) => t.topic.name);
        if (!filter({ name: node.name, topics, fork: node.isFork, archived: node.isArchived, visibility: node.visibility })) return [];
        // Backstage skips repos with no default branch; with `filters.branch`, those without that branch hold nothing.
        const ref = branch ? node.branchRef : node.defaultBranchRef;
        const commit = ref?.target?.oid;
        if (!ref || !commit) return [];
        return [{ node, failure, info: repoInfo(org, node, { name: ref.name, commit }) }];
      });
      const opened = await Promise.all(matched.map((m) => openRecord(org, orgDir, m.info)));
      opened.forEach((rec, i) => {
        const { node, failure } = matched[i]!;
        add(rec, org);
        if (rec.dirty) changed++;
        if (failure) markFailed(rec, failure);
        else if (!glob && node.catalog !== undefined) {
          const known = rec.state.paths[catalogPath];
          if (known === undefined || known !== (node.catalog?.oid ?? null)) storeBlob(rec, catalogPath, node.catalog);
        }
      });

      if (!listing.complete && index) {
        const listed = new Set(listing.repos.map((r) => r.node.name));
        const unlisted = index.repos.filter((r) => !listed.has(r.name));
        const kept = await Promise.all(unlisted.map((info) => openRecord(org, orgDir, { ...info })));
        for (const rec of kept) {
          add(rec, org);
          markFailed(rec, `listing failed: ${listing.error}`);
        }
      } else {
        await writeOrgIndex(orgIndexFile(orgDir), opened.map((r) => r.info));
      }
    }
    await persist(records.values());
  } catch (err) {
    progress.stop();
    if (err instanceof Error) throw new Error(client.redact(err.message));
    throw err;
  }

  const summary = (): CrawlSummary => {
    const all = [...records.values()];
    return {
      orgs: source.orgs,
      seen,
      matched: all.length,
      changed,
      stale: all.filter((r) => r.failure).length,
      requests: client.stats.requests,
      points: client.stats.points,
      files: counts.files,
      ms: performance.now() - started,
      ...(client.stats.rateLimit ? { rateLimit: client.stats.rateLimit } : {}),
    };
  };
  const listed = summary();
  log(`GitHub: listed ${listed.seen} repos of ${source.orgs.join(', ')}: ${listed.matched} matched, ${listed.changed} changed${listed.stale ? `, ${listed.stale} stale` : ''} (${listed.requests} requests, ${listed.points} points)`);

  const bytesDir = join(config.cacheDir, 'github', 'bytes');
  const snapshot = githubSnapshot({ records, fetch: { client, counts, log }, progress, bytesDir, log });
  return {
    ...snapshot,
    staleRepos: () => snapshot.repos.filter((r) => r.stale),
    summary,
    finish() {
      progress.stop();
      log(formatSummary(summary()));
      // Only what a repo's state names survives (docs assets read later are among them); a stale repo keeps its
      // last good state's too.
      pruneBytes(bytesDir, [...records.values()].flatMap((r) => (r.failure ? [r.state, r.fallback] : [r.state])));
    },
  };
}
