// The writer thread of ./threadWrites.ts: makes each folder and writes each file of a batch with the sync calls,
// in order, then acknowledges the batch (with its first failure). A folder it made is not made again.

import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { WriteAck, WriteBatch } from './threadWrites.ts';

const made = new Set<string>();
const folder = (path: string) => {
  if (made.has(path)) return;
  mkdirSync(path, { recursive: true });
  made.add(path);
};

parentPort!.on('message', ({ jobs, bytes }: WriteBatch) => {
  let error: WriteAck['error'];
  for (const job of jobs) {
    try {
      if ('mkdir' in job) folder(job.mkdir);
      else writeFileSync(job.file, job.data);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      error ??= { message: e.message, ...(e.code ? { code: e.code } : {}), ...(e.path ? { path: e.path } : {}) };
    }
  }
  parentPort!.postMessage({ bytes, ...(error ? { error } : {}) } satisfies WriteAck);
});
