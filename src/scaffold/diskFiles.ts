// The workspace on disk, for `backlot scaffold`: every path goes through resolveSafeChildPath (symlinks too).

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { WorkspaceFiles } from './files.ts';
import { resolveSafeChildPath, resolveSafeEntryPath } from './safePath.ts';
import { listFiles, writeWorkspaceFile } from './workspace.ts';

export function diskFiles(root: string): WorkspaceFiles {
  const rel = (abs: string) => relative(resolve(root), abs).split(sep).join('/');
  return {
    resolve: (path, input) => rel(input ? resolveSafeEntryPath(root, path, input) : resolveSafeChildPath(root, path)),
    remove: (path) => rm(resolveSafeChildPath(root, path), { recursive: true, force: true }),
    async move(from, to) {
      const target = resolveSafeChildPath(root, to);
      await mkdir(dirname(target), { recursive: true });
      await rename(resolveSafeChildPath(root, from), target);
    },
    async readdir(dir, recursive) {
      const entries = await readdir(resolveSafeChildPath(root, dir), { recursive, withFileTypes: true });
      return entries.map((e) => ({ name: e.name, path: rel(join(e.parentPath, e.name)), folder: e.isDirectory() }));
    },
    write: (path, data, options = {}) => writeWorkspaceFile(root, path, data, !!options.replace, !!options.executable),
    exists: async (path) => existsSync(resolveSafeChildPath(root, path)),
    read: (path) => readFile(resolveSafeChildPath(root, path), 'utf8'),
    list: async (dir = '') => (await listFiles(resolveSafeChildPath(root, dir))).map(({ path, executable }) => ({ path, executable })),
  };
}
