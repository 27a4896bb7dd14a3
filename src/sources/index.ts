// Opens every configured source and merges them into one snapshot.

import type { BacklotConfig, SourceConfig } from '../config/types.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { openLocalSource } from './local.ts';

export interface OpenSourcesOptions {
  /** Where a source of type `github` comes from; the GitHub source plugs in here. */
  openGithub?: (source: Extract<SourceConfig, { type: 'github' }>, config: BacklotConfig) => Promise<Snapshot>;
}

export interface OpenedSources {
  snapshot: Snapshot;
  /** The configured source a repo came from. */
  sourceOf: (repo: string) => SourceConfig | undefined;
}

export async function openSources(config: BacklotConfig, options: OpenSourcesOptions = {}): Promise<OpenedSources> {
  const snapshots: Snapshot[] = [];
  const sourceByRepo = new Map<string, SourceConfig>();
  for (const source of config.sources) {
    let snapshot: Snapshot;
    if (source.type === 'local') snapshot = await openLocalSource(source, config.root);
    else if (options.openGithub) snapshot = await options.openGithub(source, config);
    else throw new Error(`a "github" source is configured but the GitHub source is not available in this build`);
    for (const r of snapshot.repos) if (!sourceByRepo.has(r.name)) sourceByRepo.set(r.name, source);
    snapshots.push(snapshot);
  }
  const snapshot = snapshots.length === 1 ? snapshots[0]! : mergeSnapshots(snapshots);
  return { snapshot, sourceOf: (repo) => sourceByRepo.get(repo) };
}

/** One snapshot over several; a repo name seen twice is an error (rename one or drop a source). */
export function mergeSnapshots(snapshots: Snapshot[]): Snapshot {
  const owner = new Map<string, Snapshot>();
  for (const s of snapshots) {
    for (const r of s.repos) {
      if (owner.has(r.name)) throw new Error(`two sources both provide a repo named "${r.name}"`);
      owner.set(r.name, s);
    }
  }
  return {
    repos: snapshots.flatMap((s) => s.repos),
    async read(files) {
      const results = new Array(files.length);
      const groups = new Map<Snapshot, number[]>();
      files.forEach((f, i) => {
        const s = owner.get(f.repo);
        if (!s) results[i] = { ...f, kind: 'missing' };
        else groups.set(s, [...(groups.get(s) ?? []), i]);
      });
      await Promise.all(
        [...groups].map(async ([s, idx]) => {
          const got = await s.read(idx.map((i) => files[i]!));
          idx.forEach((i, k) => (results[i] = got[k]));
        }),
      );
      return results;
    },
    list: async (repo) => (await owner.get(repo)?.list(repo)) ?? [],
    readBytes: async (f) => owner.get(f.repo)?.readBytes(f),
    executables: async (repo) => (await owner.get(repo)?.executables(repo)) ?? new Set(),
    repoFields: (repo) => owner.get(repo)?.repoFields?.(repo),
    repoFieldErrors: () => snapshots.flatMap((s) => s.repoFieldErrors?.() ?? []),
  };
}
