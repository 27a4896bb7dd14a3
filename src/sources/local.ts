// The `local` source: a folder whose sub-folders are repos, dressed as GitHub repos so links look real.

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { LocalSourceConfig } from '../config/types.ts';
import { MAX_TEXT_BYTES } from '../snapshot/memory.ts';
import { mapLimit } from '../util/mapLimit.ts';
import type { FileContent, FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';

/**
 * Files read at once. Every read of a batch at once opened 35,000 catalog files together for an org of 35,000
 * repos, past the process's limit of open files (EMFILE: 15,024 of them failed as read-error).
 */
const READS_AT_ONCE = 64;

/** Folders never part of a repo's content. */
const IGNORED = new Set(['.git', 'node_modules', '.backlot-cache']);

export type LocalRepoMeta = Pick<LocalSourceConfig, 'org' | 'host' | 'defaultBranch'>;

/** Every sub-folder of `config.path` is a repo. */
export async function openLocalSource(config: LocalSourceConfig, root: string): Promise<Snapshot> {
  const dir = resolve(root, config.path);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new Error(`local source: cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !IGNORED.has(e.name)).map((e) => e.name).sort();
  return openLocalRepos(names.map((name) => ({ name, dir: join(dir, name) })), config);
}

/** Named folders as repos (what `backlot validate PATH…` uses for a single service repo). */
export async function openLocalRepos(folders: Array<{ name: string; dir: string }>, meta: LocalRepoMeta): Promise<Snapshot> {
  const lists = new Map<string, Promise<string[]>>();
  const executables = new Map<string, Promise<ReadonlySet<string>>>();
  const roots = new Map<string, string>();
  const repos: RepoInfo[] = [];
  // Listed and stat'ed synchronously: 402 repos one promise round trip after another took ~50 ms of CPU in a fresh
  // process and up to a second of wall time inside a build, whose event loop is busy meanwhile (sources 0.3–1.1 s).
  for (const { name, dir } of folders) {
    const files = listRepo(dir);
    lists.set(name, Promise.resolve(files));
    roots.set(name, dir);
    repos.push({
      name,
      owner: meta.org,
      host: meta.host,
      defaultBranch: meta.defaultBranch,
      commit: treeHash(dir, files),
      local: true,
      url: `https://${meta.host}/${meta.org}/${name}`,
    });
  }

  // Each repo's own real path, looked up once: a second realpath per file read was ~30 ms of the catalog stage's
  // CPU at 10,000 entities (CPU profile).
  const realRoots = new Map<string, Promise<string>>();
  const realRootOf = (repoRoot: string) => {
    let real = realRoots.get(repoRoot);
    if (!real) realRoots.set(repoRoot, (real = realpath(repoRoot)));
    return real;
  };

  /** Absolute path of a repo file, or undefined when it would leave the repo (path tricks or symlinks). */
  async function locate(ref: FileRef): Promise<string | undefined> {
    const repoRoot = roots.get(ref.repo);
    if (!repoRoot) return undefined;
    const abs = resolve(repoRoot, ref.path);
    if (!abs.startsWith(repoRoot + sep)) return undefined;
    try {
      const real = await realpath(abs);
      const realRoot = await realRootOf(repoRoot);
      return real.startsWith(realRoot + sep) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  async function readOne(ref: FileRef): Promise<FileContent> {
    const abs = await locate(ref);
    if (!abs) return { ...ref, kind: 'missing' };
    try {
      const info = await stat(abs);
      if (!info.isFile()) return { ...ref, kind: 'missing' };
      if (info.size > MAX_TEXT_BYTES) return { ...ref, kind: 'skipped', reason: 'too-large', size: info.size };
      const bytes = await readFile(abs);
      if (bytes.includes(0)) return { ...ref, kind: 'skipped', reason: 'binary', size: info.size };
      return { ...ref, kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch (err) {
      if (err instanceof TypeError) return { ...ref, kind: 'skipped', reason: 'binary', size: 0 };
      return { ...ref, kind: 'error', message: (err as Error).message };
    }
  }

  /** Files with an execute bit, as git records them (one mode for all: 100755). */
  async function findExecutables(repo: string): Promise<ReadonlySet<string>> {
    const out = new Set<string>();
    for (const path of (await lists.get(repo)) ?? []) {
      const abs = await locate({ repo, path });
      if (abs && ((await stat(abs)).mode & 0o111) !== 0) out.add(path);
    }
    return out;
  }

  return {
    repos,
    read: (files) => mapLimit(files, READS_AT_ONCE, readOne),
    list: async (repo) => (await lists.get(repo)) ?? [],
    executables(repo) {
      let found = executables.get(repo);
      if (!found) executables.set(repo, (found = findExecutables(repo)));
      return found;
    },
    async readBytes(ref) {
      const abs = await locate(ref);
      if (!abs) return undefined;
      try {
        return new Uint8Array(await readFile(abs));
      } catch {
        return undefined;
      }
    },
  };
}

function listRepo(repoRoot: string): string[] {
  const out: string[] = [];
  function walk(abs: string, rel: string): void {
    const entries = readdirSync(abs, { withFileTypes: true });
    for (const e of entries) {
      if (IGNORED.has(e.name)) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(abs, e.name), childRel);
      else if (e.isFile() || e.isSymbolicLink()) out.push(childRel);
    }
  }
  walk(repoRoot, '');
  return out.sort();
}

/** A stand-in for a commit id: changes whenever a file's path, size or mtime does. */
function treeHash(repoRoot: string, files: string[]): string {
  const hash = createHash('sha1');
  for (const f of files) {
    const info = lstatSync(join(repoRoot, f));
    hash.update(`${f}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
