// Where the site builds, and moving its output: small, so the CLI can use them without loading Astro.

import { fileURLToPath } from 'node:url';

export { moveDir } from '../../util/moveDir.ts';

/** Repo root (where astro.config.mjs lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
