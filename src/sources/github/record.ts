// One crawled repo: its state at the listed head, its last good state from the cache, and how a
// path is answered from them (or needs fetching).

import { MAX_TEXT_BYTES } from '../../snapshot/memory.ts';
import type { FileContent, RepoInfo } from '../../snapshot/types.ts';
import type { CachedBlob, RepoState, TreeFile } from './cache.ts';

export interface RepoRecord {
  info: RepoInfo;
  owner: string;
  cacheFile: string;
  /** What we know at the listed head. */
  state: RepoState;
  /** The cached state at an older commit: served instead when this repo fails. */
  fallback?: RepoState;
  /** When the cached state was written. */
  savedAt?: string;
  /** Blob id → content, shared by both states. */
  blobs: Map<string, CachedBlob>;
  /** The state learned something new and should be written back. */
  dirty: boolean;
  /** Set once the repo could not be read; from then on it is served from `fallback`. */
  failure?: string;
}

type Content = FileContent extends infer C ? (C extends unknown ? Omit<C, 'repo' | 'path'> : never) : never;

export type Lookup = { kind: 'done'; content: Content } | { kind: 'fetch'; expression: string; size?: number };

export function viewOf(rec: RepoRecord): RepoState {
  return rec.failure && rec.fallback ? rec.fallback : rec.state;
}

/** Marks a repo stale: it keeps its last good files, and the repo info says so. */
export function markFailed(rec: RepoRecord, reason: string): void {
  if (rec.failure) return;
  rec.failure = reason;
  const view = viewOf(rec);
  rec.info.commit = view.commit;
  rec.info.defaultBranch = view.branch;
  rec.info.stale = { reason, ...(rec.savedAt ? { since: rec.savedAt } : {}) };
}

const treeIndex = new WeakMap<TreeFile[], Map<string, TreeFile>>();

function inTree(tree: TreeFile[], path: string): TreeFile | undefined {
  let index = treeIndex.get(tree);
  if (!index) treeIndex.set(tree, (index = new Map(tree.map((f) => [f[0], f]))));
  return index.get(path);
}

export function blobContent(blob: CachedBlob): Content {
  return 'text' in blob ? { kind: 'text', text: blob.text } : { kind: 'skipped', reason: blob.skipped, size: blob.size };
}

/** Answers a path from what is known, or says what to fetch. */
export function lookup(rec: RepoRecord, path: string): Lookup {
  const view = viewOf(rec);
  let oid = view.paths[path];
  let size: number | undefined;
  if (oid === undefined && view.tree) {
    const file = inTree(view.tree, path);
    // A listed tree also answers "no such file" without a request.
    if (!file) return { kind: 'done', content: { kind: 'missing' } };
    oid = file[1];
    size = file[2];
  }
  if (oid === null) return { kind: 'done', content: { kind: 'missing' } };
  if (size !== undefined && size > MAX_TEXT_BYTES) return { kind: 'done', content: { kind: 'skipped', reason: 'too-large', size } };
  const blob = oid ? rec.blobs.get(oid) : undefined;
  if (blob) return { kind: 'done', content: blobContent(blob) };
  if (rec.failure) {
    return { kind: 'done', content: { kind: 'error', message: `could not be read from GitHub (${rec.failure}) and is not in the last good snapshot` } };
  }
  return { kind: 'fetch', expression: `${view.commit}:${path}`, ...(size !== undefined ? { size } : {}) };
}

/** Every file of the repo, when known. */
export function listedPaths(rec: RepoRecord): string[] | undefined {
  return viewOf(rec).tree?.map((f) => f[0]);
}

/** The repo's executable files, when its tree is known. */
export function executablePaths(rec: RepoRecord): string[] | undefined {
  return viewOf(rec).tree?.flatMap((f) => (f[3] === 1 ? [f[0]] : []));
}
