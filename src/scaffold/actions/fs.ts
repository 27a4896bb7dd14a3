// `fs:rename` and `fs:delete`: move or remove workspace files, never outside the workspace.

import picomatch from 'picomatch';
import { holds } from '../files.ts';
import type { ScaffoldAction } from '../types.ts';
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
      const source = ctx.files.resolve(from, `input "files[${n}].from"`);
      const target = ctx.files.resolve(to, `input "files[${n}].to"`);
      // Onto itself, into itself, or over a folder that holds it: the overwrite would delete the source first.
      if (holds(source, target) || holds(target, source)) {
        throw new Error(`cannot rename "${from}" to "${to}": the paths are the same or one holds the other`);
      }
      return { from, to, overwrite, source, target };
    });
    for (const { from, to, overwrite, source, target } of moves) {
      if (!(await ctx.files.exists(source))) throw new Error(`cannot rename "${from}": it does not exist`);
      if (await ctx.files.exists(target)) {
        if (overwrite !== true) throw new Error(`cannot rename "${from}" to "${to}": the target exists (set "overwrite: true")`);
        await ctx.files.remove(target);
      }
      await ctx.files.move(source, target);
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
    // Plain paths are checked before anything is deleted. A glob matches files only, never the workspace.
    const targets = (files as string[]).map((pattern, n) =>
      picomatch.scan(pattern).isGlob ? { pattern } : { pattern, path: ctx.files.resolve(pattern, `input "files[${n}]"`) },
    );
    for (const { pattern, path } of targets) {
      if (path !== undefined) {
        await ctx.files.remove(path);
      } else {
        const match = picomatch(pattern, { dot: true });
        for (const entry of await ctx.files.list()) {
          if (match(entry.path)) await ctx.files.remove(entry.path);
        }
      }
      ctx.log(`deleted ${pattern}`);
    }
  },
};
