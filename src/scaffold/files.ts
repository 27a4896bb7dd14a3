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
}

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
    entries: () => [...files].map(([path, file]) => ({ path, ...file })).sort(byPath),
  };
}
