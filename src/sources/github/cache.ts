// The on-disk snapshot cache (`.backlot-cache/github/…`): per repo, what we know at its head commit
// (paths → blob ids, the file list once read) and the blob texts by id. Blob ids make it content-
// addressed, so a repo whose head moved only fetches the files that really changed.
// Nothing secret is ever written here: no token, no headers, no URLs with credentials.

import { readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RepoInfo } from '../../snapshot/types.ts';

export const CACHE_VERSION = 1;

export type CachedBlob = { text: string } | { skipped: 'binary' | 'too-large'; size: number };

/** A file of a listed tree: path, blob id, size in bytes, and 1 when git marks it executable (mode 100755). */
export type TreeFile = [path: string, oid: string, size: number, executable?: 1];

export interface RepoState {
  commit: string;
  branch: string;
  /** Repo-relative path → blob id; null when there is no file at that path at this commit. */
  paths: Record<string, string | null>;
  /** Every file of the commit, once listed. */
  tree?: TreeFile[];
  /** The tree was listed with file modes (caches written before modes were kept list it again). */
  modes?: true;
}

export interface RepoCacheFile {
  version: number;
  /** When this state was written: how old a stale repo's files are. */
  savedAt: string;
  state: RepoState;
  blobs: Record<string, CachedBlob>;
}

export interface OrgIndexFile {
  version: number;
  /** The repos that matched the filters at the last complete listing. */
  repos: RepoInfo[];
  listedAt: string;
}

/** Folder for one org; host and org are lower-cased so the same org never has two caches. */
export function orgCacheDir(cacheDir: string, host: string, org: string): string {
  return join(cacheDir, 'github', safeSegment(host.toLowerCase()), safeSegment(org.toLowerCase()));
}

function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}

export const repoCacheFile = (orgDir: string, repo: string) => join(orgDir, 'repos', `${safeSegment(repo)}.json`);
export const orgIndexFile = (orgDir: string) => join(orgDir, 'index.json');

async function readJson<T extends { version: number }>(file: string): Promise<T | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as T;
    return value && value.version === CACHE_VERSION ? value : undefined;
  } catch {
    // Missing or corrupt: a cache miss, never a failed build.
    return undefined;
  }
}

/** Writes through a temporary file so a killed build never leaves half a cache entry. */
async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, file);
}

export const readRepoCache = (file: string) => readJson<RepoCacheFile>(file);
export const readOrgIndex = (file: string) => readJson<OrgIndexFile>(file);

export function writeRepoCache(file: string, state: RepoState, blobs: ReadonlyMap<string, CachedBlob>): Promise<void> {
  // Keep only the blobs this state still points at.
  const used = new Set<string>();
  for (const oid of Object.values(state.paths)) if (oid) used.add(oid);
  const kept: Record<string, CachedBlob> = {};
  for (const oid of used) {
    const blob = blobs.get(oid);
    if (blob) kept[oid] = blob;
  }
  const out: RepoCacheFile = { version: CACHE_VERSION, savedAt: new Date().toISOString(), state, blobs: kept };
  return writeJson(file, out);
}

export function writeOrgIndex(file: string, repos: RepoInfo[]): Promise<void> {
  const out: OrgIndexFile = { version: CACHE_VERSION, repos: repos.map(({ stale: _stale, ...r }) => r), listedAt: new Date().toISOString() };
  return writeJson(file, out);
}

/**
 * Deletes the raw bytes (by blob id, in `bytesDir`) that no crawled repo refers to any more: files removed or
 * changed since they were read, and repos gone from the org. Without it a cache kept across CI runs only grows.
 * Returns how many files went.
 */
export function pruneBytes(bytesDir: string, states: Iterable<RepoState | undefined>): number {
  const kept = new Set<string>();
  for (const state of states) {
    if (!state) continue;
    for (const oid of Object.values(state.paths)) if (oid) kept.add(oid);
    for (const [, oid] of state.tree ?? []) kept.add(oid);
  }
  let names: string[];
  try {
    names = readdirSync(bytesDir);
  } catch {
    return 0; // nothing read as bytes yet
  }
  let pruned = 0;
  for (const name of names) {
    if (kept.has(name)) continue;
    rmSync(join(bytesDir, name), { force: true });
    pruned += 1;
  }
  return pruned;
}
