// Where the site builds, and moving its output: small, so the CLI can use them without loading Astro.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { moveDir } from '../../util/moveDir.ts';

/** Repo root (where astro.config.mjs lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Where the site child builds for an output folder (buildSite's `scratchKey`): one folder per output folder. */
export function scratchFolder(key: string): string {
  return join(REPO_ROOT, '.backlot', 'tmp', `site-${createHash('sha1').update(key).digest('hex').slice(0, 12)}`);
}
