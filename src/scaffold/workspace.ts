// Reading and writing the folder the steps build, never outside it.

import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveSafeChildPath } from './safePath.ts';

/**
 * Writes a file inside `root`; returns false when it exists and `replace` is off (Backstage skips such files).
 * `executable` gives it mode 755 (what git keeps of a file's mode), else 644.
 */
export async function writeWorkspaceFile(root: string, path: string, data: string | Uint8Array, replace = false, executable = false): Promise<boolean> {
  const target = resolveSafeChildPath(root, path);
  if (existsSync(target) && !replace) return false;
  await mkdir(dirname(target), { recursive: true });
  // Checked again after mkdir: a symlinked parent created meanwhile must not redirect the write.
  resolveSafeChildPath(root, path);
  await writeFile(target, data);
  // writeFile's mode applies only to a new file: a replaced one keeps its old mode otherwise.
  await chmod(target, executable ? 0o755 : 0o644);
  return true;
}

export interface WorkspaceEntry {
  /** Posix path relative to the root. */
  path: string;
  abs: string;
  executable: boolean;
}

/** Regular files under `dir`, sorted; symlinks and `.git` are left out (nothing here creates them). */
export async function listFiles(dir: string): Promise<WorkspaceEntry[]> {
  const out: WorkspaceEntry[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    const entries = await readdir(abs, { withFileTypes: true });
    for (const e of entries) {
      if (e.name === '.git') continue;
      const childAbs = join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(childAbs, childRel);
      else if (e.isFile()) out.push({ path: childRel, abs: childAbs, executable: ((await lstat(childAbs)).mode & 0o111) !== 0 });
    }
  }
  if (existsSync(dir)) await walk(dir, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
