// Where the site builds, and moving its output: small, so the CLI can use them without loading Astro.

import { cp, mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root (where astro.config.mjs lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Renames when both folders are on one filesystem (instant even for 10,000 pages); copies otherwise. */
export async function moveDir(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
  }
}
