// The folder a run's steps build, behind one small interface: on disk for `backlot scaffold` (./diskFiles.ts),
// in memory for the Create page's preview. Paths are workspace-relative posix paths and never leave it.

import { normalizeRepoPath } from '../catalog/paths.ts';

export interface WorkspaceFile {
  /** Posix path relative to the folder listed. */
  path: string;
  executable: boolean;
}

export interface WorkspaceFiles {
  /** Writes a file; false when it exists and `replace` is off (Backstage skips such files). */
  write(path: string, data: string | Uint8Array, options?: { replace?: boolean; executable?: boolean }): Promise<boolean>;
  exists(path: string): Promise<boolean>;
  /** A file's text (UTF-8). */
  read(path: string): Promise<string>;
  /** Regular files under `dir` (the whole workspace by default), relative to it, sorted. */
  list(dir?: string): Promise<WorkspaceFile[]>;
  /**
   * The workspace-relative form of a path a step names; throws when it leaves the workspace or, given `input`
   * (a step that deletes or moves it), names the workspace itself.
   */
  resolve(path: string, input?: string): string;
  /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
  remove(path: string): Promise<void>;
  /** Moves a file or folder, making the target's folders. */
  move(from: string, to: string): Promise<void>;
  /** A folder's entries (every level with `recursive`); `path` is workspace-relative. */
  readdir(dir: string, recursive: boolean): Promise<Array<{ name: string; path: string; folder: boolean }>>;
}

/** `outer` is `inner` or a folder holding it (both workspace-relative). */
export const holds = (outer: string, inner: string) => outer === inner || outer === '' || inner.startsWith(`${outer}/`);

export const workspaceItselfError = (input: string, path: string) => new Error(`${input} "${path}" is the workspace itself; name a file or folder inside it`);

export const outsideError = (path: string) => new Error(`path "${path}" is outside the workspace; relative paths may not leave it`);

/** `path` made workspace-relative ('' for the workspace itself); throws when it leaves the workspace. */
export function insideWorkspace(path: string): string {
  const normal = path.startsWith('/') ? undefined : normalizeRepoPath(path);
  if (normal === undefined) throw outsideError(path);
  return normal;
}

/** `path` under `base` (both workspace-relative), as the disk's resolveSafeChildPath(base, path) confines it. */
export function childPath(base: string, path: string): string {
  const normal = path.startsWith('/') ? undefined : normalizeRepoPath(path);
  if (normal === undefined) throw outsideError(path);
  return insideWorkspace(base ? `${base}/${normal}` : normal);
}

interface MemoryFile {
  data: string | Uint8Array;
  executable: boolean;
}

export interface MemoryFiles extends WorkspaceFiles {
  /** Every file with its contents, sorted by path. */
  entries(): Array<{ path: string; data: string | Uint8Array; executable: boolean }>;
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A workspace held in a Map: what the browser's preview renders into. */
export function memoryFiles(): MemoryFiles {
  const files = new Map<string, MemoryFile>();
  const folders = new Set<string>(['']);
  const decoder = new TextDecoder();
  const isFolder = (path: string) => folders.has(path);
  return {
    async write(path, data, options = {}) {
      const key = insideWorkspace(path);
      if (key === '' || isFolder(key)) throw new Error(`cannot write "${path}": it is a folder`);
      // A file where a folder of the path should be: the disk would refuse too.
      for (let cut = key.indexOf('/'); cut !== -1; cut = key.indexOf('/', cut + 1)) {
        if (files.has(key.slice(0, cut))) throw new Error(`cannot write "${path}": ${key.slice(0, cut)} is a file`);
      }
      if (files.has(key) && !options.replace) return false;
      files.set(key, { data, executable: !!options.executable });
      for (let cut = key.indexOf('/'); cut !== -1; cut = key.indexOf('/', cut + 1)) folders.add(key.slice(0, cut));
      return true;
    },
    async exists(path) {
      const key = insideWorkspace(path);
      return files.has(key) || isFolder(key);
    },
    async read(path) {
      const file = files.get(insideWorkspace(path));
      if (!file) throw new Error(`no file "${path}" in the workspace`);
      return typeof file.data === 'string' ? file.data : decoder.decode(file.data);
    },
    async list(dir = '') {
      const base = insideWorkspace(dir);
      const prefix = base ? `${base}/` : '';
      return [...files]
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, file]) => ({ path: path.slice(prefix.length), executable: file.executable }))
        .sort(byPath);
    },
    resolve(path, input) {
      const key = insideWorkspace(path);
      if (key === '' && input) throw workspaceItselfError(input, path);
      return key;
    },
    async remove(path) {
      const key = insideWorkspace(path);
      for (const p of [...files.keys()]) if (holds(key, p)) files.delete(p);
      for (const p of [...folders]) if (p !== '' && holds(key, p)) folders.delete(p);
    },
    async move(from, to) {
      const source = insideWorkspace(from);
      const target = insideWorkspace(to);
      if (!files.has(source) && !folders.has(source)) throw new Error(`cannot move "${from}": it does not exist`);
      const moved = [...files].filter(([p]) => holds(source, p));
      const movedFolders = [...folders].filter((p) => p !== '' && holds(source, p));
      for (const [p] of moved) files.delete(p);
      for (const p of movedFolders) folders.delete(p);
      const rebase = (p: string) => target + p.slice(source.length);
      for (const [p, file] of moved) files.set(rebase(p), file);
      for (const p of [...movedFolders.map(rebase), ...moved.map(([p]) => rebase(p))]) {
        for (let cut = p.indexOf('/'); cut !== -1; cut = p.indexOf('/', cut + 1)) folders.add(p.slice(0, cut));
      }
      for (const p of movedFolders) folders.add(rebase(p));
    },
    async readdir(dir, recursive) {
      const base = insideWorkspace(dir);
      if (!folders.has(base)) throw new Error(`no folder "${dir}" in the workspace`);
      const under = (p: string) => p !== base && holds(base, p) && (recursive || !p.slice(base ? base.length + 1 : 0).includes('/'));
      const entry = (path: string, folder: boolean) => ({ name: path.slice(path.lastIndexOf('/') + 1), path, folder });
      return [...[...folders].filter(under).map((p) => entry(p, true)), ...[...files.keys()].filter(under).map((p) => entry(p, false))].sort(byPath);
    },
    entries: () => [...files].map(([path, file]) => ({ path, ...file })).sort(byPath),
  };
}
