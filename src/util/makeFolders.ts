// A rebuild's folders made ahead, at the lowest priority (./background.ts), while the site child waits for the
// bundle and the model: the reused pages are hard-linked into a new site (./linkFiles.ts) whose ~11,800 folders
// at 10,000 entities are most of that work (mkdir 2.0 s of the writer thread's 2.5 s in a CPU profile of a
// one-repo rebuild on a loaded 2-core VM; 0.33 of 0.45 s on a quiet one), at the build's end. Made here, they cost
// only what the build leaves idle; a folder not yet made when the links start is made by the writer, as before.

import { Worker } from 'node:worker_threads';

export interface FolderMaker {
  /** Stops making folders (at once; settles once the thread has stopped). */
  stop(): Promise<void>;
}

/** What the thread is given: the folder of each of `files` (relative to `root`) is made, in order. */
export interface FoldersAhead {
  root: string;
  files: readonly string[];
}

/** Makes the folders of `files` in `root` on a thread of its own at the lowest priority. */
export function makeFoldersAhead(root: string, files: readonly string[]): FolderMaker {
  const worker = new Worker(new URL('./makeFolders-worker.ts', import.meta.url), { workerData: { root, files } satisfies FoldersAhead });
  worker.on('error', () => {}); // only ahead of time: the writer makes any folder still missing
  worker.unref();
  let stopped: Promise<void> | undefined;
  return { stop: () => (stopped ??= worker.terminate().then(() => undefined)) };
}
