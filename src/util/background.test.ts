import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, lowerThreadPriority } from './background.ts';

/** Runs lowerThreadPriority on a fresh worker thread; reports what it returned and the priorities seen there. */
function inWorker(): Promise<{ lowered: boolean; before: number; after: number }> {
  const url = new URL('./background.ts', import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    import(${JSON.stringify(url)}).then((m) => {
      const before = getPriority();
      const lowered = m.lowerThreadPriority();
      parentPort.postMessage({ lowered, before, after: getPriority() });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('lowerThreadPriority', () => {
  it.runIf(process.platform === 'linux')('lowers only the calling thread on Linux, not the process it runs in', async () => {
    const mine = getPriority();
    const seen = await inWorker();
    expect(seen).toEqual({ lowered: true, before: mine, after: BACKGROUND_NICE });
    expect(getPriority()).toBe(mine); // this thread, the process's main one, kept its priority
  });

  it('does nothing where it would lower the whole process', () => {
    const mine = getPriority();
    expect(lowerThreadPriority('darwin')).toBe(false);
    expect(lowerThreadPriority('win32')).toBe(false);
    expect(getPriority()).toBe(mine);
  });
});
