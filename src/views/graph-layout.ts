// Lays a relations graph out with dagre, for an inline SVG drawn at build time.
// dagre costs milliseconds per graph, far more than rendering a page, so layouts are kept by shape (nodes have
// one fixed size, and most entities' neighbourhoods share a shape with many others) and laid out ahead on
// worker threads during a build (../site/build/graphs.ts keeps them by shape key, here and across builds).

import dagre from '@dagrejs/dagre';
import type { EntityGraph, GraphEdge, GraphNode } from './graph.ts';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 44;
const LABEL_HEIGHT = 16;
/** Changes when anything that shapes a layout does (sizes, spacing, paths): older cached layouts are dropped. */
export const LAYOUT_VERSION = `1:${NODE_WIDTH}x${NODE_HEIGHT}`;

export interface LaidOutNode extends GraphNode {
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface LaidOutEdge extends GraphEdge {
  /** SVG path data. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** A layout by position only: what dagre computes for a graph of that shape, whatever its nodes are. */
export interface Shape {
  width: number;
  height: number;
  nodes: Array<{ x: number; y: number }>;
  edges: Array<{ path: string; labelX: number; labelY: number }>;
}

/** Where the graph flows: dagre's rankdir (left to right, right to left, top to bottom, bottom to top). */
export type GraphDirection = 'LR' | 'RL' | 'TB' | 'BT';
export const GRAPH_DIRECTIONS: readonly GraphDirection[] = ['LR', 'RL', 'TB', 'BT'];

/** What dagre needs to lay a graph out: a node count and edges between node positions. */
export interface ShapeInput {
  /** Identifies the shape: graphs with equal keys share a layout. */
  key: string;
  count: number;
  edges: Array<{ from: number; to: number; label: string }>;
  /** Default left to right (the build draws only that). */
  direction?: GraphDirection;
}

/** The nodes in drawing order and the shape they make. */
export function graphShape(graph: EntityGraph): { nodes: GraphNode[]; edges: GraphEdge[]; input: ShapeInput } {
  const nodes = starOrder(graph);
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = graph.edges.filter((e) => position.has(e.from) && position.has(e.to));
  const positions = edges.map((e) => ({ from: position.get(e.from)!, to: position.get(e.to)!, label: e.label }));
  const key = nodes.length + '|' + positions.map((e) => `${e.from}>${e.to}:${e.label}`).join(',');
  return { nodes, edges, input: { key, count: nodes.length, edges: positions } };
}

/** The graph's nodes and edges placed where its shape's layout puts them. */
export function placeShape({ nodes, edges }: { nodes: GraphNode[]; edges: GraphEdge[] }, shape: Shape): GraphLayout {
  return {
    width: shape.width,
    height: shape.height,
    nodes: nodes.map((n, i) => ({ ...n, ...shape.nodes[i]! })),
    edges: edges.map((e, i) => ({ ...e, ...shape.edges[i]! })),
  };
}

/**
 * A star (every edge touches the first node: a depth-1 neighbourhood) with its outer nodes grouped by how
 * they connect, so neighbourhoods with the same relations share a layout and the drawing groups them.
 */
function starOrder(graph: EntityGraph): GraphNode[] {
  const [center, ...rest] = graph.nodes;
  if (!center || !graph.edges.every((e) => e.from === center.id || e.to === center.id)) return graph.nodes;
  const link = new Map<string, string>();
  for (const e of graph.edges) {
    const other = e.from === center.id ? e.to : e.from;
    const mark = `${e.from === center.id ? '>' : '<'}${e.label}`;
    link.set(other, link.has(other) ? `${link.get(other)}+${mark}` : mark);
  }
  const keyed = rest.map((node, i) => ({ node, i, key: link.get(node.id) ?? '' }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return [center, ...keyed.map((k) => k.node)];
}

export function computeShape({ count, edges, direction = 'LR' }: ShapeInput): Shape {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 14, ranksep: 56, edgesep: 8, marginx: 4, marginy: 4 });
  for (let i = 0; i < count; i++) g.setNode(String(i), { width: NODE_WIDTH, height: NODE_HEIGHT });
  edges.forEach((e, i) => {
    g.setEdge(String(e.from), String(e.to), { label: e.label, width: labelWidth(e.label), height: LABEL_HEIGHT, labelpos: 'c' }, String(i));
  });
  dagre.layout(g);
  const info = g.graph();
  return {
    width: Math.ceil(info.width ?? 0),
    height: Math.ceil(info.height ?? 0),
    nodes: Array.from({ length: count }, (_, i) => {
      const n = g.node(String(i));
      return { x: Math.round(n.x - NODE_WIDTH / 2), y: Math.round(n.y - NODE_HEIGHT / 2) };
    }),
    edges: edges.map((e, i) => {
      const edge = g.edge({ v: String(e.from), w: String(e.to), name: String(i) });
      return { path: smoothPath(edge.points ?? []), labelX: Math.round(edge.x ?? 0), labelY: Math.round(edge.y ?? 0) };
    }),
  };
}

/** Rough width of an edge label at the graph's small font. */
export function labelWidth(label: string): number {
  return Math.ceil(label.length * 6.2 + 8);
}

/** A path through dagre's points, rounded at the bends (quadratic curves through the midpoints). */
export function smoothPath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const p = points.map(({ x, y }) => [Math.round(x), Math.round(y)] as const);
  if (p.length === 0) return '';
  let d = `M${p[0]![0]} ${p[0]![1]}`;
  for (let i = 1; i < p.length - 1; i++) {
    const [x, y] = p[i]!;
    const [nx, ny] = p[i + 1]!;
    d += `Q${x} ${y} ${Math.round((x + nx) / 2)} ${Math.round((y + ny) / 2)}`;
  }
  const last = p[p.length - 1]!;
  if (p.length > 1) d += `L${last[0]} ${last[1]}`;
  return d;
}
