// The relations graphs the pages draw, and their layouts. Pages draw at build time only small graphs (an entity's
// neighbours; an explorer's first step), most sharing a shape with others; larger ones are laid out in the
// browser. A layout still costs dagre milliseconds, and pages render on one thread: so worker threads lay out
// the shapes in the order Astro renders them, ahead of the pages. A page that needs a shape no worker has sent yet
// lays it out itself, never waits, and tells the workers, which skip it when they get there (a note on a message
// port they read between shapes; nothing is shared or claimed). All of it stays inside SiteGraphs: pages only ask
// for a graph's layout. Layouts are kept between builds in the cache folder, so a rebuild lays out only new shapes.
// Only the shapes are kept for the build, not the graphs: a page builds its own graph again as it renders (every
// entity's graph held for the whole build was 31 MB at 30,000 entities).

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { PortalModel } from '../../model/portal.ts';
import { indexEntities } from '../../views/entities.ts';
import { drawsGraph, hasExplorer } from '../../views/entity-page.ts';
import { entityGraph, explorerStartGraph, type EntityGraph } from '../../views/graph.ts';
import { computeShape, graphShape, LAYOUT_VERSION, placeShape, type GraphLayout, type Shape, type ShapeInput } from '../../views/graph-layout.ts';

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
  /** Found in the cache file. */
  reused: number;
  /** Laid out by worker threads. */
  onWorkers: number;
  /** Laid out by the pages themselves, before a worker got there. */
  onPages: number;
}

export interface SiteGraphs {
  /** A graph's layout: known already (from the cache or a worker), or laid out now on this thread. */
  layout(graph: EntityGraph): Promise<GraphLayout>;
  /** Stops the workers, keeps the layouts for the next build and says who laid out what. */
  finish(): Promise<LayoutReport>;
}

interface CacheFile {
  version: string;
  shapes: Record<string, Shape>;
}

/**
 * Every graph the site draws at build time, and their distinct shapes in the order Astro renders them: entity
 * pages' neighbourhoods first, then the explorers' first steps (Domains, then Systems), whose rest route Astro
 * renders last.
 */
export function siteGraphShapes(model: PortalModel): ShapeInput[] {
  const index = indexEntities(model.entities);
  const inputs = new Map<string, ShapeInput>();
  for (const item of model.entities) {
    const graph = entityGraph(item.ref, index);
    if (!drawsGraph(item.entity.kind, graph)) continue;
    const input = graphShape(graph).input;
    if (!inputs.has(input.key)) inputs.set(input.key, input);
  }
  const explorers = model.entities.filter((item) => hasExplorer(item.entity.kind));
  explorers.sort((a, b) => a.entity.kind.localeCompare(b.entity.kind));
  for (const item of explorers) {
    const graph = explorerStartGraph(item, index);
    if (graph.nodes.length < 2) continue;
    const input = graphShape(graph).input;
    if (!inputs.has(input.key)) inputs.set(input.key, input);
  }
  return [...inputs.values()];
}

/** Builds the site's graphs and starts laying out their shapes; call before Astro renders, `finish()` after. */
export function startGraphs(model: PortalModel, options: LayoutOptions = {}): SiteGraphs {
  const inputs = siteGraphShapes(model);
  const shapes = new Map<string, Shape>(Object.entries(options.cacheFile ? readCache(options.cacheFile) : {}));
  const missing = inputs.filter((input) => !shapes.has(input.key));
  const reused = inputs.length - missing.length;

  let onPages = 0;
  let onWorkers = 0;
  let left = missing.length;
  const position = new Map(missing.map((input, i) => [input.key, i]));
  const count = missing.length >= MIN_FOR_WORKERS ? Math.max(0, (options.threads ?? availableParallelism()) - 1) : 0;
  const workers: Worker[] = [];
  const notes: MessagePort[] = [];
  // Once every shape is in, the workers have nothing left to do: stop them.
  const got = (key: string, shape: Shape): boolean => {
    if (shapes.has(key)) return false;
    shapes.set(key, shape);
    if (--left === 0) for (const worker of workers) void worker.terminate();
    return true;
  };
  for (let w = 0; w < count; w++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./graphs-worker.ts', import.meta.url), {
      workerData: { inputs: missing, stride: count, offset: w, done: port2 },
      transferList: [port2],
    });
    worker.on('message', (message: { shapes: Array<[number, Shape]> }) => {
      for (const [i, shape] of message.shapes) if (got(missing[i]!.key, shape)) onWorkers += 1;
    });
    // A failed worker only means the pages lay out the rest themselves.
    worker.on('error', () => {});
    workers.push(worker);
    notes.push(port1);
  }

  const layout = async (graph: EntityGraph): Promise<GraphLayout> => {
    const shaped = graphShape(graph);
    const { key } = shaped.input;
    let shape = shapes.get(key);
    if (!shape) {
      shape = computeShape(shaped.input);
      if (got(key, shape)) {
        onPages += 1;
        const i = position.get(key);
        if (i !== undefined && left > 0) for (const note of notes) note.postMessage(i);
      }
    }
    return placeShape(shaped, shape);
  };

  const finish = async (): Promise<LayoutReport> => {
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const note of notes) note.close();
    if (options.cacheFile && missing.length > 0) {
      const kept: Record<string, Shape> = {};
      for (const input of inputs) {
        const shape = shapes.get(input.key);
        if (shape) kept[input.key] = shape;
      }
      write(options.cacheFile, JSON.stringify({ version: LAYOUT_VERSION, shapes: kept } satisfies CacheFile));
    }
    return { shapes: inputs.length, reused, onWorkers, onPages };
  };
  let finished: Promise<LayoutReport> | undefined;
  return { layout, finish: () => (finished ??= finish()) };
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
