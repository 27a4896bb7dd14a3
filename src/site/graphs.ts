// Lays out the relations graphs the pages draw while Astro renders them. An explorer graph costs dagre about
// 15 ms, seconds in all at 10,000 entities, and pages render on one thread: so worker threads lay out every
// shape the pages will need, in the order they are needed, and hand each to the pages as it is done (through
// sharedLayouts()). A page that gets to a shape first lays it out itself and the workers skip it. Layouts are
// kept between builds in the cache folder, so a rebuild lays out only new shapes.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PortalModel } from '../model/portal.ts';
import { indexEntities } from './lib/entities.ts';
import { hasExplorer } from './lib/entity-page.ts';
import { entityGraph, explorerGraph, type EntityGraph } from './lib/graph.ts';
import { graphShape, LAYOUT_VERSION, sharedLayouts, type Shape, type ShapeInput } from './lib/graph-layout.ts';

/** Below this many shapes to lay out, a worker's start-up costs more than it saves. */
const MIN_FOR_WORKERS = 32;

export interface LayoutOptions {
  /** Layouts kept between builds; rewritten with the shapes this build draws. */
  cacheFile?: string;
  /** Threads in all, the rendering one included (default: one per core). */
  threads?: number;
}

export interface LayoutReport {
  /** Distinct shapes the pages draw. */
  shapes: number;
  /** Found in the cache file (or already in memory). */
  reused: number;
  /** Laid out by worker threads. */
  onWorkers: number;
  /** Laid out by the pages themselves, when they got there first. */
  onPages: number;
}

export interface LayoutWork {
  /** Stops the workers, keeps the layouts for the next build and says who laid out what. */
  finish(): Promise<LayoutReport>;
}

interface CacheFile {
  version: string;
  shapes: Record<string, Shape>;
}

/**
 * The shapes of every graph the site draws, in the order Astro renders them: entity pages' small neighbourhoods
 * first, then the explorers' large graphs (Domains, then Systems), whose rest route Astro renders last.
 */
export function siteGraphShapes(model: PortalModel, graphs?: Map<string, EntityGraph>): ShapeInput[] {
  const index = indexEntities(model.entities);
  const inputs = new Map<string, ShapeInput>();
  for (const item of model.entities) {
    const graph = entityGraph(item.ref, index);
    graphs?.set(`entity:${item.ref}`, graph);
    if (graph.nodes.length < 2) continue;
    const input = graphShape(graph).input;
    if (!inputs.has(input.key)) inputs.set(input.key, input);
  }
  const explorers = model.entities.filter((item) => hasExplorer(item.entity.kind));
  explorers.sort((a, b) => a.entity.kind.localeCompare(b.entity.kind));
  for (const item of explorers) {
    const graph = explorerGraph(item, index);
    graphs?.set(`explorer:${item.ref}`, graph);
    const input = graphShape(graph).input;
    if (!inputs.has(input.key)) inputs.set(input.key, input);
  }
  return [...inputs.values()];
}

/** Starts laying out the site's graphs; call before Astro renders, and `finish()` after. */
export function startLayouts(model: PortalModel, options: LayoutOptions = {}): LayoutWork {
  const shared = sharedLayouts();
  shared.graphs = new Map();
  const inputs = siteGraphShapes(model, shared.graphs);
  const cached = options.cacheFile ? readCache(options.cacheFile) : {};
  for (const [key, shape] of Object.entries(cached)) if (!shared.shapes.has(key)) shared.shapes.set(key, shape);
  const missing = inputs.filter((input) => !shared.shapes.has(input.key));
  const reused = inputs.length - missing.length;

  // One flag per missing shape: 0 free, 1 taken (by a worker or a page). Atomics make sure at most one of the
  // workers takes each, and a page's claim stops the workers from starting one it is doing itself.
  const flags = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, missing.length)));
  const position = new Map(missing.map((input, i) => [input.key, i]));
  let onPages = 0;
  // Pages waiting for a shape a worker is laying out; all let go when the workers stop (they then lay it out).
  const waiting = new Map<string, Array<() => void>>();
  let stopped = false;
  const release = (key?: string) => {
    for (const [k, resolvers] of waiting) {
      if (key !== undefined && k !== key) continue;
      waiting.delete(k);
      resolvers.forEach((resolve) => resolve());
    }
  };
  shared.claim = (key, wait = false) => {
    const i = position.get(key);
    if (i === undefined) return undefined;
    if (Atomics.exchange(flags, i, 1) === 0) {
      onPages += 1;
      return undefined;
    }
    // Taken, not in the map: a worker is on it (a page lays out what it claims at once, in the same turn).
    if (!wait || stopped || shared.shapes.has(key)) return undefined;
    return new Promise<void>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
  };
  let onWorkers = 0;
  const count = missing.length >= MIN_FOR_WORKERS ? Math.max(0, (options.threads ?? availableParallelism()) - 1) : 0;
  let running = count;
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./graphs-worker.ts', import.meta.url), { workerData: { inputs: missing, flags } });
    worker.on('message', (message: { shapes?: Array<[number, Shape]>; error?: string }) => {
      for (const [i, shape] of message.shapes ?? []) {
        const key = missing[i]!.key;
        shared.shapes.set(key, shape);
        onWorkers += 1;
        if (waiting.has(key)) release(key);
      }
    });
    // A failed worker only means the pages lay out the rest themselves.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (--running > 0) return;
      stopped = true;
      release();
    });
    return worker;
  });
  if (count === 0) stopped = true;

  const finish = async (): Promise<LayoutReport> => {
    shared.claim = undefined;
    shared.graphs = undefined;
    stopped = true;
    release();
    await Promise.all(workers.map((worker) => worker.terminate()));
    if (options.cacheFile && missing.length > 0) {
      const shapes: Record<string, Shape> = {};
      for (const input of inputs) {
        const shape = shared.shapes.get(input.key);
        if (shape) shapes[input.key] = shape;
      }
      write(options.cacheFile, JSON.stringify({ version: LAYOUT_VERSION, shapes } satisfies CacheFile));
    }
    return { shapes: inputs.length, reused, onWorkers, onPages };
  };
  let finished: Promise<LayoutReport> | undefined;
  return { finish: () => (finished ??= finish()) };
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

/** Through a temporary file: a killed build, or two builds sharing the cache, never leave half a file. */
function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
