// The whole catalog's relations in one compact file, written once per build (`GRAPH_DATA` in model/routes.ts),
// from which the browser draws any entity's graph at any depth and filter: one file the browser caches instead
// of a graph file per entity and setting. Each relation pair is stored from one side only (the browser adds the
// other), entities by position, refs without the default namespace and kind prefix.

import type { PortalEntity } from '../model/portal.ts';
import { parseEntityRef } from '../model/entityRef.ts';
import { drawnEdge, inverseRelation, relationRank } from '../model/relations.ts';
import { compareKinds, displayKind, entityTitle } from './entities.ts';
import { missingNode, type GraphNode, type GraphSource } from './graph.ts';

export const GRAPH_DATA_VERSION = 1;

export interface GraphData {
  version: number;
  /** Kinds as the catalog spells them; nodes point into this list. */
  kinds: string[];
  /** Relation types; relations point into this list. */
  types: string[];
  /**
   * Per node: name (`namespace/name` outside the default namespace), kind, and title when it is not the name.
   * The first `entities` nodes are the catalog's entities, the rest relation targets that are not in it.
   */
  nodes: Array<[name: string, kind: number, title?: string]>;
  entities: number;
  /** Per entity, its stored relations as `[type, node, type, node, …]`. */
  relations: number[][];
}

const DEFAULT_NS = 'default';

/** The model's relations as graph data: linear in entities and relations. */
export function graphData(entities: readonly PortalEntity[]): GraphData {
  const kinds: string[] = [];
  const kindIds = new Map<string, number>();
  const types: string[] = [];
  const typeIds = new Map<string, number>();
  const idOf = <T>(ids: Map<T, number>, list: T[], value: T): number => {
    let id = ids.get(value);
    if (id === undefined) {
      id = list.length;
      list.push(value);
      ids.set(value, id);
    }
    return id;
  };
  const nodes: GraphData['nodes'] = [];
  const positions = new Map<string, number>();
  for (const item of entities) {
    const { metadata, kind } = item.entity;
    const namespace = metadata.namespace ?? DEFAULT_NS;
    const name = namespace.toLowerCase() === DEFAULT_NS ? metadata.name : `${namespace}/${metadata.name}`;
    const title = entityTitle(item.entity);
    const node: GraphData['nodes'][number] = [name, idOf(kindIds, kinds, kind)];
    if (title !== metadata.name) node.push(title);
    positions.set(item.ref, nodes.length);
    nodes.push(node);
  }
  const count = nodes.length;
  const target = (ref: string): number => {
    let position = positions.get(ref);
    if (position === undefined) {
      position = nodes.length;
      positions.set(ref, position);
      nodes.push(missingEntry(ref, (kind) => idOf(kindIds, kinds, kind)));
    }
    return position;
  };
  const relations = entities.map((item) => {
    const out: number[] = [];
    for (const { type, targetRef } of item.entity.relations ?? []) {
      const inverse = inverseRelation(type);
      // The pair's other side is stored by the target, unless the target is not in the catalog.
      if (inverse && !storedSide(type) && positions.has(targetRef) && positions.get(targetRef)! < count) continue;
      out.push(idOf(typeIds, types, type), target(targetRef));
    }
    return out;
  });
  return { version: GRAPH_DATA_VERSION, kinds, types, nodes, entities: count, relations };
}

/** A missing target: its kind and name from the ref, or the ref whole (kind -1) when it does not parse. */
function missingEntry(ref: string, kindId: (kind: string) => number): GraphData['nodes'][number] {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return [namespace.toLowerCase() === DEFAULT_NS ? name : `${namespace}/${name}`, kindId(kind)];
  } catch {
    return [ref, -1];
  }
}

/** Of a known pair, the side the data stores (any fixed choice would do: the other is derived from it). */
function storedSide(type: string): boolean {
  const inverse = inverseRelation(type);
  return inverse === undefined || type.localeCompare(inverse) < 0;
}

/** A graph source over graph data; `hrefOf` gives a catalog node's page. */
export function dataSource(data: GraphData, hrefOf: (ref: string) => string): GraphSource {
  const refs = data.nodes.map(([name, kind]) => refOf(name, kind === -1 ? undefined : data.kinds[kind]));
  const positions = new Map<string, number>();
  refs.forEach((ref, i) => {
    positions.set(ref, i);
    if (!positions.has(ref.toLowerCase())) positions.set(ref.toLowerCase(), i);
  });
  const adjacent: Array<Array<{ type: string; targetRef: string }>> = Array.from({ length: data.entities }, () => []);
  data.relations.forEach((list, from) => {
    for (let i = 0; i + 1 < list.length; i += 2) {
      const type = data.types[list[i]!]!;
      const to = list[i + 1]!;
      adjacent[from]!.push({ type, targetRef: refs[to]! });
      const inverse = inverseRelation(type);
      if (inverse && storedSide(type) && to < data.entities) adjacent[to]!.push({ type: inverse, targetRef: refs[from]! });
    }
  });
  const position = (ref: string) => positions.get(ref) ?? positions.get(ref.toLowerCase());
  return {
    find: (ref) => {
      const i = position(ref);
      return i !== undefined && i < data.entities ? refs[i] : undefined;
    },
    node: (ref): GraphNode => {
      const i = position(ref);
      if (i === undefined || i >= data.entities) return missingNode(i === undefined ? ref : refs[i]!);
      const [name, kind, title] = data.nodes[i]!;
      const id = refs[i]!;
      return { id, kind: data.kinds[kind] ?? 'Entity', title: title ?? name.slice(name.indexOf('/') + 1), href: hrefOf(id) };
    },
    relations: (ref) => {
      const i = position(ref);
      return i !== undefined && i < data.entities ? adjacent[i]! : [];
    },
    kind: (ref) => {
      const i = position(ref);
      const kind = i === undefined ? undefined : data.kinds[data.nodes[i]![1]];
      return kind ?? (ref.includes(':') ? ref.slice(0, ref.indexOf(':')) : '');
    },
  };
}

/** The ref a node stands for, lower-cased like the model's refs; a ref that did not parse comes back whole. */
function refOf(name: string, kind: string | undefined): string {
  if (kind === undefined) return name;
  return `${kind}:${name.includes('/') ? name : `${DEFAULT_NS}/${name}`}`.toLowerCase();
}

export interface GraphFilters {
  /** Kinds to choose from, lower-case value and label, in Backstage's order. */
  kinds: Array<{ value: string; label: string }>;
  /** Relations to choose from: a pair's two types under the label its edges carry. */
  relations: Array<{ types: string[]; label: string }>;
}

/** The kind and relation choices a graph's controls offer: what the catalog has. */
export function graphFilters(data: GraphData): GraphFilters {
  const kinds = new Map<string, string>();
  for (const kind of data.kinds) if (!kinds.has(kind.toLowerCase())) kinds.set(kind.toLowerCase(), displayKind(kind));
  const relations = new Map<string, string[]>();
  for (const type of data.types) {
    const inverse = inverseRelation(type);
    const types = inverse ? [type, inverse].sort((a, b) => relationRank(a) - relationRank(b)) : [type];
    const { label } = drawnEdge('a', types[0]!, 'b');
    if (!relations.has(label)) relations.set(label, types);
  }
  return {
    kinds: [...kinds].sort(([a], [b]) => compareKinds(a, b)).map(([value, label]) => ({ value, label })),
    relations: [...relations]
      .sort(([, a], [, b]) => relationRank(a[0]!) - relationRank(b[0]!) || a[0]!.localeCompare(b[0]!))
      .map(([label, types]) => ({ types, label })),
  };
}
