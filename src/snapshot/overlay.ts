// Snapshots made from other snapshots, for `backlot dev`: some repos read again while the rest stay as they were,
// a file a lone repo lacks supplied, and a record of what a pipeline run read (what its model depends on).

import type { FileContent, FileRef, RepoInfo, Snapshot } from './types.ts';

/**
 * `base` with the repos of `fresh` in place of its repos of the same name (new ones last) and the repos named in
 * `gone` left out. Reads go to whichever snapshot holds the repo now.
 */
export function replaceRepos(base: Snapshot, fresh: Snapshot, gone: ReadonlySet<string> = new Set()): Snapshot {
  const freshByName = new Map(fresh.repos.map((r) => [r.name, r]));
  const kept = base.repos.filter((r) => !gone.has(r.name) || freshByName.has(r.name));
  const known = new Set(kept.map((r) => r.name));
  const repos = [...kept.map((r) => freshByName.get(r.name) ?? r), ...fresh.repos.filter((r) => !known.has(r.name))];
  // Straight to the snapshot that read each repo, never through `base` when it is an overlay itself: after
  // a thousand saves a read still takes one step, and snapshots no repo comes from any more can be collected.
  const baseHolders = holders.get(base);
  const holder = new Map<string, Snapshot>(repos.map((r) => [r.name, freshByName.has(r.name) ? fresh : (baseHolders?.get(r.name) ?? base)]));
  return overlay(repos, holder);
}

const holders = new WeakMap<Snapshot, ReadonlyMap<string, Snapshot>>();

/** Kept apart from replaceRepos so that its closures hold only `holder`, not the base they replace. */
function overlay(repos: RepoInfo[], holder: ReadonlyMap<string, Snapshot>): Snapshot {
  const snapshot: Snapshot = {
    repos,
    async read(files) {
      const out = new Array<FileContent>(files.length);
      const groups = new Map<Snapshot, number[]>();
      files.forEach((f, i) => {
        const s = holder.get(f.repo);
        if (!s) out[i] = { ...f, kind: 'missing' };
        else {
          const group = groups.get(s);
          if (group) group.push(i);
          else groups.set(s, [i]);
        }
      });
      await Promise.all(
        [...groups].map(async ([s, idx]) => {
          const got = await s.read(idx.map((i) => files[i]!));
          idx.forEach((i, k) => (out[i] = got[k]!));
        }),
      );
      return out;
    },
    list: async (repo) => (await holder.get(repo)?.list(repo)) ?? [],
    readBytes: async (f) => holder.get(f.repo)?.readBytes(f),
    executables: async (repo) => (await holder.get(repo)?.executables(repo)) ?? new Set(),
    repoFields: (repo) => holder.get(repo)?.repoFields?.(repo),
    repoFieldErrors: () => [...new Set(holder.values())].flatMap((s) => s.repoFieldErrors?.() ?? []),
  };
  holders.set(snapshot, holder);
  return snapshot;
}

/** `snapshot` where `file`, when missing, reads as `text` (and is listed). */
export function withFallbackFile(snapshot: Snapshot, file: FileRef, text: string): Snapshot {
  const isIt = (f: FileRef) => f.repo === file.repo && f.path === file.path;
  return {
    repos: snapshot.repos,
    executables: (repo) => snapshot.executables(repo),
    repoFields: (repo) => snapshot.repoFields?.(repo),
    repoFieldErrors: () => snapshot.repoFieldErrors?.() ?? [],
    async read(files) {
      const got = await snapshot.read(files);
      return got.map((c) => (c.kind === 'missing' && isIt(c) ? { ...file, kind: 'text', text } : c));
    },
    async list(repo) {
      const files = await snapshot.list(repo);
      return repo !== file.repo || files.includes(file.path) ? files : [...files, file.path].sort();
    },
    async readBytes(f) {
      return (await snapshot.readBytes(f)) ?? (isIt(f) ? new TextEncoder().encode(text) : undefined);
    },
  };
}

export interface ReadRecord {
  /** `repo/path` of every file read (asked for, found or not). */
  files: Set<string>;
  /** Repos whose file list was asked for: a file added or removed there matters too. */
  listed: Set<string>;
}

export const recordKey = (f: FileRef): string => `${f.repo}/${f.path}`;

/** `snapshot`, noting every file and listing asked of it. */
export function recordReads(snapshot: Snapshot): { snapshot: Snapshot; record: ReadRecord } {
  const record: ReadRecord = { files: new Set(), listed: new Set() };
  return {
    record,
    snapshot: {
      repos: snapshot.repos,
      read(files) {
        for (const f of files) record.files.add(recordKey(f));
        return snapshot.read(files);
      },
      list(repo) {
        record.listed.add(repo);
        return snapshot.list(repo);
      },
      readBytes(f) {
        record.files.add(recordKey(f));
        return snapshot.readBytes(f);
      },
      executables: (repo) => snapshot.executables(repo),
      repoFields: (repo) => snapshot.repoFields?.(repo),
      repoFieldErrors: () => snapshot.repoFieldErrors?.() ?? [],
    },
  };
}
