// Page writes on a writer thread, while Astro renders the pages (the site child only).
// Astro writes each page with `await fs.promises.mkdir(folder)` then `await fs.promises.writeFile(file)`. Through
// libuv's thread pool that is four hand-offs per page; made synchronous (./syncWrites.ts) the render thread spent
// about a fifth of its time in mkdir, open and write at 10,000 entities (CPU profile of the site child). Here the
// two calls only queue the job and resolve: a writer thread of our own makes the folders and writes the files, in
// order, on the other core. A job is sent in batches, not one message each: with a reply per call the render
// thread waited for the writer to be scheduled (a third of its time idle on a busy 2-core VM) and a message per
// job cost more than the write. So a page's file exists only once finish() has resolved; that is why the queue is
// open only while Astro renders pages (its prerenderer's setup to teardown, ../site/build/build.ts), when nothing
// reads back what it wrote. Anything else (streams, options, a mkdir that is not recursive) goes on to the forms
// in place before.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

type MkdirArgs = Parameters<typeof fs.promises.mkdir>;
type WriteFileArgs = Parameters<typeof fs.promises.writeFile>;

/** To the writer: folders to make (recursively) and files to write, in order. */
export type WriteJob = { mkdir: string } | { file: string; data: string | Uint8Array };
export interface WriteBatch {
  jobs: WriteJob[];
  bytes: number;
}
/** From the writer, per batch: its bytes (for the back-pressure) and the first failure, if any. */
export interface WriteAck {
  bytes: number;
  error?: { message: string; code?: string; path?: string };
}

/** Jobs per message; and bytes written or not yet acknowledged before writeFile waits (memory stays bounded). */
const BATCH = 32;
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

export interface PageWriter {
  /** Queues fs.promises.mkdir (recursive) and writeFile (a path; a string or bytes) for the writer thread. */
  start(): void;
  /** Puts the earlier forms back, waits for the last write, stops the thread; the first failed write, if any. */
  finish(): Promise<Error | undefined>;
}

export function pageWriter(): PageWriter {
  const promises = fs.promises;
  let before: { mkdir: typeof promises.mkdir; writeFile: typeof promises.writeFile } | undefined;
  let worker: Worker | undefined;
  let batch: WriteJob[] = [];
  let batchBytes = 0;
  let transfer: ArrayBuffer[] = [];
  let pending = 0;
  let failed: Error | undefined;
  let scheduled = false;
  let waiters: Array<() => void> = [];
  let allDone: (() => void) | undefined;

  const flush = () => {
    scheduled = false;
    if (batch.length === 0 || !worker) return;
    worker.postMessage({ jobs: batch, bytes: batchBytes } satisfies WriteBatch, transfer);
    pending += batchBytes;
    batch = [];
    batchBytes = 0;
    transfer = [];
  };
  const queue = (job: WriteJob, bytes: number, buffer?: ArrayBuffer) => {
    batch.push(job);
    batchBytes += bytes + 1; // +1: a folder counts too, so an ack always moves `pending`
    if (buffer) transfer.push(buffer);
    if (batch.length >= BATCH) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const settled = () => pending === 0 && batch.length === 0;

  return {
    start() {
      if (before) throw new Error('the page writer has started already');
      before = { mkdir: promises.mkdir, writeFile: promises.writeFile };
      const { mkdir, writeFile } = before;
      worker = new Worker(new URL('./threadWrites-worker.ts', import.meta.url));
      worker.on('message', (ack: WriteAck) => {
        pending -= ack.bytes;
        if (ack.error && !failed) failed = Object.assign(new Error(ack.error.message), ack.error);
        if (pending < MAX_PENDING_BYTES) for (const wake of waiters.splice(0)) wake();
        if (settled()) allDone?.();
      });
      worker.on('error', (err) => {
        failed ??= err;
        pending = 0;
        for (const wake of waiters.splice(0)) wake();
        allDone?.();
      });
      promises.mkdir = (async (...args: MkdirArgs) => {
        const [path, options] = args;
        const target = pathOf(path);
        const recursive = typeof options === 'object' && options !== null && options.recursive === true && Object.keys(options).length === 1;
        if (!recursive || target === undefined) return mkdir(...args);
        if (failed) throw failed;
        queue({ mkdir: target }, 0);
        return undefined; // what a recursive mkdir of a folder that exists returns; Astro ignores it
      }) as typeof promises.mkdir;
      promises.writeFile = async (...args: WriteFileArgs) => {
        const [file, data, options] = args;
        const target = pathOf(file);
        const plain = options === undefined || options === 'utf8' || options === 'utf-8';
        if (target === undefined || !plain || !(typeof data === 'string' || data instanceof Uint8Array)) return writeFile(...args);
        if (failed) throw failed;
        if (pending >= MAX_PENDING_BYTES) await new Promise<void>((wake) => waiters.push(wake));
        if (typeof data === 'string') return queue({ file: target, data }, data.length);
        // A copy, moved to the writer: the caller keeps its buffer (a pooled Buffer shares its memory with others).
        const bytes = new Uint8Array(data);
        queue({ file: target, data: bytes }, bytes.byteLength, bytes.buffer as ArrayBuffer);
      };
    },
    async finish() {
      if (!before || !worker) return undefined;
      promises.mkdir = before.mkdir;
      promises.writeFile = before.writeFile;
      before = undefined;
      flush();
      if (!settled() && !failed) await new Promise<void>((done) => (allDone = done));
      await worker.terminate();
      worker = undefined;
      return failed;
    },
  };
}

function pathOf(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  if (path instanceof URL && path.protocol === 'file:') return fileURLToPath(path);
  return undefined;
}
