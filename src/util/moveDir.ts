// Moving a finished folder into place: a rename when both sides are on one filesystem (instant even for
// 10,000 files), a copy and delete otherwise.

import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function moveDir(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}
