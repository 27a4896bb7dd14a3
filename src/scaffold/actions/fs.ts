// `fs:rename` and `fs:delete`: move or remove workspace files, never outside the workspace.

import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import picomatch from 'picomatch';
import { resolveSafeChildPath } from '../safePath.ts';
import type { ScaffoldAction } from '../types.ts';
import { listFiles } from '../workspace.ts';
import { describe } from './input.ts';

export const fsRename: ScaffoldAction = {
  id: 'fs:rename',
  async handler(ctx) {
    const files = ctx.input.files;
    if (!Array.isArray(files)) throw new Error(`input "files" must be a list of {from, to}, got ${describe(files)}`);
    for (const item of files) {
      const { from, to, overwrite } = (item ?? {}) as { from?: unknown; to?: unknown; overwrite?: unknown };
      if (typeof from !== 'string' || typeof to !== 'string' || !from || !to) {
        throw new Error('each item of "files" needs "from" and "to" paths');
      }
      const source = resolveSafeChildPath(ctx.workspace, from);
      const target = resolveSafeChildPath(ctx.workspace, to);
      if (!existsSync(source)) throw new Error(`cannot rename "${from}": it does not exist`);
      if (existsSync(target)) {
        if (overwrite !== true) throw new Error(`cannot rename "${from}" to "${to}": the target exists (set "overwrite: true")`);
        await rm(target, { recursive: true, force: true });
      }
      await mkdir(dirname(target), { recursive: true });
      await rename(source, target);
      ctx.log(`renamed ${from} → ${to}`);
    }
  },
};

export const fsDelete: ScaffoldAction = {
  id: 'fs:delete',
  async handler(ctx) {
    const files = ctx.input.files;
    if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) {
      throw new Error(`input "files" must be a list of paths or globs, got ${describe(files)}`);
    }
    for (const pattern of files as string[]) {
      if (picomatch.scan(pattern).isGlob) {
        const match = picomatch(pattern, { dot: true });
        for (const entry of await listFiles(ctx.workspace)) {
          if (match(entry.path)) await rm(resolveSafeChildPath(ctx.workspace, entry.path), { force: true });
        }
      } else {
        await rm(resolveSafeChildPath(ctx.workspace, pattern), { recursive: true, force: true });
      }
      ctx.log(`deleted ${pattern}`);
    }
  },
};
