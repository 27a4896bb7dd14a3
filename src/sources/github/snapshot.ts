// The Snapshot over crawled repos: answers from the cache where it can, fetches the rest in
// batches (coalescing calls made in the same tick), and writes what it learned back to the cache.

import type { FileContent, FileRef, Snapshot } from '../../snapshot/types.ts';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRepoCache } from './cache.ts';
import { blobFromBytes, fetchBlobs, fetchTrees, gitBlobId, storeBlob, type BlobWant, type FetchContext } from './fetch.ts';
import type { Progress } from './progress.ts';
import { executablePaths, listedPaths, lookup, viewOf, type RepoRecord } from './record.ts';

/** Collects the items of every call made in the same tick into one run. */
export function coalesce<T>(run: (items: T[]) => Promise<void>): (items: T[]) => Promise<void> {
  let queue: T[] = [];
  let pending: Promise<void> | undefined;
  return (items) => {
    queue.push(...items);
    pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = queue;
        queue = [];
        pending = undefined;
        run(batch).then(resolve, reject);
      });
    });
    return pending;
  };
}

/** Writes changed, healthy repos back to the cache (a stale repo keeps its last good entry). */
export async function persist(records: Iterable<RepoRecord>): Promise<void> {
  const dirty = [...records].filter((r) => r.dirty && !r.failure);
  for (let i = 0; i < dirty.length; i += 32) {
    await Promise.all(
      dirty.slice(i, i + 32).map(async (r) => {
        r.dirty = false;
        await writeRepoCache(r.cacheFile, r.state, r.blobs);
      }),
    );
  }
}

export interface GithubSnapshotParts {
  records: Map<string, RepoRecord>;
  fetch: FetchContext;
  progress: Progress;
  /** Folder for raw bytes, by git blob id. */
  bytesDir: string;
  log: (line: string) => void;
}

export function githubSnapshot(parts: GithubSnapshotParts): Snapshot {
  const { records, fetch, progress } = parts;

  const fetchMisses = coalesce<BlobWant>(async (wants) => {
    const unique = new Map<string, BlobWant>();
    for (const w of wants) unique.set(`${w.rec.info.name}\0${w.path}`, w);
    let done = 0;
    progress.start('files fetched', unique.size);
    fetch.onChunk = (n) => progress.update((done += n));
    try {
      await fetchBlobs(fetch, [...unique.values()]);
    } finally {
      progress.stop();
      fetch.onChunk = undefined;
    }
    await persist(records.values());
  });

  const fetchLists = coalesce<RepoRecord>(async (recs) => {
    const unique = [...new Set(recs)].filter((r) => !r.failure && !r.state.tree);
    if (unique.length === 0) return;
    let done = 0;
    progress.start('trees listed', unique.length);
    fetch.onChunk = (n) => progress.update((done += n));
    try {
      await fetchTrees(fetch, unique);
    } finally {
      progress.stop();
      fetch.onChunk = undefined;
    }
    await persist(records.values());
  });

  async function read(files: readonly FileRef[]): Promise<FileContent[]> {
    const results: FileContent[] = new Array(files.length);
    const wants: BlobWant[] = [];
    const again: number[] = [];
    files.forEach((f, i) => {
      const rec = records.get(f.repo);
      if (!rec) return (results[i] = { ...f, kind: 'missing' });
      const hit = lookup(rec, f.path);
      if (hit.kind === 'done') return (results[i] = { ...f, ...hit.content } as FileContent);
      wants.push({ rec, path: f.path, expression: hit.expression, ...(hit.size !== undefined ? { size: hit.size } : {}) });
      again.push(i);
    });
    if (wants.length > 0) await fetchMisses(wants);
    for (const i of again) {
      const f = files[i]!;
      const hit = lookup(records.get(f.repo)!, f.path);
      results[i] =
        hit.kind === 'done' ? ({ ...f, ...hit.content } as FileContent) : { ...f, kind: 'error', message: 'GitHub did not return this file' };
    }
    return results;
  }

  async function list(repo: string): Promise<string[]> {
    const rec = records.get(repo);
    if (!rec) return [];
    if (!listedPaths(rec) && !rec.failure) await fetchLists([rec]);
    return listedPaths(rec) ?? [];
  }

  async function executables(repo: string): Promise<ReadonlySet<string>> {
    const rec = records.get(repo);
    if (!rec) return new Set();
    if (!listedPaths(rec) && !rec.failure) await fetchLists([rec]);
    return new Set(executablePaths(rec) ?? []);
  }

  async function readBytes(ref: FileRef): Promise<Uint8Array | undefined> {
    const rec = records.get(ref.repo);
    if (!rec) return undefined;
    const hit = lookup(rec, ref.path);
    if (hit.kind === 'done') {
      const c = hit.content;
      if (c.kind === 'missing') return undefined;
      if (c.kind === 'text') return new TextEncoder().encode(c.text);
    }
    const view = viewOf(rec);
    const oid = view.paths[ref.path] ?? view.tree?.find((t) => t[0] === ref.path)?.[1];
    if (oid) {
      try {
        return new Uint8Array(await readFile(join(parts.bytesDir, oid)));
      } catch {
        // not cached yet
      }
    }
    if (rec.failure) return undefined;
    try {
      const bytes = await fetch.client.raw('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: rec.owner,
        repo: rec.info.name,
        path: ref.path,
        ref: view.commit,
      });
      fetch.counts.files++;
      if (!bytes) return undefined;
      const blobId = gitBlobId(bytes);
      await mkdir(parts.bytesDir, { recursive: true });
      await writeFile(join(parts.bytesDir, blobId), bytes);
      if (rec.state.paths[ref.path] === undefined && !rec.state.tree) {
        // Remember the blob id, so the next crawl finds these bytes without asking.
        storeBlob(rec, ref.path, blobFromBytes(bytes));
        await persist([rec]);
      }
      return bytes;
    } catch (err) {
      parts.log(`GitHub: could not read ${ref.repo}/${ref.path}: ${(err as Error).message}`);
      return undefined;
    }
  }

  return {
    // The same objects the records hold: a repo marked stale later shows it here too.
    repos: [...records.values()].map((r) => r.info),
    read,
    list,
    readBytes,
    executables,
  };
}

