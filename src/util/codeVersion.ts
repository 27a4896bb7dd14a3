// The version of Backlot's own code: a hash of package.json and every source file under src/ (tests aside). Results
// kept between builds (pages, repos' catalogs, API summaries) carry it, so an upgrade or an edit reuses nothing.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json and src/ are). */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** 642 files (4.5 MB) read in about 40 ms: cheaper than being wrong about what a stage imports. */
export function codeVersion(packageRoot = PACKAGE_DIR): string {
  const h = createHash('sha1');
  h.update(readFileSync(join(packageRoot, 'package.json')));
  const src = join(packageRoot, 'src');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) h.update(relative(src, file)).update(readFileSync(file));
  return h.digest('base64url');
}
