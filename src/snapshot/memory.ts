// A snapshot held in memory: what the local source produces, and what tests build directly.

import type { FileContent, FileRef, RepoInfo, Snapshot } from './types.ts';

export type RepoFiles = Record<string, string | Uint8Array>;

export function repoInfo(name: string, over: Partial<RepoInfo> = {}): RepoInfo {
  const owner = over.owner ?? 'acme';
  const host = over.host ?? 'github.com';
  return {
    name,
    owner,
    host,
    defaultBranch: 'main',
    commit: '0'.repeat(40),
    url: `https://${host}/${owner}/${name}`,
    ...over,
  };
}

/** Text files larger than this are skipped, as the GitHub source does. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

/** `executables`: paths among `files` with the executable bit. */
export function memorySnapshot(repos: Array<{ repo: RepoInfo; files: RepoFiles; executables?: readonly string[] }>): Snapshot {
  const byName = new Map(repos.map((r) => [r.repo.name, r]));
  const decoder = new TextDecoder('utf-8', { fatal: true });

  function readOne(ref: FileRef): FileContent {
    const data = byName.get(ref.repo)?.files[ref.path];
    if (data === undefined) return { ...ref, kind: 'missing' };
    if (typeof data === 'string') return { ...ref, kind: 'text', text: data };
    if (data.byteLength > MAX_TEXT_BYTES) return { ...ref, kind: 'skipped', reason: 'too-large', size: data.byteLength };
    if (data.includes(0)) return { ...ref, kind: 'skipped', reason: 'binary', size: data.byteLength };
    try {
      return { ...ref, kind: 'text', text: decoder.decode(data) };
    } catch {
      return { ...ref, kind: 'skipped', reason: 'binary', size: data.byteLength };
    }
  }

  return {
    repos: repos.map((r) => r.repo),
    async read(files) {
      return files.map(readOne);
    },
    async list(repo) {
      return Object.keys(byName.get(repo)?.files ?? {}).sort();
    },
    async readBytes(ref) {
      const data = byName.get(ref.repo)?.files[ref.path];
      if (data === undefined) return undefined;
      return typeof data === 'string' ? new TextEncoder().encode(data) : data;
    },
    async executables(repo) {
      const r = byName.get(repo);
      return new Set((r?.executables ?? []).filter((p) => r!.files[p] !== undefined));
    },
  };
}
