// File writes without the thread pool, for a process that does nothing but write a build's output.
// Astro writes each page with fs.promises.mkdir and fs.promises.writeFile: four trips through libuv's thread pool
// (mkdir, open, write, close), each a hand-off between threads. On a small VM a hand-off costs more than the write
// itself: at 10,000 entities, with the same calls made synchronously, the build's system time halved and the
// build took a quarter less time. Measured again at 10,000 entities (whole build, user+sys, on a 2-core VM shared
// with other builds, each pair run back to back): 24.7/27.9, 23.0/24.3, 25.7/25.3, 19.7/23.8, 24.0/25.4 s with
// and without, so about 1.5 s (6 %) saved, mostly system time; wall time was too noisy there to say. Astro has
// no option for how it writes, so buildSite({ syncWrites: true }) (the site child's) replaces the two functions
// on the fs.promises object Astro calls them through while Astro builds, and puts them back after.

import fs from 'node:fs';

type MkdirArgs = Parameters<typeof fs.mkdirSync>;
type WriteFileArgs = Parameters<typeof fs.promises.writeFile>;

/** Routes fs.promises.mkdir and (for a path and a string or bytes) fs.promises.writeFile to their sync forms; returns the undo. */
export function writeSynchronously(): () => void {
  const promises = fs.promises;
  const { mkdir, writeFile } = promises;
  // Still async functions: a failure is a rejected promise, as callers expect, not a throw.
  promises.mkdir = (async (...args: MkdirArgs) => fs.mkdirSync(...args)) as typeof mkdir;
  promises.writeFile = async (...args: WriteFileArgs) => {
    const [file, data, options] = args;
    const plain = typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file);
    const bytes = typeof data === 'string' || ArrayBuffer.isView(data);
    const signal = typeof options === 'object' && options !== null && 'signal' in options && options.signal;
    // A FileHandle, a stream or an abort signal: only the async form takes them.
    if (!plain || !bytes || signal) return writeFile(...args);
    fs.writeFileSync(file, data as string | NodeJS.ArrayBufferView, options as fs.WriteFileOptions);
  };
  return () => {
    promises.mkdir = mkdir;
    promises.writeFile = writeFile;
  };
}
