// Batched reads: many blobs (or trees) of many repos per GraphQL query, chunked to stay well inside
// GitHub's limits. A chunk that fails as a whole is split until the failing repo is isolated, so one
// bad repo never takes its neighbours down with it; the repos a partial answer failed are asked for
// again, alone, before they are marked failed.

import { createHash } from 'node:crypto';
import { MAX_TEXT_BYTES } from '../../snapshot/memory.ts';
import type { CachedBlob, TreeFile } from './cache.ts';
import { GithubError, type GithubClient, type GraphqlError } from './client.ts';
import { blobsQuery, treesQuery, type ListedBlob, type TreeEntryNode } from './queries.ts';
import { markFailed, type RepoRecord } from './record.ts';
import { retryFailed } from './retry.ts';

/** Blobs per query, and the text we expect back per query (sizes are known once a tree is listed). */
export const MAX_BLOBS_PER_QUERY = 100;
export const MAX_BYTES_PER_QUERY = 2_000_000;
/** Assumed size of a file whose size is not known yet. */
const GUESSED_SIZE = 8_000;
/** Root trees per query, and deeper folders per follow-up query. */
export const TREES_PER_QUERY = 25;
export const SUBTREES_PER_QUERY = 50;

export interface FetchContext {
  client: GithubClient;
  counts: { files: number; trees: number };
  log: (line: string) => void;
  /** Called as chunks finish, for progress. */
  onChunk?: (items: number) => void;
}

export interface BlobWant {
  rec: RepoRecord;
  path: string;
  expression: string;
  size?: number;
}

/** Fetches blobs into their records; a repo that cannot be read is marked failed. */
export async function fetchBlobs(ctx: FetchContext, wants: BlobWant[]): Promise<void> {
  const chunks: BlobWant[][] = [];
  let chunk: BlobWant[] = [];
  let bytes = 0;
  for (const w of wants) {
    const size = Math.min(w.size ?? GUESSED_SIZE, MAX_TEXT_BYTES);
    if (chunk.length > 0 && (chunk.length >= MAX_BLOBS_PER_QUERY || bytes + size > MAX_BYTES_PER_QUERY)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(w);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  await Promise.all(chunks.map((c) => blobChunk(ctx, c)));
}

function groupByRepo<T extends { rec: RepoRecord }>(items: T[]): Array<{ rec: RepoRecord; items: T[] }> {
  const groups = new Map<RepoRecord, T[]>();
  for (const item of items) groups.set(item.rec, [...(groups.get(item.rec) ?? []), item]);
  return [...groups].map(([rec, list]) => ({ rec, items: list }));
}

/** Runs `attempt` on a chunk; on failure splits it by repo, until a single repo is marked failed. */
async function isolate<T extends { rec: RepoRecord }>(items: T[], attempt: (items: T[]) => Promise<void>): Promise<void> {
  const live = items.filter((i) => !i.rec.failure);
  if (live.length === 0) return;
  try {
    await attempt(live);
  } catch (err) {
    const groups = groupByRepo(live);
    const message = err instanceof GithubError ? err.message : String(err);
    // Auth and exhausted rate limits fail the same way for every repo: do not split, do not retry.
    const hopeless = err instanceof GithubError && (err.status === 401 || /rate limit exhausted/.test(err.message));
    if (groups.length === 1 || hopeless) {
      for (const g of groups) markFailed(g.rec, message);
      return;
    }
    const half = Math.ceil(groups.length / 2);
    await isolate(groups.slice(0, half).flatMap((g) => g.items), attempt);
    await isolate(groups.slice(half).flatMap((g) => g.items), attempt);
  }
}

/** Field errors name the alias of the repo (`r3`) they belong to. */
function failedGroups(errors: GraphqlError[]): Map<number, string> {
  const failed = new Map<number, string>();
  for (const e of errors) {
    const alias = String(e.path?.[0] ?? '');
    const m = /^r(\d+)$/.exec(alias);
    if (m) failed.set(Number(m[1]), e.message);
    else throw new GithubError(`GitHub GraphQL: ${e.message}`, 200);
  }
  return failed;
}

type Group<T> = { rec: RepoRecord; items: T[] };

/** Runs a batch query over groups; the repos it answered with errors are asked again alone, then marked failed. */
async function withRetries<T extends { rec: RepoRecord }>(
  ctx: FetchContext,
  items: T[],
  query: (groups: Array<Group<T>>) => Promise<Map<Group<T>, string>>,
): Promise<void> {
  const failed = await query(groupByRepo(items));
  const left = await retryFailed(ctx.client, failed, query, 'repos of a file batch', ctx.log);
  for (const [g, reason] of left) markFailed(g.rec, reason);
}

function blobChunk(ctx: FetchContext, wants: BlobWant[]): Promise<void> {
  return isolate(wants, async (items) => {
    await withRetries(ctx, items, async (groups) => {
      const { query, variables } = blobsQuery(
        groups.map((g) => ({ owner: g.rec.owner, name: g.rec.info.name, expressions: g.items.map((w) => w.expression) })),
      );
      const res = await ctx.client.graphql<Record<string, Record<string, ListedBlob | null> | null>>(query, variables);
      const errors = failedGroups(res.errors);
      const failed = new Map<Group<BlobWant>, string>();
      const truncated: BlobWant[] = [];
      groups.forEach((g, i) => {
        const repo = res.data?.[`r${i}`];
        const reason = errors.get(i) ?? (repo ? undefined : 'GitHub answered null');
        if (reason) return failed.set(g, reason);
        g.items.forEach((w, j) => {
          const blob = repo?.[`f${j}`];
          if (blob?.oid && blob.isTruncated && (blob.byteSize ?? 0) <= MAX_TEXT_BYTES && !blob.isBinary) {
            truncated.push(w);
            return;
          }
          storeBlob(w.rec, w.path, blob);
          ctx.counts.files++;
        });
      });
      for (const w of truncated) await fetchWhole(ctx, w);
      return failed;
    });
    ctx.onChunk?.(items.length);
  });
}

/** What a listed or fetched blob becomes in the cache; a non-blob (a folder) reads as missing. */
export function storeBlob(rec: RepoRecord, path: string, blob: ListedBlob | null | undefined): void {
  rec.dirty = true;
  if (!blob?.oid) {
    rec.state.paths[path] = null;
    return;
  }
  rec.state.paths[path] = blob.oid;
  const size = blob.byteSize ?? 0;
  let cached: CachedBlob | undefined;
  if (size > MAX_TEXT_BYTES) cached = { skipped: 'too-large', size };
  else if (blob.isBinary || (blob.text === null && !blob.isTruncated)) cached = { skipped: 'binary', size };
  else if (typeof blob.text === 'string' && !blob.isTruncated) cached = { text: blob.text };
  if (cached) rec.blobs.set(blob.oid, cached);
}

/** GraphQL truncates big texts; those few are read whole over REST. */
async function fetchWhole(ctx: FetchContext, w: BlobWant): Promise<void> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await ctx.client.raw('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: w.rec.owner,
      repo: w.rec.info.name,
      path: w.path,
      ref: w.rec.state.commit,
    });
  } catch (err) {
    return markFailed(w.rec, (err as Error).message);
  }
  ctx.counts.files++;
  storeBlob(w.rec, w.path, bytes ? blobFromBytes(bytes) : null);
}

/** A blob as GraphQL would describe it, from raw bytes read over REST. */
export function blobFromBytes(bytes: Uint8Array): ListedBlob {
  let text: string | null = null;
  try {
    text = bytes.includes(0) ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  return { oid: gitBlobId(bytes), byteSize: bytes.byteLength, isBinary: text === null, isTruncated: false, text };
}

export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/** Lists the whole tree of each repo at its head: nested a few levels per query, deeper folders in follow-ups. */
export async function fetchTrees(ctx: FetchContext, recs: RepoRecord[]): Promise<void> {
  interface Want {
    rec: RepoRecord;
    dir: string;
  }
  const files = new Map<RepoRecord, TreeFile[]>(recs.map((r) => [r, []]));
  let wants: Want[] = recs.map((rec) => ({ rec, dir: '' }));
  let perQuery = TREES_PER_QUERY;
  while (wants.length > 0) {
    const next: Want[] = [];
    const chunks: Want[][] = [];
    for (let i = 0; i < wants.length; i += perQuery) chunks.push(wants.slice(i, i + perQuery));
    await Promise.all(
      chunks.map((chunk) =>
        isolate(chunk, async (items) => {
          await withRetries(ctx, items, async (groups) => {
            const { query, variables } = treesQuery(
              groups.map((g) => ({ owner: g.rec.owner, name: g.rec.info.name, expressions: g.items.map((w) => `${g.rec.state.commit}:${w.dir}`) })),
            );
            const res = await ctx.client.graphql<Record<string, Record<string, { entries?: TreeEntryNode[] | null } | null> | null>>(query, variables);
            const errors = failedGroups(res.errors);
            const failed = new Map<Group<Want>, string>();
            groups.forEach((g, i) => {
              const repo = res.data?.[`r${i}`];
              const reason = errors.get(i) ?? (repo ? undefined : 'GitHub answered null');
              if (reason) return failed.set(g, reason);
              g.items.forEach((w, j) => {
                const tree = repo?.[`t${j}`];
                collect(tree?.entries ?? [], w.dir, files.get(g.rec)!, (dir) => next.push({ rec: g.rec, dir }));
              });
            });
            return failed;
          });
          // Progress counts repos, not the follow-ups for their deeper folders.
          ctx.onChunk?.(items.filter((w) => w.dir === '').length);
        }),
      ),
    );
    wants = next.filter((w) => !w.rec.failure);
    perQuery = SUBTREES_PER_QUERY;
  }
  for (const [rec, list] of files) {
    if (rec.failure) continue;
    rec.state.tree = list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    rec.state.modes = true;
    rec.dirty = true;
    ctx.counts.trees++;
  }
}

/** Git's mode of an executable file, 0o100755, as GraphQL gives it (a number). */
const EXECUTABLE = 0o100755;

function collect(entries: TreeEntryNode[], dir: string, out: TreeFile[], deeper: (dir: string) => void): void {
  for (const e of entries) {
    const path = e.path ?? (dir ? `${dir}/${e.name}` : e.name);
    if (e.type === 'blob') out.push(e.mode === EXECUTABLE ? [path, e.oid, e.size, 1] : [path, e.oid, e.size]);
    else if (e.type === 'tree') {
      if (e.object?.entries) collect(e.object.entries, path, out, deeper);
      else deeper(path);
    }
    // `commit` entries are submodules: another repo's files, not this one's.
  }
}
