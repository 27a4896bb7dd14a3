// Backstage's resolveSafeChildPath, plus symlinks: a write may never land outside the workspace.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

export function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${'/'}`) && !rel.startsWith('..\\'));
}

/** The real path of `path`, or of its deepest existing ancestor joined with the rest. */
function realish(path: string): string {
  let existing = path;
  let rest = '';
  for (;;) {
    try {
      const real = realpathSync(existing);
      return rest ? resolve(real, rest) : real;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest = rest ? `${existing.slice(parent.length + 1)}/${rest}` : existing.slice(parent.length + 1);
      existing = parent;
    }
  }
}

/** Absolute path of `path` inside `base`; throws when it would leave `base`, lexically or through a symlink. */
export function resolveSafeChildPath(base: string, path: string): string {
  const target = resolve(base, path);
  if (!isInside(base, target) || !isInside(realish(base), realish(target))) {
    throw new Error(`path "${path}" is outside the workspace; relative paths may not leave it`);
  }
  return target;
}

/**
 * resolveSafeChildPath for a step that deletes or moves what it names: the workspace itself ('', '.', 'a/..',
 * its absolute path, a link to it) is refused, naming the input. In a dry run the workspace is the user's folder.
 */
export function resolveSafeEntryPath(base: string, path: string, input: string): string {
  const target = resolveSafeChildPath(base, path);
  if (target === resolve(base) || realish(target) === realish(base)) {
    throw new Error(`${input} "${path}" is the workspace itself; name a file or folder inside it`);
  }
  return target;
}
