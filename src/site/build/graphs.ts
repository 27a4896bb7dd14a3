// The layouts of the relations graphs the pages draw. Pages draw at build time only an entity's neighbours and an
// explorer's first step: stars, which ../../views/graph-layout.ts places directly in columns (about 0.1 ms a shape,
// where dagre spent ~15 ms of CPU on each of the 168 shapes of a 10,000-entity org, on a worker thread that shared
// the cores with the rendering one). So a page lays its graph's shape out itself, the first time any page draws
// it, and every page with the same shape reuses it; any other shape would go to dagre on the page. Layouts are kept
// between builds in the cache folder. Only the shapes are kept for the build, not the graphs: a page builds its own
// graph as it renders (every entity's graph held for the whole build was 31 MB at 30,000 entities).

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EntityGraph } from '../../views/graph.ts';
import { computeShape, graphShape, isStar, LAYOUT_VERSION, placeShape, type GraphLayout, type Shape } from '../../views/graph-layout.ts';

export interface LayoutOptions {
  /** Layouts kept between builds; rewritten with the shapes this build draws. */
  cacheFile?: string;
}

export interface LayoutReport {
  /** Distinct shapes the pages drew. */
  shapes: number;
  /** Found in the cache file. */
  reused: number;
  /** Stars, placed directly. */
  direct: number;
  /** Laid out by dagre (any shape that is not a star). */
  dagre: number;
}

export interface SiteGraphs {
  /** A graph's layout: its shape's, known already (from the cache or an earlier page) or laid out now. */
  layout(graph: EntityGraph): Promise<GraphLayout>;
  /** Keeps the layouts for the next build and says how each shape was laid out. */
  finish(): Promise<LayoutReport>;
}

interface CacheFile {
  version: string;
  shapes: Record<string, Shape>;
}

/** The site's graph layouts; `finish()` after the pages are rendered. The model is not needed any more. */
export function startGraphs(options: LayoutOptions = {}): SiteGraphs {
  const cached = new Map<string, Shape>(Object.entries(options.cacheFile ? readCache(options.cacheFile) : {}));
  const drawn = new Map<string, Shape>();
  const report: LayoutReport = { shapes: 0, reused: 0, direct: 0, dagre: 0 };

  const layout = async (graph: EntityGraph): Promise<GraphLayout> => {
    const shaped = graphShape(graph);
    const { key } = shaped.input;
    let shape = drawn.get(key);
    if (!shape) {
      shape = cached.get(key);
      if (shape) report.reused += 1;
      else {
        shape = computeShape(shaped.input);
        if (isStar(shaped.input)) report.direct += 1;
        else report.dagre += 1;
      }
      drawn.set(key, shape);
      report.shapes += 1;
    }
    return placeShape(shaped, shape);
  };

  const finish = async (): Promise<LayoutReport> => {
    if (options.cacheFile && report.reused < report.shapes) {
      write(options.cacheFile, JSON.stringify({ version: LAYOUT_VERSION, shapes: Object.fromEntries(drawn) } satisfies CacheFile));
    }
    return { ...report };
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
