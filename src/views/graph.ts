// The relations graph around an entity: nodes and merged edges, as Backstage's catalog graph draws it
// (each relation pair drawn once, in one direction, labelled), to a depth and a node cap.

import type { PortalEntity } from '../model/portal.ts';
import { compareKinds, displayKind, entityDisplayName, findEntity, type EntityIndex } from './entities.ts';
import { ReadingIndex, type IndexReads } from './reading-index.ts';
import { EXPLORER_NODES, GRAPH_NODES } from './entity-page.ts';
import { parseEntityRef } from '../model/entityRef.ts';
import { drawnEdge } from '../model/relations.ts';

export interface GraphNode {
  /** The entity ref (as written when it is not in the catalog). */
  id: string;
  kind: string;
  title: string;
  /** Set when the node is an entity in the catalog (it links to its page). */
  entity?: PortalEntity;
  /** Its page, when drawn in the browser (which has no entities, only the graph data file). */
  href?: string;
  center?: true;
  /** A relation target that is not in the catalog. */
  missing?: true;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export interface EntityGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Entities reached but left out by the node cap. */
  omitted: number;
}

export interface NeighbourhoodOptions {
  depth?: number;
  /** Relation types to follow (both directions of a pair must be listed); default all. */
  relations?: ReadonlySet<string>;
  /** Kinds to draw, lower-case (the centre is always drawn); default all. */
  kinds?: ReadonlySet<string>;
  /** Nodes besides the centre before the rest are counted as omitted. */
  maxNodes?: number;
}

/**
 * What a walk needs to know about the catalog. The build reads it from the model (`modelSource`), the browser
 * from the compact graph data file (./graph-data.ts): one walk, so both draw the same graph.
 */
export interface GraphSource {
  /** The ref as the catalog spells it, when the entity is in the catalog. */
  find(ref: string): string | undefined;
  /** The node drawn for a ref: the catalog's entity, or the ref marked missing. */
  node(ref: string): GraphNode;
  /** An entity's relations (none for a ref not in the catalog). */
  relations(ref: string): ReadonlyArray<{ type: string; targetRef: string }>;
  /** The kind of a ref, for ordering and filters: the entity's, else the ref's own. */
  kind(ref: string): string;
}

/** The model's entities as a graph source. */
export function modelSource(index: EntityIndex): GraphSource {
  return {
    find: (ref) => findEntity(index, ref)?.ref,
    node: (ref) => nodeFor(ref, index),
    relations: (ref) => findEntity(index, ref)?.entity.relations ?? [],
    kind: (ref) => findEntity(index, ref)?.entity.kind ?? kindOf(ref),
  };
}

/** Breadth-first from `ref`. Edges come only from expanded nodes, like Backstage's graph at a max depth. */
export function neighbourhood(ref: string, index: EntityIndex, options: NeighbourhoodOptions = {}): EntityGraph {
  return walk(modelSource(index), ref, options);
}

/** Breadth-first from `ref` over any graph source (see `neighbourhood`). */
export function walk(source: GraphSource, ref: string, options: NeighbourhoodOptions = {}): EntityGraph {
  const { depth = 1, relations, kinds, maxNodes = 20 } = options;
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const start = source.find(ref) ?? ref;
  nodes.set(start, { ...source.node(start), center: true });
  const omittedRefs = new Set<string>();
  let frontier = [start];
  for (let level = 0; level < depth && frontier.length; level++) {
    const next: string[] = [];
    for (const from of frontier) {
      if (source.find(from) === undefined) continue;
      const targets = interleave(
        source.relations(from).filter((r) => (!relations || relations.has(r.type)) && (!kinds || kinds.has(source.kind(r.targetRef).toLowerCase()))),
        source,
      );
      for (const { type, targetRef } of targets) {
        if (targetRef === from) continue;
        if (!nodes.has(targetRef)) {
          if (nodes.size > maxNodes) {
            omittedRefs.add(targetRef);
            continue;
          }
          nodes.set(targetRef, source.node(targetRef));
          next.push(targetRef);
        }
        const edge = drawnEdge(from, type, targetRef);
        edges.set(`${edge.from}\0${edge.to}\0${edge.label}`, edge);
      }
    }
    frontier = next;
  }
  for (const r of nodes.keys()) omittedRefs.delete(r);
  return { nodes: [...nodes.values()], edges: [...edges.values()], omitted: omittedRefs.size };
}

/**
 * Relations in a stable order that takes one of each type in turn, so a cap keeps every kind of relation
 * (a group owning hundreds of entities still shows its parent and members).
 */
function interleave(relations: ReadonlyArray<{ type: string; targetRef: string }>, source: GraphSource): Array<{ type: string; targetRef: string }> {
  // Each target's kind is looked up once, not once per comparison: a group can own thousands of entities.
  const byType = new Map<string, Array<{ relation: { type: string; targetRef: string }; kind: string }>>();
  for (const relation of relations) {
    const entry = { relation, kind: source.kind(relation.targetRef) };
    const list = byType.get(relation.type);
    if (list) list.push(entry);
    else byType.set(relation.type, [entry]);
  }
  const lists = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => list.sort((a, b) => compareKinds(a.kind, b.kind) || a.relation.targetRef.localeCompare(b.relation.targetRef)));
  const out: Array<{ type: string; targetRef: string }> = [];
  for (let i = 0; out.length < relations.length; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!.relation);
  }
  return out;
}

function nodeFor(ref: string, index: EntityIndex): GraphNode {
  const entity = findEntity(index, ref);
  if (entity) return { id: entity.ref, kind: entity.entity.kind, title: entityDisplayName(entity.entity), entity };
  return missingNode(ref);
}

/** A relation target that is not in the catalog, titled by its name. */
export function missingNode(ref: string): GraphNode {
  let kind = 'Entity';
  let title = ref;
  try {
    const parts = parseEntityRef(ref);
    kind = displayKind(parts.kind);
    title = parts.name;
  } catch {
    // Not a ref we can split: show it whole.
  }
  return { id: ref, kind, title, missing: true };
}

function kindOf(ref: string): string {
  const colon = ref.indexOf(':');
  return colon > 0 ? ref.slice(0, colon) : '';
}

/** Relation types the System/Domain graph explorer follows. */
export const EXPLORER_RELATIONS: ReadonlySet<string> = new Set([
  'partOf',
  'hasPart',
  'providesApi',
  'apiProvidedBy',
  'consumesApi',
  'apiConsumedBy',
  'dependsOn',
  'dependencyOf',
]);

/** The graph on an entity's page: its direct neighbours. */
export function entityGraph(ref: string, index: EntityIndex): EntityGraph {
  return neighbourhood(ref, index, { depth: 1, maxNodes: GRAPH_NODES });
}

/** Steps out from a System or Domain in its explorer: a domain holds systems that hold components, one more. */
export function explorerDepth(kind: string): number {
  return kind.toLowerCase() === 'domain' ? 3 : 2;
}

// Explorer graphs by index and ref: the explorer page and its rebuild key (../site/build/page-keys.ts) both need
// the graph, and the keys of a build's new pages are computed after the last page, where a second walk of every
// explorer (at 10,000 entities: 450 walks of up to 41 nodes, ~0.1 s of CPU alone, more inside the site child)
// kept the build waiting. A weak map: a model `backlot dev` replaced takes its graphs with it. Each walk's
// lookups are kept with its graph: a rebuild keeps an explorer's key while they find the same.
const explorers = new WeakMap<EntityIndex, Map<string, { graph: EntityGraph; reads: IndexReads }>>();

function explorerWalk(item: PortalEntity, index: EntityIndex): { graph: EntityGraph; reads: IndexReads } {
  let walks = explorers.get(index);
  if (!walks) explorers.set(index, (walks = new Map()));
  let walk = walks.get(item.ref);
  if (!walk) {
    const reading = new ReadingIndex(index);
    const graph = neighbourhood(item.ref, reading, { depth: explorerDepth(item.entity.kind), relations: EXPLORER_RELATIONS, maxNodes: EXPLORER_NODES });
    walk = { graph, reads: reading.reads() };
    walks.set(item.ref, walk);
  }
  return walk;
}

/**
 * The graph of a System's or Domain's explorer page: parts, APIs and dependencies, a few steps out. Walked once
 * per index and entity; callers must not change the graph.
 */
export function explorerGraph(item: PortalEntity, index: EntityIndex): EntityGraph {
  return explorerWalk(item, index).graph;
}

/** The refs the explorer's walk looked up (found or not): its graph is a function of what they find. */
export function explorerReads(item: PortalEntity, index: EntityIndex): IndexReads {
  return explorerWalk(item, index).reads;
}

/**
 * What an explorer page draws at build time: the first step of its graph, capped like an entity page's graph.
 * The whole explorer graph is laid out in the browser from the graph data file. At 10,000 entities the 450
 * whole graphs (up to 41 nodes, each of a shape of its own) took dagre 36 of the 39 s it spent on all 617 shapes
 * (one thread, a busy machine); first steps are stars that share their shapes with entity pages' graphs: 169
 * shapes in all, 4.8 s.
 */
export function explorerStartGraph(item: PortalEntity, index: EntityIndex): EntityGraph {
  return neighbourhood(item.ref, index, { depth: 1, relations: EXPLORER_RELATIONS, maxNodes: GRAPH_NODES });
}
