// The writer thread of ./threadWrites.ts: makes each file's folder (once) and writes the file with the sync calls,
// or hard-links a rebuild's reused files (./linkFiles.ts), in order, then acknowledges the batch (with its first
// failure).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { linkFiles } from './linkFiles.ts';
import type { LinkBatch, WriteAck, WriteBatch } from './threadWrites.ts';

const made = new Set<string>();

const failure = (err: unknown): WriteAck['error'] => {
  const e = err as NodeJS.ErrnoException;
  return { message: e.message, ...(e.code ? { code: e.code } : {}), ...(e.path ? { path: e.path } : {}) };
};

parentPort!.on('message', (batch: WriteBatch | LinkBatch) => {
  if ('link' in batch) {
    const { files, fromDir, toDir } = batch.link;
    try {
      parentPort!.postMessage({ bytes: batch.bytes, linked: linkFiles(files, fromDir, toDir, made) } satisfies WriteAck);
    } catch (err) {
      parentPort!.postMessage({ bytes: batch.bytes, error: failure(err) } satisfies WriteAck);
    }
    return;
  }
  const { jobs, bytes } = batch;
  let error: WriteAck['error'];
  for (const job of jobs) {
    try {
      const folder = dirname(job.file);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(job.file, job.data);
    } catch (err) {
      error ??= failure(err);
    }
  }
  parentPort!.postMessage({ bytes, ...(error ? { error } : {}) } satisfies WriteAck);
});
