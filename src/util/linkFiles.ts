// A rebuild's reused pages go into the new site as hard links to the last build's files: the pages a rebuild reuses
// are byte-identical to a fresh render (their footer carries no build time, ../site/layouts/Base.astro), so no byte is
// read or written. Measured on the 10,000-entity portal org (11,352 reused files, 197 MB): reading and writing
// them cost the CLI about 8 s of system CPU on a loaded 2-core VM, linking them well under one. The site child's
// writer thread links them while Astro renders the other pages (./threadWrites.ts link()).

import { constants, copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Errors that say this filesystem (or this pair of folders) cannot hard-link: copy instead. */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

export interface LinkedFiles {
  linked: number;
  copied: number;
}

/**
 * Puts each file (relative to both folders) of `fromDir` into `toDir`: a hard link (`fromDir` stays as it was), or
 * a copy where links are not possible (another filesystem; copy-on-write where the filesystem has it). A folder
 * is made only when the first file put into it says it is missing (`made` may carry the ones known already): a
 * rebuild's folders are mostly made ahead (./makeFolders.ts), and making each again cost the writer thread a failed
 * mkdir and a stat per folder (its system CPU +0.6-1 s at 10,000 entities). Throws on any other error (a missing file).
 */
export function linkFiles(files: readonly string[], fromDir: string, toDir: string, made = new Set<string>()): LinkedFiles {
  let linked = 0;
  let copied = 0;
  let canLink = true;
  const put = (source: string, target: string) => {
    if (canLink) {
      try {
        linkSync(source, target);
        linked++;
        return;
      } catch (err) {
        if (!CANNOT_LINK.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
        canLink = false; // one refusal says it for every file: no failed call per page
      }
    }
    copyFileSync(source, target, constants.COPYFILE_FICLONE);
    copied++;
  };
  for (const file of files) {
    const source = join(fromDir, file);
    const target = join(toDir, file);
    const dir = dirname(target);
    if (made.has(dir)) {
      put(source, target);
      continue;
    }
    try {
      put(source, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // The folder is missing (or the file: then the second try says so).
      mkdirSync(dir, { recursive: true });
      put(source, target);
    }
    made.add(dir);
  }
  return { linked, copied };
}
