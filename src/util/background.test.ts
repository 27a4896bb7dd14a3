import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, cliFlags, largeModelFlag, lowerThreadPriority, scavengeFlags, SITE_HEAP_GROWING_PERCENT, siteChildFlags } from './background.ts';

/** Runs lowerThreadPriority on a fresh worker thread; reports what it returned and the priorities seen there. */
function inWorker(env: NodeJS.ProcessEnv = process.env): Promise<{ lowered: boolean; before: number; after: number }> {
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
    const worker = new Worker(code, { eval: true, env });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('lowerThreadPriority', () => {
  const linux = process.platform === 'linux';

  it('lowers only the calling thread on Linux, not the process it runs in', async () => {
    const mine = getPriority();
    const seen = await inWorker();
    expect(seen).toEqual({ lowered: linux, before: mine, after: linux ? BACKGROUND_NICE : mine });
    expect(getPriority()).toBe(mine); // this thread, the process's main one, kept its priority
  });

  it('leaves the priority alone with BACKLOT_NO_NICE set', async () => {
    const mine = getPriority();
    expect(await inWorker({ ...process.env, BACKLOT_NO_NICE: '1' })).toEqual({ lowered: false, before: mine, after: mine });
  });

  it('does nothing where it would lower the whole process', () => {
    const mine = getPriority();
    expect(lowerThreadPriority('darwin')).toBe(false);
    expect(lowerThreadPriority('win32')).toBe(false);
    expect(getPriority()).toBe(mine);
  });
});

describe('scavengeFlags', () => {
  it("adds --no-parallel-scavenge, unless the caller chose either way", () => {
    expect(scavengeFlags(['--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096', '--no-parallel-scavenge']);
    expect(scavengeFlags(['--parallel-scavenge'])).toEqual(['--parallel-scavenge']);
    expect(scavengeFlags(['--no-parallel-scavenge'])).toEqual(['--no-parallel-scavenge']);
  });
});

describe('siteChildFlags', () => {
  it('adds a 64 MB semi-space to the scavenge flag, unless the caller set one in its flags or NODE_OPTIONS', () => {
    expect(siteChildFlags(['--inspect'], '')).toEqual(['--inspect', '--no-parallel-scavenge', '--max-semi-space-size=64']);
    expect(siteChildFlags(['--max-semi-space-size=8'], '')).toEqual(['--max-semi-space-size=8', '--no-parallel-scavenge']);
    expect(siteChildFlags([], '--max-old-space-size=4096 --max-semi-space-size=16')).toEqual(['--no-parallel-scavenge']);
  });
});

describe('cliFlags', () => {
  it('adds a slower-growing heap to the scavenge flag, unless the caller set one in its flags or NODE_OPTIONS', () => {
    expect(cliFlags([], '')).toEqual(['--no-parallel-scavenge', '--heap-growing-percent=60']);
    expect(cliFlags(['--heap-growing-percent=100', '--parallel-scavenge'], '')).toEqual(['--heap-growing-percent=100', '--parallel-scavenge']);
    expect(cliFlags([], '--max-old-space-size=4096 --heap-growing-percent=50')).toEqual(['--no-parallel-scavenge']);
  });
});

describe('largeModelFlag', () => {
  it('caps the site child heap growth for a large model, unless its flags set a growth of their own', () => {
    expect(largeModelFlag(['--no-parallel-scavenge'])).toBe(`--heap-growing-percent=${SITE_HEAP_GROWING_PERCENT}`);
    expect(largeModelFlag(['--heap-growing-percent=50'])).toBeUndefined();
  });
});
