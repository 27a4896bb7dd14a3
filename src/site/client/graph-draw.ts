// Draws a relations graph in the browser at another depth, filter or direction: the graph data file
// (views/graph-data.ts) fetched once per page, the same walk the build uses, dagre and the build's SVG writer.
// Loaded only when someone asks for more than the SVG the page came with.

import { walk } from '../../views/graph.ts';
import { dataSource, graphFilters, type GraphData, type GraphFilters } from '../../views/graph-data.ts';
import { computeShape, graphShape, placeShape, type GraphDirection } from '../../views/graph-layout.ts';
import { entityPath, withBase } from '../../model/routes.ts';
import { graphSvg } from '../render/graph-svg.ts';

export interface DrawSettings {
  depth: number;
  direction: GraphDirection;
  /** Lower-case kinds drawn; all when absent. */
  kinds?: ReadonlySet<string> | undefined;
  /** Relation types followed; all when absent. */
  relations?: ReadonlySet<string> | undefined;
  maxNodes: number;
}

export interface Drawn {
  svg: string;
  nodes: number;
  omitted: number;
}

interface Loaded {
  source: ReturnType<typeof dataSource>;
  filters: GraphFilters;
}

const loads = new Map<string, Promise<Loaded>>();

/** The graph data at `src`, fetched once. */
export function loadGraphData(src: string, base: string): Promise<Loaded> {
  let load = loads.get(src);
  if (!load) {
    load = fetch(src).then(async (response) => {
      if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
      const data = (await response.json()) as GraphData;
      return { source: dataSource(data, (ref) => withBase(entityPath(ref), base)), filters: graphFilters(data) };
    });
    load.catch(() => loads.delete(src)); // a failed fetch is tried again next time
    loads.set(src, load);
  }
  return load;
}

export async function drawGraph(src: string, base: string, center: string, label: string, settings: DrawSettings): Promise<Drawn> {
  const { source } = await loadGraphData(src, base);
  const graph = walk(source, center, settings);
  const shaped = graphShape(graph);
  const layout = placeShape(shaped, computeShape({ ...shaped.input, direction: settings.direction }));
  return { svg: graphSvg(layout, label, (n) => n.href), nodes: graph.nodes.length, omitted: graph.omitted };
}
