// What an entity page shows beyond its own fields, and the caps that keep any page small at 10,000 entities.

import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TECHDOCS_ENTITY,
  ANNOTATION_TECHDOCS_REF,
  ANNOTATION_VIEW_URL,
  type Entity,
} from '../model/entity.ts';
import type { PortalEntity, PortalModel } from '../model/portal.ts';
import { docsIndex, docsUrlOf } from './docs.ts';
import type { EntityIndex } from './entities.ts';
import { ReadingIndex, type IndexReads } from './reading-index.ts';
import type { EntityGraph } from './graph.ts';
import { groupMembers, groupOwnership, userGroups, userOwnership, type Member, type Owned } from './org.ts';
import { relationCards, type RelationCard, type RelationGroup } from './relations.ts';

/** Entries per relation card, owned-entities list and members list before "and N more". */
export const CARD_LIMIT = 20;
export const MEMBER_LIMIT = 30;
/** Neighbours drawn in an entity page's graph. */
export const GRAPH_NODES = 12;
/** Entities drawn in a System's or Domain's graph explorer. */
export const EXPLORER_NODES = 40;

/**
 * Whether an entity page draws its relations graph: not when there is nothing around the entity, nor for a User
 * whose only neighbours are groups, which the profile card lists already (Users are 40 % of a large org's
 * pages; that graph was ~1.6 KB of each).
 */
export function drawsGraph(kind: string, graph: EntityGraph): boolean {
  if (graph.nodes.length < 2) return false;
  return kind.toLowerCase() !== 'user' || graph.nodes.some((n) => !n.center && n.kind.toLowerCase() !== 'group');
}

/** Kinds with a full-page graph explorer. */
/** Past this many entities `site.entityGraph: auto` draws entity pages' graphs in the browser. */
export const BROWSER_GRAPH_FROM = 20_000;

/**
 * Where an entity page's graph is drawn. The SVG is 2.7–5 KB of every non-User page (at 100,000 entities a
 * quarter of `dist/`); drawn in the browser it costs the page a few attributes, and the relation cards list the
 * same relations without JavaScript.
 */
export function entityGraphMode(mode: 'auto' | 'static' | 'browser' | undefined, entities: number): 'static' | 'browser' {
  if (mode === 'static' || mode === 'browser') return mode;
  return entities > BROWSER_GRAPH_FROM ? 'browser' : 'static';
}

export function hasExplorer(kind: string): boolean {
  const k = kind.toLowerCase();
  return k === 'system' || k === 'domain';
}

export interface EntityLists {
  cards: RelationCard[];
  /** Relations no card shows, grouped by type. */
  other: RelationGroup[];
  /** A group's members, directly and with its child groups. */
  members?: { direct: Member[]; aggregated: Member[] };
  /** What a group or user owns: directly, and with child groups (group) or through their groups (user). */
  owned?: { direct: Owned[]; aggregated: Owned[] };
  /** Some list on the entity's page is cut, so it has a page with the full lists. */
  fullLists: boolean;
}

// The page keys and the relations page's paths ask for every entity's lists before any page renders; a user's or
// group's lists walk the org, so they are computed once and kept until the entity's page takes them. Kept for
// the whole build they were 45 MB at 30,000 entities. Whether an entity has a full-lists page is kept throughout.
// What each entity's lists read of the model (listsReads) is kept throughout too: a rebuild's keys depend on it.
interface ListsCache {
  lists: WeakMap<PortalEntity, EntityLists>;
  full: WeakMap<PortalEntity, boolean>;
  reads: WeakMap<PortalEntity, IndexReads>;
}
const listsCache = new WeakMap<EntityIndex, ListsCache>();

function cacheOf(index: EntityIndex): ListsCache {
  let cache = listsCache.get(index);
  if (!cache) {
    cache = { lists: new WeakMap(), full: new WeakMap(), reads: new WeakMap() };
    listsCache.set(index, cache);
  }
  return cache;
}

/** Everything the entity page lists, computed once per entity and kept until takeEntityLists. */
export function entityLists(item: PortalEntity, index: EntityIndex): EntityLists {
  const cache = cacheOf(index);
  let lists = cache.lists.get(item);
  if (!lists) {
    const reading = new ReadingIndex(index);
    lists = computeLists(item, reading);
    cache.lists.set(item, lists);
    cache.full.set(item, lists.fullLists);
    cache.reads.set(item, reading.reads());
  }
  return lists;
}

/**
 * What computing the entity's lists read of the model (computing them if they were not). The lists are a function
 * of the entity and of what these lookups found, nothing else: a rebuild whose lookups find the same entities,
 * with the same data, has the same lists (../site/build/page-keys.ts).
 */
export function listsReads(item: PortalEntity, index: EntityIndex): IndexReads {
  const cache = cacheOf(index);
  const reads = cache.reads.get(item);
  if (reads) return reads;
  entityLists(item, index);
  return cache.reads.get(item)!;
}

/** A rebuild: whether the entity has a full-lists page, known from the last build (its lists read nothing that changed). */
export function knownFullLists(item: PortalEntity, index: EntityIndex, full: boolean): void {
  cacheOf(index).full.set(item, full);
}

/** The entity's lists for a page that renders them: no longer kept (a later call computes them again). */
export function takeEntityLists(item: PortalEntity, index: EntityIndex): EntityLists {
  const lists = entityLists(item, index);
  cacheOf(index).lists.delete(item);
  return lists;
}

function computeLists(item: PortalEntity, index: EntityIndex): EntityLists {
  const kind = item.entity.kind.toLowerCase();
  const { cards, other } = relationCards(item.entity, index);
  // Direct entries are the aggregated ones without `via`, in the same order: one walk gives both lists.
  const direct = <T extends { via?: string }>(all: T[]) => all.filter((x) => !x.via);
  let members: EntityLists['members'];
  let owned: EntityLists['owned'];
  if (kind === 'group') {
    const allMembers = groupMembers(item.ref, index, true);
    members = { direct: direct(allMembers), aggregated: allMembers };
    const allOwned = groupOwnership(item.ref, index, true);
    owned = { direct: direct(allOwned), aggregated: allOwned };
  } else if (kind === 'user') {
    const allOwned = userOwnership(item.ref, index, true);
    owned = { direct: direct(allOwned), aggregated: allOwned };
  }
  // Groups and users list what comes through other groups, so their own relation count says little. A user's
  // owned list is not one: the catalog filtered by the user and their groups (ownedListOwners) lists the same, and
  // a page per user for it made 3,334 of the 3,509 relations pages at 10,000 entities (relations pages were 4.7 KB
  // per entity of the site at 30,000).
  const fullLists =
    (members !== undefined && members.aggregated.length > MEMBER_LIMIT) ||
    (kind === 'group' && owned !== undefined && owned.direct.length > CARD_LIMIT) ||
    cards.some((c) => c.targets.length > CARD_LIMIT) ||
    other.some((g) => g.targets.length > CARD_LIMIT);
  return { cards, other, ...(members ? { members } : {}), ...(owned ? { owned } : {}), fullLists };
}

/** The owners whose entities the page's owned list shows: the entity, and a user's groups (Backstage's "with their groups"). */
export function ownedListOwners(item: PortalEntity): string[] {
  return item.entity.kind.toLowerCase() === 'user' ? [item.ref, ...userGroups(item.entity)] : [item.ref];
}

/** Whether some list on the entity's page is cut, so it needs the page with the full lists. */
export function needsFullLists(item: PortalEntity, index: EntityIndex): boolean {
  return cacheOf(index).full.get(item) ?? entityLists(item, index).fullLists;
}

export interface DocsLink {
  /** URL of the entity's docs (with the base), when the docs stage built them. */
  url?: string;
  /** The annotation that asks for docs, when there is one. */
  annotation?: string;
}

/**
 * "View docs": only where the docs stage built a site (its own, or another entity's through
 * `backstage.io/techdocs-entity`), so the link is never broken.
 */
export function docsLink(model: PortalModel, item: PortalEntity): DocsLink {
  const annotations = item.entity.metadata.annotations ?? {};
  const annotation = annotations[ANNOTATION_TECHDOCS_REF] ? ANNOTATION_TECHDOCS_REF : annotations[ANNOTATION_TECHDOCS_ENTITY] ? ANNOTATION_TECHDOCS_ENTITY : undefined;
  // Looked up in the docs index, built once per model: a scan of every site per entity page is quadratic.
  const url = docsUrlOf(docsIndex(model), item.ref);
  return { ...(url ? { url } : {}), ...(annotation ? { annotation } : {}) };
}

const LOCATION_ANNOTATIONS = new Set([ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, ANNOTATION_VIEW_URL, ANNOTATION_EDIT_URL, ANNOTATION_SOURCE_LOCATION]);

export interface AnnotationsShown {
  /** Annotations listed with their values. */
  listed: Array<[string, string]>;
  /** Location annotations pointing into the entity's own repo, which Source, View source and Edit show. */
  inRepo: number;
}

/**
 * The annotations an entity page lists. The five the catalog sets from where an entity was read repeat the
 * Source row and the View source and Edit links: ~0.55 KB of every entity page (55 MB of `dist/` at 100,000
 * entities). They are counted, not listed, when they point into the entity's repo; the catalog API keeps them.
 */
export function annotationsShown(entity: Entity, repoUrl: string | undefined): AnnotationsShown {
  const prefix = repoUrl ? `${repoUrl.replace(/\/+$/, '')}/` : undefined;
  const listed: Array<[string, string]> = [];
  let inRepo = 0;
  for (const [key, value] of Object.entries(entity.metadata.annotations ?? {})) {
    const text = String(value);
    if (prefix && LOCATION_ANNOTATIONS.has(key) && text.replace(/^url:/, '').startsWith(prefix)) inRepo++;
    else listed.push([key, text]);
  }
  return { listed, inRepo };
}
