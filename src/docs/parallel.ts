// Rendering is CPU-bound (micromark and shiki): large builds split the sites over worker threads,
// one per core, with the main thread taking a share too.

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Renderer } from './markdown/render.ts';
import { renderSite, type SiteJob, type SiteOutput } from './renderSite.ts';

/** Below this many pages a worker's start-up (~0.5 s) costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 200;

export interface RenderJobsOptions {
  /** Reuse this renderer on the main thread (and use no workers). */
  renderer?: Renderer;
  /** Threads in all, including the main one; default: one per core for large builds. */
  threads?: number;
  /** Outputs of the last run by job (`backlot dev`): an unchanged site is not rendered again. Left holding this run's. */
  cache?: RenderCache;
}

/** A site's output by a hash of its whole job (its repo's commit, files, texts, options). */
export type RenderCache = Map<string, SiteOutput>;

export async function renderJobs(all: SiteJob[], options: RenderJobsOptions = {}): Promise<SiteOutput[]> {
  if (!options.cache) return renderAll(all, options);
  const cache = options.cache;
  const keys = all.map((job) => createHash('sha1').update(JSON.stringify(job)).digest('hex'));
  const todo = all.flatMap((job, i) => (cache.has(keys[i]!) ? [] : [i]));
  const fresh = await renderAll(todo.map((i) => all[i]!), options);
  const rendered = new Map(todo.map((i, k) => [i, fresh[k]!] as const));
  // Copies: the docs stage links each site's pages to their neighbours in place.
  const outputs = all.map((_, i) => rendered.get(i) ?? structuredClone(cache.get(keys[i]!)!));
  const kept = new Map(keys.map((key, i) => [key, outputs[i]!] as const));
  cache.clear();
  for (const [key, output] of kept) cache.set(key, structuredClone(output));
  return outputs;
}

async function renderAll(jobs: SiteJob[], options: RenderJobsOptions): Promise<SiteOutput[]> {
  if (jobs.length === 0) return [];
  const pages = jobs.reduce((n, j) => n + j.texts.length, 0);
  const threads = options.renderer
    ? 1
    : Math.max(1, Math.min(jobs.length, options.threads ?? (pages >= MIN_PAGES_FOR_WORKERS ? availableParallelism() : 1)));

  // Biggest sites first, each to the least loaded thread.
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.texts.length - jobs[a]!.texts.length);
  for (const i of order) {
    const t = load.indexOf(Math.min(...load));
    shares[t]!.push(i);
    load[t]! += jobs[i]!.texts.length + 1;
  }

  const outputs = new Array<SiteOutput>(jobs.length);
  // Loaded on demand: unified and shiki take a while to import, and most validate runs have no docs.
  let local: Promise<Renderer> | undefined;
  const localRenderer = () => (local ??= options.renderer ? Promise.resolve(options.renderer) : import('./markdown/render.ts').then((m) => m.createRenderer()));
  const renderHere = async (share: number[]) => {
    const renderer = await localRenderer();
    const mine = share.map((i) => jobs[i]!);
    await renderer.prepare(mine.flatMap((j) => [...j.texts.map(([, t]) => t), ...j.snippets.map(([, t]) => t)]));
    share.forEach((i) => (outputs[i] = renderSite(renderer, jobs[i]!)));
  };
  const remote = shares.slice(1).map(async (share) => {
    const results = await inWorker(share.map((i) => jobs[i]!)).catch(() => undefined);
    // renderSite already isolates each page; a worker that dies anyway (out of memory, a bug) has its sites
    // rendered again here, so it costs time, not docs.
    if (results) share.forEach((i, k) => (outputs[i] = results[k]!));
    else await renderHere(share);
  });
  const here = (async () => {
    await localRenderer();
    // Let the workers receive their jobs before this thread is busy.
    await new Promise((resolve) => setImmediate(resolve));
    await renderHere(shares[0]!);
  })();
  await Promise.all([here, ...remote]);
  return outputs;
}

function inWorker(jobs: SiteJob[]): Promise<SiteOutput[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url));
    worker.once('message', (message: { outputs?: SiteOutput[]; error?: string }) => {
      void worker.terminate();
      if (message.outputs) resolve(message.outputs);
      else reject(new Error(`docs worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`docs worker exited with code ${code}`)));
    worker.postMessage(jobs);
  });
}
