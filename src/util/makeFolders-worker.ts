// The thread of ./makeFolders.ts: lowers its own priority, then makes the folders of the files it was given.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './background.ts';
import type { FoldersAhead } from './makeFolders.ts';

lowerThreadPriority();
const { root, files } = workerData as FoldersAhead;
const made = new Set<string>();
for (const file of files) {
  const folder = dirname(join(root, file));
  if (made.has(folder)) continue;
  made.add(folder);
  try {
    mkdirSync(folder, { recursive: true });
  } catch {} // the writer makes it, or reports why it cannot
}
