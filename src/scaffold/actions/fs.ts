// `fs:rename` and `fs:delete`: move or remove workspace files, never outside the workspace.

import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import picomatch from 'picomatch';
import { isInside, resolveSafeChildPath, resolveSafeEntryPath } from '../safePath.ts';
import type { ScaffoldAction } from '../types.ts';
import { listFiles } from '../workspace.ts';
import { describe } from './input.ts';

export const fsRename: ScaffoldAction = {
  id: 'fs:rename',
  async handler(ctx) {
    const files = ctx.input.files;
    if (!Array.isArray(files)) throw new Error(`input "files" must be a list of {from, to}, got ${describe(files)}`);
    // Every path is checked before anything moves: a refused item leaves the workspace as it was.
    const moves = files.map((item, n) => {
      const { from, to, overwrite } = (item ?? {}) as { from?: unknown; to?: unknown; overwrite?: unknown };
      if (typeof from !== 'string' || typeof to !== 'string') throw new Error('each item of "files" needs "from" and "to" paths');
      const source = resolveSafeEntryPath(ctx.workspace, from, `input "files[${n}].from"`);
      const target = resolveSafeEntryPath(ctx.workspace, to, `input "files[${n}].to"`);
      // Onto itself, into itself, or over a folder that holds it: the overwrite would delete the source first.
      if (isInside(source, target) || isInside(target, source)) {
        throw new Error(`cannot rename "${from}" to "${to}": the paths are the same or one holds the other`);
      }
      return { from, to, overwrite, source, target };
    });
    for (const { from, to, overwrite, source, target } of moves) {
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
    // Plain paths are checked before anything is deleted. A glob matches files only (listFiles), never the workspace.
    const targets = (files as string[]).map((pattern, n) =>
      picomatch.scan(pattern).isGlob ? { pattern } : { pattern, path: resolveSafeEntryPath(ctx.workspace, pattern, `input "files[${n}]"`) },
    );
    for (const { pattern, path } of targets) {
      if (path) {
        await rm(path, { recursive: true, force: true });
      } else {
        const match = picomatch(pattern, { dot: true });
        for (const entry of await listFiles(ctx.workspace)) {
          if (match(entry.path)) await rm(resolveSafeChildPath(ctx.workspace, entry.path), { force: true });
        }
      }
      ctx.log(`deleted ${pattern}`);
    }
  },
};
