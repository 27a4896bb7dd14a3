// `fs:read` and `fs:readdir`: read the workspace, never outside it.

import type { ScaffoldAction } from '../types.ts';
import { describe, optionalBoolean, requiredString } from './input.ts';

export const fsRead: ScaffoldAction = {
  id: 'fs:read',
  async handler(ctx) {
    const path = requiredString(ctx.input, 'path');
    ctx.output('content', await ctx.files.read(ctx.files.resolve(path)));
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
      for (const item of await ctx.files.readdir(ctx.files.resolve(path), recursive)) {
        const entry = { name: item.name, path: item.path, fullPath: `${ctx.workspace}/${item.path}` };
        (item.folder ? folders : files).push(entry);
      }
    }
    ctx.output('files', files);
    ctx.output('folders', folders);
  },
};
