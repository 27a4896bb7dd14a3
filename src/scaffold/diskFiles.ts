// The workspace on disk, for `backlot scaffold`: every path goes through resolveSafeChildPath (symlinks too).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { WorkspaceFiles } from './files.ts';
import { resolveSafeChildPath } from './safePath.ts';
import { listFiles, writeWorkspaceFile } from './workspace.ts';

export function diskFiles(root: string): WorkspaceFiles {
  return {
    write: (path, data, options = {}) => writeWorkspaceFile(root, path, data, !!options.replace, !!options.executable),
    exists: async (path) => existsSync(resolveSafeChildPath(root, path)),
    read: (path) => readFile(resolveSafeChildPath(root, path), 'utf8'),
    list: async (dir = '') => (await listFiles(resolveSafeChildPath(root, dir))).map(({ path, executable }) => ({ path, executable })),
  };
}
