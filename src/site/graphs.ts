// Lays out every relations graph the pages draw before Astro renders them: each distinct shape once, split
// between this thread and workers, and kept between builds in the cache folder. An explorer graph costs dagre
// about 15 ms, so at 10,000 entities this is seconds of work that page rendering (one thread) no longer does.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PortalModel } from '../model/portal.ts';
import { indexEntities } from './lib/entities.ts';
import { hasExplorer } from './lib/entity-page.ts';
import { entityGraph, explorerGraph } from './lib/graph.ts';
import { computeShape, graphShape, LAYOUT_VERSION, type Shape, type ShapeInput } from './lib/graph-layout.ts';

/** Below this many layouts to compute, a worker's start-up costs more than it saves. */
const MIN_FOR_WORKERS = 64;

export interface PrepareLayoutsOptions {
  /** Where this build's layouts go; pages read them through `BACKLOT_LAYOUTS`. */
  outFile: string;
  /** Layouts kept between builds; rewritten with the shapes this build draws. */
  cacheFile?: string;
  /** Threads in all, this one included (default: one per core). */
  threads?: number;
}

export interface PreparedLayouts {
  /** Distinct shapes the pages draw. */
  shapes: number;
  /** Of those, laid out now (the rest came from the cache file). */
  computed: number;
  ms: number;
}

interface CacheFile {
  version: string;
  shapes: Record<string, Shape>;
}

/** The shapes of every graph the site draws: each entity page's and each System's or Domain's explorer. */
export function siteGraphShapes(model: PortalModel): ShapeInput[] {
  const index = indexEntities(model.entities);
  const inputs = new Map<string, ShapeInput>();
  const add = (input: ShapeInput) => inputs.set(input.key, input);
  for (const item of model.entities) {
    const graph = entityGraph(item.ref, index);
    if (graph.nodes.length > 1) add(graphShape(graph).input);
    if (hasExplorer(item.entity.kind)) add(graphShape(explorerGraph(item, index)).input);
  }
  return [...inputs.values()];
}

export async function prepareLayouts(model: PortalModel, options: PrepareLayoutsOptions): Promise<PreparedLayouts> {
  const started = performance.now();
  const inputs = siteGraphShapes(model);
  const cached = options.cacheFile ? readCache(options.cacheFile) : {};
  const shapes: Record<string, Shape> = {};
  const missing: ShapeInput[] = [];
  for (const input of inputs) {
    const hit = cached[input.key];
    if (hit) shapes[input.key] = hit;
    else missing.push(input);
  }
  const laid = await layOut(missing, options.threads ?? availableParallelism());
  missing.forEach((input, i) => (shapes[input.key] = laid[i]!));
  write(options.outFile, JSON.stringify(shapes));
  if (options.cacheFile && missing.length > 0) write(options.cacheFile, JSON.stringify({ version: LAYOUT_VERSION, shapes } satisfies CacheFile));
  return { shapes: inputs.length, computed: missing.length, ms: Math.round(performance.now() - started) };
}

function readCache(file: string): Record<string, Shape> {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return data.version === LAYOUT_VERSION && data.shapes && typeof data.shapes === 'object' ? data.shapes : {};
  } catch {
    return {}; // A broken cache is only a slower build.
  }
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Lays the inputs out, biggest first, each to the least loaded thread. */
async function layOut(inputs: ShapeInput[], threads: number): Promise<Shape[]> {
  const count = inputs.length >= MIN_FOR_WORKERS ? Math.max(1, Math.min(threads, inputs.length)) : 1;
  const shares: number[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  const order = inputs.map((_, i) => i).sort((a, b) => cost(inputs[b]!) - cost(inputs[a]!));
  for (const i of order) {
    const t = load.indexOf(Math.min(...load));
    shares[t]!.push(i);
    load[t]! += cost(inputs[i]!);
  }
  const out = new Array<Shape>(inputs.length);
  const remote = shares.slice(1).map(async (share) => {
    const results = await inWorker(share.map((i) => inputs[i]!));
    share.forEach((i, k) => (out[i] = results[k]!));
  });
  // Let the workers receive their share before this thread is busy with its own.
  await new Promise((resolve) => setImmediate(resolve));
  for (const i of shares[0]!) out[i] = computeShape(inputs[i]!);
  await Promise.all(remote);
  return out;
}

/** dagre's time grows with nodes and edges (long edges add dummy nodes on every rank they cross). */
function cost(input: ShapeInput): number {
  return input.count + input.edges.length * 2;
}

function inWorker(inputs: ShapeInput[]): Promise<Shape[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./graphs-worker.ts', import.meta.url));
    worker.once('message', (message: { shapes?: Shape[]; error?: string }) => {
      void worker.terminate();
      if (message.shapes) resolve(message.shapes);
      else reject(new Error(`graph layout worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.postMessage(inputs);
  });
}
