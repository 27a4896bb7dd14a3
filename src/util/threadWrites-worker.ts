// The writer thread of ./threadWrites.ts: makes each file's folder (once) and writes the file with the sync calls,
// in order, then acknowledges the batch (with its first failure).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WriteAck, WriteBatch } from './threadWrites.ts';

const made = new Set<string>();

parentPort!.on('message', ({ jobs, bytes }: WriteBatch) => {
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
      const e = err as NodeJS.ErrnoException;
      error ??= { message: e.message, ...(e.code ? { code: e.code } : {}), ...(e.path ? { path: e.path } : {}) };
    }
  }
  parentPort!.postMessage({ bytes, ...(error ? { error } : {}) } satisfies WriteAck);
});
