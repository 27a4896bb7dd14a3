// `fs:read` and `fs:readdir`: read the workspace, never outside it.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { resolveSafeChildPath } from '../safePath.ts';
import type { ScaffoldAction } from '../types.ts';
import { describe, optionalBoolean, requiredString } from './input.ts';

export const fsRead: ScaffoldAction = {
  id: 'fs:read',
  async handler(ctx) {
    const path = requiredString(ctx.input, 'path');
    ctx.output('content', await readFile(resolveSafeChildPath(ctx.workspace, path), 'utf8'));
  },
};

interface Entry {
  name: string;
  path: string;
  fullPath: string;
}

export const fsReaddir: ScaffoldAction = {
  id: 'fs:readdir',
  async handler(ctx) {
    const paths = ctx.input.paths;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
      throw new Error(`input "paths" must be a list of paths, got ${describe(paths)}`);
    }
    const recursive = optionalBoolean(ctx.input, 'recursive') ?? false;
    const files: Entry[] = [];
    const folders: Entry[] = [];
    for (const path of paths as string[]) {
      const dir = resolveSafeChildPath(ctx.workspace, path);
      for (const dirent of await readdir(dir, { recursive, withFileTypes: true })) {
        const fullPath = join(dirent.parentPath, dirent.name);
        const entry = { name: dirent.name, path: relative(ctx.workspace, fullPath).split(sep).join('/'), fullPath };
        (dirent.isDirectory() ? folders : files).push(entry);
      }
    }
    ctx.output('files', files);
    ctx.output('folders', folders);
  },
};
