// Files written on a writer thread of our own, for the site child's pages (../site/build/page-writes.ts).
// Astro writes each page with `await fs.promises.mkdir(folder)` then `await fs.promises.writeFile(file)`: through
// libuv's thread pool four hand-offs per page, each costing more than the write on a small VM; made synchronous
// the render thread spent about a fifth of its time in mkdir, open and write at 10,000 entities (CPU profile of
// the site child). Here write() only queues the file and resolves: the writer thread makes its folder (once) and
// writes it, in order, on the other core. Files go in batches, not one message each: with a reply per call the
// render thread waited for the writer to be scheduled (a third of its time idle on a busy 2-core VM) and a
// message per file cost more than the write. So a file exists only once finish() has resolved.

import { Worker } from 'node:worker_threads';
import type { LinkedFiles } from './linkFiles.ts';

/** To the writer: files to write (their folders made first), in order. */
export interface WriteJob {
  file: string;
  data: string | Uint8Array;
}
export interface WriteBatch {
  jobs: WriteJob[];
  bytes: number;
}
/** To the writer: files of another folder to hard-link (or copy) into this one (./linkFiles.ts). */
export interface LinkBatch {
  link: { files: readonly string[]; fromDir: string; toDir: string };
  bytes: number;
}
/** From the writer, per batch: its bytes (for the back-pressure), the files it linked and copied, and the first failure, if any. */
export interface WriteAck {
  bytes: number;
  linked?: LinkedFiles;
  error?: { message: string; code?: string; path?: string };
}

/** Files per message; and bytes queued or not yet acknowledged before write() waits (memory stays bounded). */
const BATCH = 32;
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

export interface WrittenFiles {
  files: number;
  bytes: number;
  /** What link() put in: hard links, or copies where the filesystem could not link. */
  linked?: LinkedFiles;
  /** The first failed write, if any. */
  error?: Error;
}

export interface FileWriter {
  /**
   * Queues the file; resolves at once, or once the writer has caught up with MAX_PENDING_BYTES. A whole
   * ArrayBuffer is moved to the writer thread when the batch is sent: the caller must not use it again. Rejects with the first failed write.
   */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /**
   * Queues hard links to `files` (relative paths) of `fromDir` in `toDir` (copies where links are not possible),
   * made on the writer thread in order with the writes. A file that cannot be linked or copied fails like a write.
   */
  link(files: readonly string[], fromDir: string, toDir: string): void;
  /** Waits for the last write and stops the thread; what was written and the first failure. */
  finish(): Promise<WrittenFiles>;
}

export function fileWriter(): FileWriter {
  const worker = new Worker(new URL('./threadWrites-worker.ts', import.meta.url));
  let batch: WriteJob[] = [];
  let batchBytes = 0;
  let transfer: ArrayBuffer[] = [];
  let pending = 0;
  let files = 0;
  let bytes = 0;
  let failed: Error | undefined;
  let linked: LinkedFiles | undefined;
  let scheduled = false;
  let stopped = false;
  let waiters: Array<() => void> = [];
  let allDone: (() => void) | undefined;

  const flush = () => {
    scheduled = false;
    if (batch.length === 0 || stopped) return;
    worker.postMessage({ jobs: batch, bytes: batchBytes } satisfies WriteBatch, transfer);
    pending += batchBytes;
    batch = [];
    batchBytes = 0;
    transfer = [];
  };
  const settled = () => pending === 0 && batch.length === 0;
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  worker.on('message', (ack: WriteAck) => {
    pending -= ack.bytes;
    if (ack.linked) linked = { linked: (linked?.linked ?? 0) + ack.linked.linked, copied: (linked?.copied ?? 0) + ack.linked.copied };
    if (ack.error && !failed) failed = Object.assign(new Error(ack.error.message), ack.error);
    if (pending < MAX_PENDING_BYTES) wakeAll();
    if (settled()) allDone?.();
  });
  worker.on('error', (err) => {
    failed ??= err;
    pending = 0;
    wakeAll();
    allDone?.();
  });

  return {
    async write(file, data) {
      if (failed) throw failed;
      if (stopped) throw new Error(`the file writer has finished; ${file} was not written`);
      if (pending >= MAX_PENDING_BYTES) await new Promise<void>((wake) => waiters.push(wake));
      if (failed) throw failed;
      const size = typeof data === 'string' ? data.length : data.byteLength;
      batch.push({ file, data });
      // A whole buffer is moved, not copied; a view on part of one (a pooled Buffer) is copied by the clone.
      if (typeof data !== 'string' && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) transfer.push(data.buffer);
      batchBytes += size + 1; // +1: an empty file counts too, so an ack always moves `pending`
      files += 1;
      bytes += size;
      if (batch.length >= BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    link(files, fromDir, toDir) {
      if (stopped) throw new Error(`the file writer has finished; ${files.length} files were not linked`);
      if (files.length === 0) return;
      flush(); // the writes queued before go first
      worker.postMessage({ link: { files, fromDir, toDir }, bytes: 1 } satisfies LinkBatch);
      pending += 1;
    },
    async finish() {
      if (!stopped) {
        flush();
        stopped = true;
        if (!settled() && !failed) await new Promise<void>((done) => (allDone = done));
        await worker.terminate();
      }
      return { files, bytes, ...(linked ? { linked } : {}), ...(failed ? { error: failed } : {}) };
    },
  };
}

