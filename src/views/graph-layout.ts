// Lays a relations graph out, for an inline SVG drawn at build time or in the browser. A star (an entity's
// neighbours: every graph the build draws) is placed directly in columns, in O(n), where dagre would spend ~15 ms
// of CPU on each shape; any other graph goes to dagre. Layouts are kept by shape (nodes have one fixed size, and
// most entities' neighbourhoods share a shape with many others): ../site/build/graphs.ts keeps them by shape key,
// within a build and across builds.

import dagre from '@dagrejs/dagre';
import type { EntityGraph, GraphEdge, GraphNode } from './graph.ts';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 44;
const LABEL_HEIGHT = 16;

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

// dagre's spacing, which the star layout follows too.
const NODE_SEP = 14;
/** Between a node's column and its labels' column: dagre halves ranksep (56) when edges have labels. */
const RANK_SEP = 28;
const LABEL_SEP = 8;
const MARGIN = 4;

export function computeShape(input: ShapeInput): Shape {
  return (input.direction ?? 'LR') === 'LR' && isStar(input) ? starShape(input) : dagreShape(input);
}

/** Laid out by dagre: any graph, any direction. */
export function dagreShape({ count, edges, direction = 'LR' }: ShapeInput): Shape {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: NODE_SEP, ranksep: RANK_SEP * 2, edgesep: LABEL_SEP, marginx: MARGIN, marginy: MARGIN });
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

/** Every edge joins node 0 to another node, and every other node has one: an entity's neighbourhood. */
export function isStar({ count, edges }: ShapeInput): boolean {
  if (count < 2) return false;
  const linked = new Uint8Array(count);
  for (const e of edges) {
    if ((e.from === 0) === (e.to === 0) || e.from >= count || e.to >= count) return false;
    linked[e.from === 0 ? e.to : e.from] = 1;
  }
  for (let i = 1; i < count; i++) if (!linked[i]) return false;
  return true;
}

/**
 * A star laid out left to right as dagre lays it out, in one pass: nodes with an edge into the centre in a column
 * before it, nodes it points at (either way too) in a column after it, each edge's label in a column between, at
 * the height of its node (a node's labels stacked around its middle). Columns are centred on each other, with
 * dagre's spacing, and each edge bends through its label. Unlike dagre, which orders a column by its own
 * heuristics, nodes keep their order top to bottom (graphShape groups them by relation).
 */
export function starShape({ count, edges }: ShapeInput): Shape {
  const outgoing = new Uint8Array(count);
  for (const e of edges) if (e.from === 0) outgoing[e.to] = 1;
  const labels: number[][] = Array.from({ length: count }, () => []);
  edges.forEach((e, i) => labels[e.from === 0 ? e.to : e.from]!.push(i));
  const columns: [number[], number[]] = [[], []];
  for (let i = 1; i < count; i++) columns[outgoing[i] ? 1 : 0].push(i);
  // A node's labels stack around its middle; they may reach past its box, but not into the next node's labels.
  const span = (i: number) => labels[i]!.length * (LABEL_HEIGHT + LABEL_SEP) - LABEL_SEP;
  const half = (i: number) => Math.max(NODE_HEIGHT, span(i)) / 2;
  /** Each node's middle from the column's top, and the column's height. */
  const stack = (nodes: number[]): { middles: number[]; height: number } => {
    const middles: number[] = [];
    nodes.forEach((i, k) => {
      const prev = nodes[k - 1];
      middles.push(prev === undefined ? half(i) : middles[k - 1]! + Math.max(NODE_HEIGHT + NODE_SEP, (span(prev) + span(i)) / 2 + LABEL_SEP));
    });
    const last = nodes[nodes.length - 1];
    return { middles, height: last === undefined ? 0 : middles[middles.length - 1]! + half(last) };
  };
  const stacks = [stack(columns[0]), stack(columns[1])] as const;
  const height = Math.max(NODE_HEIGHT, stacks[0].height, stacks[1].height);
  const labelColumn = (nodes: number[]) => Math.max(0, ...nodes.flatMap((i) => labels[i]!.map((e) => labelWidth(edges[e]!.label))));
  const [before, after] = [labelColumn(columns[0]), labelColumn(columns[1])];

  const middle = new Array<number>(count); // each node's centre, across the flow
  const left = new Array<number>(count);
  const labelAt = new Array<{ x: number; y: number }>(edges.length);
  let x = MARGIN;
  if (columns[0].length) x += NODE_WIDTH + RANK_SEP + before + RANK_SEP;
  left[0] = x;
  middle[0] = MARGIN + height / 2;
  // Columns centred on each other.
  const place = (side: 0 | 1, nodeX: number, labelX: number) => {
    const top = MARGIN + (height - stacks[side].height) / 2;
    columns[side].forEach((i, k) => {
      left[i] = nodeX;
      middle[i] = top + stacks[side].middles[k]!;
      const mine = labels[i]!;
      mine.forEach((e, n) => {
        labelAt[e] = { x: labelX, y: middle[i]! + (n - (mine.length - 1) / 2) * (LABEL_HEIGHT + LABEL_SEP) };
      });
    });
  };
  place(0, MARGIN, MARGIN + NODE_WIDTH + RANK_SEP + before / 2);
  const afterX = left[0] + NODE_WIDTH + RANK_SEP;
  place(1, afterX + after + RANK_SEP, afterX + after / 2);
  const width = (columns[1].length ? afterX + after + RANK_SEP + NODE_WIDTH : left[0] + NODE_WIDTH) + MARGIN;

  const box = (i: number) => ({ x: left[i]! + NODE_WIDTH / 2, y: middle[i]! });
  return {
    width: Math.ceil(width),
    height: Math.ceil(height + 2 * MARGIN),
    nodes: Array.from({ length: count }, (_, i) => ({ x: Math.round(left[i]!), y: Math.round(middle[i]! - NODE_HEIGHT / 2) })),
    edges: edges.map((e, i) => {
      const at = labelAt[i]!;
      const path = smoothPath([borderPoint(box(e.from), at), at, borderPoint(box(e.to), at)]);
      return { path, labelX: Math.round(at.x), labelY: Math.round(at.y) };
    }),
  };
}

/** Where the line from a node's centre towards `point` leaves its box (dagre's intersectRect). */
function borderPoint(centre: { x: number; y: number }, point: { x: number; y: number }): { x: number; y: number } {
  const dx = point.x - centre.x;
  const dy = point.y - centre.y;
  let w = NODE_WIDTH / 2;
  let h = NODE_HEIGHT / 2;
  if (Math.abs(dy) * w > Math.abs(dx) * h) {
    if (dy < 0) h = -h;
    return { x: centre.x + (h * dx) / dy, y: centre.y + h };
  }
  if (dx < 0) w = -w;
  return { x: centre.x + w, y: centre.y + (w * dy) / dx };
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
