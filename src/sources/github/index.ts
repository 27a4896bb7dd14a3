// The `github` source: lists an org's repos in a few GraphQL pages (root catalog files included),
// serves everything else from a commit-keyed cache or batched queries, and keeps a repo's last good
// files when GitHub fails it. After this, nothing knows the files came from GitHub.

import type { BacklotConfig, GithubSourceConfig } from '../../config/types.ts';
import type { RepoInfo, Snapshot } from '../../snapshot/types.ts';
import { mapLimit } from '../../util/mapLimit.ts';
import { orgCacheDir, orgIndexFile, pruneBytes, readOrgIndex, readRepoCache, repoCacheFile, writeOrgIndex, type RepoState } from './cache.ts';
import { createGithubClient, GithubError, type GithubClientOptions } from './client.ts';
import { storeBlob } from './fetch.ts';
import { compileRepositoryPattern, repoFilter, serverSideFilters } from './filters.ts';
import { listOrg, type OrgListing } from './listing.ts';
import { createProgress, formatSummary, staleReasons, type CrawlSummary } from './progress.ts';
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
  /** Plugins' fields of each repo, asked in the listing's own queries (src/plugins/graphql.ts). */
  repoFields?: string;
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
  // Plugins' aliased fields by repo, from this listing only (they change without a commit, so are never cached).
  const fields = new Map<string, Record<string, unknown>>();
  const fieldErrors: Array<{ repo: string; alias: string; field: string; message: string }> = [];
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

  /** A repo GitHub named but never answered for, with no earlier crawl: in the build with no files, and a warning. */
  function unreadRecord(org: string, orgDir: string, name: string): RepoRecord {
    const empty: RepoState = { commit: '', branch: 'HEAD', paths: {}, tree: [] };
    const info: RepoInfo = { name, owner: org, host: source.host, defaultBranch: 'HEAD', commit: '', url: `https://${source.host}/${org}/${name}` };
    return { info, owner: org, cacheFile: repoCacheFile(orgDir, name), state: empty, fallback: empty, blobs: new Map(), dirty: false };
  }

  function repoInfo(org: string, node: ListedRepoNode, ref: { name: string; commit: string; author?: string }): RepoInfo {
    const visibility = node.visibility.toLowerCase();
    return {
      name: node.name,
      owner: org,
      host: source.host,
      defaultBranch: ref.name,
      commit: ref.commit,
      ...(ref.author ? { author: ref.author } : {}),
      url: `https://${source.host}/${org}/${node.name}`,
      ...(node.description ? { description: node.description } : {}),
      topics: node.repositoryTopics.nodes.map((t) => t.topic.name),
      ...(visibility === 'public' || visibility === 'private' || visibility === 'internal' ? { visibility } : {}),
      archived: node.isArchived,
      fork: node.isFork,
    };
  }

  /** Repos of the last good crawl an incomplete listing did not bring back: kept, stale. Returns their index entries. */
  async function keepUnlisted(org: string, orgDir: string, listing: OrgListing, known: RepoInfo[]): Promise<RepoInfo[]> {
    const listed = new Set(listing.repos.map((r) => r.node.name));
    const why = new Map(listing.unread.flatMap((u) => (u.name ? [[u.name, u.reason] as const] : [])));
    const unnamed = listing.unread.filter((u) => !u.name);
    const unlisted = known.filter((r) => !listed.has(r.name));
    // Bounded: a failed listing of a large org leaves every repo unlisted, and each opens its cache file.
    const recs = await mapLimit(unlisted, 64, (info) => openRecord(org, orgDir, { ...info }));
    recs.forEach((rec) => {
      add(rec, org);
      const reason = why.get(rec.info.name);
      if (reason) markFailed(rec, `listing failed: ${reason}`);
      else if (!listing.complete) markFailed(rec, `listing failed: ${listing.error}`);
      else if (unnamed.length > 0) markFailed(rec, `listing incomplete: ${unnamed.length} repos failed that GitHub would not name (${unnamed[0]!.reason.split('\n')[0]})`);
      else markFailed(rec, `listing incomplete: ${listing.doubt?.split('\n')[0]}`);
    });
    return unlisted;
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
            ...(options.repoFields ? { extraFields: options.repoFields } : {}),
          },
          (listed, total, texts) => {
            counts.files += texts;
            progress.update(listed, total);
          },
          log,
        );
      } finally {
        progress.stop();
      }
      if (!listing.complete) {
        if (!index) throw new GithubError(`GitHub source: could not list the repos of ${org} (${listing.error}), and there is no earlier crawl to fall back on`, 0);
        log(`GitHub: listing ${org} stopped early (${listing.error}); repos not listed keep their last good snapshot`);
      }
      if (listing.doubt) log(`GitHub: listing ${org} answered with an error that names no repo (${listing.doubt.split('\n')[0]}); repos not listed keep their last good snapshot`);
      if (listing.unread.length > 0) {
        const named = listing.unread.filter((u) => u.name).length;
        log(
          `GitHub: ${listing.unread.length} repos of ${org} failed in the listing and again by name (${listing.unread[0]!.reason.split('\n')[0]})` +
            `${named < listing.unread.length ? `, ${listing.unread.length - named} of them unnamed` : ''}; repos of the last good crawl keep their snapshot`,
        );
      }
      seen += listing.repos.length + listing.unread.length;
      for (const e of listing.fieldErrors) fieldErrors.push({ repo: e.name ?? '', alias: e.alias, field: e.field, message: e.message });

      const matched = listing.repos.flatMap(({ node, failure }) => {
        const topics = node.repositoryTopics.nodes.map((t) => t.topic.name);
        if (!filter({ name: node.name, topics, fork: node.isFork, archived: node.isArchived, visibility: node.visibility })) return [];
        // Backstage skips repos with no default branch; with `filters.branch`, those without that branch hold nothing.
        const ref = branch ? node.branchRef : node.defaultBranchRef;
        const commit = ref?.target?.oid;
        if (!ref || !commit) return [];
        const author = ref.target?.author?.user?.login ?? ref.target?.author?.name ?? undefined;
        return [{ node, failure, info: repoInfo(org, node, { name: ref.name, commit, ...(author ? { author } : {}) }) }];
      });
      const opened = await Promise.all(matched.map((m) => openRecord(org, orgDir, m.info)));
      opened.forEach((rec, i) => {
        const { node, failure } = matched[i]!;
        add(rec, org);
        if (options.repoFields) fields.set(rec.info.name, Object.fromEntries(Object.entries(node).filter(([k]) => k.includes('__'))));
        if (rec.dirty) changed++;
        if (failure) markFailed(rec, failure);
        else if (!glob && node.catalog !== undefined) {
          const known = rec.state.paths[catalogPath];
          if (known === undefined || known !== (node.catalog?.oid ?? null)) storeBlob(rec, catalogPath, node.catalog);
        }
      });

      // Only a complete listing without errors may remove a repo: otherwise every repo of the last good
      // crawl that did not come back keeps its snapshot, marked stale, and the index keeps it too.
      const clean = listing.complete && listing.unread.length === 0 && !listing.doubt;
      const kept = clean || !index ? [] : await keepUnlisted(org, orgDir, listing, index.repos);
      // A repo never crawled before that failed has nothing to keep: it is in the build with no files, and warned about.
      const known = new Set(index?.repos.map((r) => r.name));
      const pattern = source.filters.repository ? compileRepositoryPattern(source.filters.repository) : undefined;
      for (const u of listing.unread) {
        if (!u.name || known.has(u.name) || orgOf.has(u.name) || (pattern && !pattern.test(u.name))) continue;
        const rec = unreadRecord(org, orgDir, u.name);
        add(rec, org);
        markFailed(rec, `listing failed: ${u.reason}`);
      }
      await writeOrgIndex(orgIndexFile(orgDir), [...opened.map((r) => r.info), ...kept]);
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
      staleReasons: staleReasons(all.flatMap((r) => (r.failure ? [r.failure] : []))),
      requests: client.stats.requests,
      points: client.stats.points,
      files: counts.files,
      ms: performance.now() - started,
      ...(client.stats.rateLimit ? { rateLimit: client.stats.rateLimit } : {}),
    };
  };
  const listed = summary();
  log(`GitHub: listed ${listed.seen} repos of ${source.orgs.join(', ')}: ${listed.matched} matched, ${listed.changed} changed${listed.stale ? `, ${listed.stale} stale (${listed.staleReasons})` : ''} (${listed.requests} requests, ${listed.points} points)`);

  const bytesDir = join(config.cacheDir, 'github', 'bytes');
  const snapshot = githubSnapshot({ records, fetch: { client, counts, log }, progress, bytesDir, log });
  return {
    ...snapshot,
    repoFields: (repo) => fields.get(repo),
    repoFieldErrors: () => fieldErrors,
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
