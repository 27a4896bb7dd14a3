// A crawl's share written to a folder and read back: every file, listing and byte string the pipeline read
// from the repos of one shard, so `backlot build --snapshots DIR…` runs the same pipeline with no GitHub.
// One JSON line per repo (a shard of a large org stays far from V8's ~512 MB string limit).

import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FileContent, FileRef, RepoInfo, Snapshot } from './types.ts';
import { shardOf, type Shard } from './shard.ts';

export const SNAPSHOT_FILE = 'backlot-snapshot.jsonl';
const FORMAT = 'backlot-snapshot/1';

type Content = FileContent extends infer C ? (C extends unknown ? Omit<C, 'repo' | 'path'> : never) : never;

interface Header {
  format: typeof FORMAT;
  shard: Shard;
  /** What was crawled (the config's sources, without secrets): shards of another config do not merge. */
  sources: string;
  repoFieldErrors: Array<{ repo: string; alias: string; field: string; message: string }>;
  /** When the crawl ended (ISO). */
  crawledAt: string;
}

/** What was read from one repo. `info` only for the shard's own repos; others were read across repos. */
interface RepoLine {
  name: string;
  info?: RepoInfo;
  catalogPath?: string;
  files: Record<string, Content>;
  list?: string[];
  executables?: string[];
  /** base64; null: no such file. */
  bytes: Record<string, string | null>;
  fields?: Record<string, unknown>;
}

export interface Recorder {
  snapshot: Snapshot;
  write(dir: string, meta: { shard: Shard; sources: string; catalogPath: (repo: RepoInfo) => string }): Promise<{ repos: number; files: number }>;
}

/** Wraps a snapshot so everything read through it can be written out. */
export function recordSnapshot(inner: Snapshot): Recorder {
  const lines = new Map<string, RepoLine>();
  const line = (name: string) => {
    let l = lines.get(name);
    if (!l) lines.set(name, (l = { name, files: {}, bytes: {} }));
    return l;
  };
  const snapshot: Snapshot = {
    repos: inner.repos,
    async read(files) {
      const got = await inner.read(files);
      for (const { repo, path, ...content } of got) line(repo).files[path] = content as Content;
      return got;
    },
    async list(repo) {
      const paths = await inner.list(repo);
      line(repo).list = paths;
      return paths;
    },
    async readBytes(f) {
      const bytes = await inner.readBytes(f);
      line(f.repo).bytes[f.path] = bytes ? Buffer.from(bytes).toString('base64') : null;
      return bytes;
    },
    async executables(repo) {
      const paths = await inner.executables(repo);
      line(repo).executables = [...paths].sort();
      return paths;
    },
    repoFields: (repo) => inner.repoFields?.(repo),
    repoFieldErrors: () => inner.repoFieldErrors?.() ?? [],
  };
  return {
    snapshot,
    async write(dir, meta) {
      for (const info of inner.repos) {
        const l = line(info.name);
        l.info = info;
        l.catalogPath = meta.catalogPath(info);
        const fields = inner.repoFields?.(info.name);
        if (fields) l.fields = fields;
      }
      const header: Header = { format: FORMAT, shard: meta.shard, sources: meta.sources, repoFieldErrors: [...snapshot.repoFieldErrors!()], crawledAt: new Date().toISOString() };
      await mkdir(dir, { recursive: true });
      // Line by line (one string of a large shard could pass V8's limit), then renamed: written whole or not at all,
      // so a half-written shard never passes for a complete one.
      const file = join(dir, SNAPSHOT_FILE);
      const fd = openSync(`${file}.partial`, 'w');
      try {
        writeSync(fd, `${JSON.stringify(header)}\n`);
        for (const l of [...lines.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) writeSync(fd, `${JSON.stringify(l)}\n`);
      } finally {
        closeSync(fd);
      }
      await rename(`${file}.partial`, file);
      return { repos: inner.repos.length, files: [...lines.values()].reduce((n, l) => n + Object.keys(l.files).length, 0) };
    },
  };
}

export class SnapshotsError extends Error {}

export interface MergedSnapshots {
  snapshot: Snapshot;
  catalogPath: (repo: RepoInfo) => string;
  sources: string;
  count: number;
  /** When the last shard's crawl ended: the one time every process building from these snapshots can share. */
  crawledAt: string;
}

/** Reads every shard's folder into one snapshot; refuses an incomplete or inconsistent set (never a partial site). */
export async function readSnapshots(dirs: readonly string[]): Promise<MergedSnapshots> {
  if (dirs.length === 0) throw new SnapshotsError('--snapshots needs at least one folder written by "backlot crawl --shard i/N"');
  const byIndex = new Map<number, string>();
  const owner = new Map<string, string>();
  const merged = new Map<string, RepoLine>();
  const repos: RepoInfo[] = [];
  const fieldErrors: Header['repoFieldErrors'] = [];
  let first: { header: Header; dir: string } | undefined;
  let crawledAt = '';
  for (const dir of dirs) {
    const file = join(dir, SNAPSHOT_FILE);
    const input = createReadStream(file, 'utf8');
    const opened = new Promise<void>((ok, fail) => input.once('open', () => ok()).once('error', fail));
    try {
      await opened;
    } catch {
      throw new SnapshotsError(`${dir}: no ${SNAPSHOT_FILE} (is this a folder "backlot crawl --shard i/N --out DIR" wrote, and did that crawl finish?)`);
    }
    let header: Header | undefined;
    let n = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      if (!text) continue;
      if (!header) {
        header = JSON.parse(text) as Header;
        if (header.format !== FORMAT) throw new SnapshotsError(`${file}:1: format "${header.format}", expected "${FORMAT}" (crawl again with this version of Backlot)`);
        if (first && header.shard.count !== first.header.shard.count) {
          throw new SnapshotsError(`${dir} is shard ${header.shard.index}/${header.shard.count} but ${first.dir} is ${first.header.shard.index}/${first.header.shard.count}: every shard must come from one crawl with the same N`);
        }
        if (first && header.sources !== first.header.sources) throw new SnapshotsError(`${dir} was crawled with other sources than ${first.dir} (a different config): crawl every shard with the same config`);
        const seen = byIndex.get(header.shard.index);
        if (seen) throw new SnapshotsError(`shard ${header.shard.index}/${header.shard.count} is given twice: ${seen} and ${dir}`);
        byIndex.set(header.shard.index, dir);
        first ??= { header, dir };
        fieldErrors.push(...header.repoFieldErrors);
        if (header.crawledAt > crawledAt) crawledAt = header.crawledAt;
        continue;
      }
      const l = JSON.parse(text) as RepoLine;
      if (l.info) {
        const other = owner.get(l.name);
        if (other) throw new SnapshotsError(`repo "${l.name}" is in two snapshots, ${other} and ${dir}: each repo belongs to one shard (were they crawled with different N?)`);
        if (shardOf(l.name, header.shard.count) !== header.shard.index) {
          throw new SnapshotsError(`${file}:${n}: repo "${l.name}" belongs to shard ${shardOf(l.name, header.shard.count)}/${header.shard.count}, not ${header.shard.index}: the file was not written by "backlot crawl --shard ${header.shard.index}/${header.shard.count}"`);
        }
        owner.set(l.name, dir);
        repos.push(l.info);
      }
      const into = merged.get(l.name);
      if (!into) merged.set(l.name, l);
      else mergeLine(into, l);
    }
    if (!header) throw new SnapshotsError(`${file} is empty: the crawl that wrote it did not finish`);
  }
  const count = first!.header.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) {
    throw new SnapshotsError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a build from part of the org would show its other repos as deleted. ` +
        `Give every shard's folder (${count} in all) to --snapshots, or crawl the missing ones again`,
    );
  }
  repos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { snapshot: replay(repos, merged, fieldErrors), catalogPath: (r) => merged.get(r.name)?.catalogPath ?? '/catalog-info.yaml', sources: first!.header.sources, count, crawledAt };
}

function mergeLine(into: RepoLine, l: RepoLine): void {
  Object.assign(into.files, l.files);
  Object.assign(into.bytes, l.bytes);
  if (l.info) {
    into.info = l.info;
    into.catalogPath = l.catalogPath;
    if (l.fields) into.fields = l.fields;
  }
  into.list ??= l.list;
  into.executables ??= l.executables;
}

const NOT_READ = 'is not in the crawled snapshots (the crawl did not read it: a file one shard reads from a repo of another shard)';

function replay(repos: RepoInfo[], lines: Map<string, RepoLine>, fieldErrors: Header['repoFieldErrors']): Snapshot {
  const one = ({ repo, path }: FileRef): FileContent => {
    const content = lines.get(repo)?.files[path];
    return content ? ({ repo, path, ...content } as FileContent) : { repo, path, kind: 'error', message: NOT_READ };
  };
  return {
    repos,
    read: async (files) => files.map(one),
    list: async (repo) => lines.get(repo)?.list ?? [],
    async readBytes({ repo, path }) {
      const b64 = lines.get(repo)?.bytes[path];
      return b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : undefined;
    },
    executables: async (repo) => new Set(lines.get(repo)?.executables ?? []),
    repoFields: (repo) => lines.get(repo)?.fields,
    repoFieldErrors: () => fieldErrors,
  };
}
