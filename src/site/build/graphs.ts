// The layouts of the relations graphs the pages draw. Pages draw at build time only an entity's neighbours and an
// explorer's first step: stars, which ../../views/graph-layout.ts places directly in columns (about 0.1 ms a shape,
// where dagre spent ~15 ms of CPU on each of the 168 shapes of a 10,000-entity org, on a worker thread that shared
// the cores with the rendering one). So a page lays its graph's shape out itself, the first time any page draws
// it, and every page with the same shape reuses it; any other shape would go to dagre on the page. Layouts are not
// kept between builds: a one-repo rebuild of the 10,000-entity bench org draws 22 shapes (168 cold), all stars, at
// about 0.02 ms each once warm, while reading them from a cache file saved nothing measurable. Only the shapes are kept
// for the build, not the graphs: a page builds its own graph as it renders (every entity's graph held for the whole
// build was 31 MB at 30,000 entities).

import type { EntityGraph } from '../../views/graph.ts';
import { computeShape, graphShape, isStar, placeShape, type GraphLayout, type Shape } from '../../views/graph-layout.ts';

export interface LayoutReport {
  /** Distinct shapes the pages drew. */
  shapes: number;
  /** Stars, placed directly. */
  direct: number;
  /** Laid out by dagre (any shape that is not a star). */
  dagre: number;
}

export interface SiteGraphs {
  /** A graph's layout: its shape's, known already (from an earlier page) or laid out now. */
  layout(graph: EntityGraph): Promise<GraphLayout>;
  /** Says how each shape was laid out. */
  finish(): Promise<LayoutReport>;
}

/** The site's graph layouts; `finish()` after the pages are rendered. The model is not needed any more. */
export function startGraphs(): SiteGraphs {
  const drawn = new Map<string, Shape>();
  const report: LayoutReport = { shapes: 0, direct: 0, dagre: 0 };

  const layout = async (graph: EntityGraph): Promise<GraphLayout> => {
    const shaped = graphShape(graph);
    const { key } = shaped.input;
    let shape = drawn.get(key);
    if (!shape) {
      shape = computeShape(shaped.input);
      if (isStar(shaped.input)) report.direct += 1;
      else report.dagre += 1;
      drawn.set(key, shape);
      report.shapes += 1;
    }
    return placeShape(shaped, shape);
  };

  return { layout, finish: async () => ({ ...report }) };
}
