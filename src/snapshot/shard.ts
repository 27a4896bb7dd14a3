// Which shard a repo belongs to: a stable split by a hash of its name, so a repo always lands in the same
// shard whatever else the org holds (a new repo moves no other repo).

import type { Snapshot } from './types.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `i/N` as the CLI takes it; a message saying what to write instead when it is not one. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `--shard takes i/N (this machine's share and the number of shards, e.g. 2/4), not "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 256) return `--shard ${text}: the number of shards must be between 1 and 256`;
  if (index < 1 || index > count) return `--shard ${text}: the share must be between 1 and ${count}`;
  return { index, count };
}

/** FNV-1a over the lower-cased name (GitHub's names are case-insensitive); 1-based. */
export function shardOf(repo: string, count: number): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(repo.toLowerCase())) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % count) + 1;
}

/** The snapshot with only this shard's repos listed; reads pass through (a Location may point into another repo). */
export function shareOf(snapshot: Snapshot, shard: Shard): Snapshot {
  const repos = snapshot.repos.filter((r) => shardOf(r.name, shard.count) === shard.index);
  const names = new Set(repos.map((r) => r.name));
  return {
    repos,
    read: (files) => snapshot.read(files),
    list: (repo) => snapshot.list(repo),
    readBytes: (f) => snapshot.readBytes(f),
    executables: (repo) => snapshot.executables(repo),
    repoFields: (repo) => snapshot.repoFields?.(repo),
    repoFieldErrors: () => (snapshot.repoFieldErrors?.() ?? []).filter((e) => !e.repo || names.has(e.repo)),
  };
}
