// What an entity's pages (its page, relations, definition, raw definition) show, as one key: a rebuild renders
// a page again only when its key changed (./reuse.ts). The key hashes the entity page's view (entityPageView, the
// value the page renders): the entity's own view, and for every entity its lists and graph show, that entity's own
// view (its title, kind, description and the rest), so a group rename changes the key of every page listing the
// group. Each entity's own digest is computed once per model: linear in the page data. The graph is not walked for
// the key: an entity page draws its neighbours (depth 1), so its nodes are the entity's relation targets, and what
// they show (kind, title, edges from the entity) is in the own views the key hashes already; whether it is drawn
// follows from them, and how (in the page or the browser) from the site and the entity count. The walk was about a
// quarter of the keys' time (10,000 entities, CPU profile of the site child).

import { hash as digestOf } from 'node:crypto';
import type { PortalModel } from '../../model/portal.ts';
import { entityOwnView, type EntityOwnView, type EntityPageView } from '../../views/entity-page-view.ts';
import { entityGraphMode, entityLists, type EntityLists } from '../../views/entity-page.ts';
import { findEntity } from '../../views/entities.ts';
import { explorerGraph } from '../../views/graph.ts';
import type { SiteData } from '../../views/site-data.ts';
import type { RepoInfo } from '../../model/repo.ts';

// One-shot: a Hash object per digest cost ~1.2 µs more, on ~22,000 digests at 10,000 entities.
const hash = (text: string) => digestOf('sha1', text, 'base64url');

export interface EntityKeys {
  /** The key of an entity's pages, from its view (computed here unless the page's own was handed to `ofView`). */
  (ref: string): string;
  /** The key from the view the entity's page renders: no second walk over its lists and graph. */
  ofView(view: EntityPageView): string;
  /**
   * The key of a System's or Domain's graph explorer page: what its walk reaches (every entity it lists, whose
   * relations the walk followed) with their own views, and how many it left out. The page's drawing is the walk's
   * first step, and its layout a function of that graph.
   */
  explorer(ref: string): string;
}

const cache = new WeakMap<PortalModel, EntityKeys>();

/** The keys of entities' pages, for the model `data` was derived from (memoised per model). */
export function entityKeys(data: SiteData): EntityKeys {
  const hit = cache.get(data.model);
  if (hit) return hit;
  const { model, index } = data;
  const own = new Map<string, string>();
  const ownDigest = (ref: string, view?: EntityOwnView): string => {
    let digest = own.get(ref);
    if (digest !== undefined) return digest;
    const item = view?.item ?? findEntity(index, ref);
    digest = item ? hash(JSON.stringify(ownShown(view ?? entityOwnView(item, data)))) : `missing:${ref}`;
    own.set(ref, digest);
    return digest;
  };
  // What every page shows of the site (its title, repo and origins: some come from the environment, not the config).
  const site = hash(JSON.stringify(model.site));
  const graphMode = entityGraphMode(model.site.entityGraph, model.entities.length);
  const keys = new Map<string, string>();
  const keyed = (own: EntityOwnView, lists: EntityLists): string => {
    const ref = own.item.ref;
    let key = keys.get(ref);
    if (key !== undefined) return key;
    const shown = new Set<string>();
    for (const r of own.item.entity.relations ?? []) shown.add(r.targetRef);
    collectRefs(lists, shown);
    shown.delete(ref);
    // The page's own settings of its view (graph mode, owners) follow from the entity, the site and the lists.
    key = hash([site, ownDigest(ref, own), graphMode, ...[...shown].sort().map((r) => `${r}=${ownDigest(r)}`)].join('\n'));
    keys.set(ref, key);
    return key;
  };
  const keyOf = ((ref: string): string => {
    const known = keys.get(ref);
    if (known !== undefined) return known;
    const item = findEntity(index, ref);
    return item ? keyed(entityOwnView(item, data), entityLists(item, index)) : `missing:${ref}`;
  }) as EntityKeys;
  keyOf.ofView = (view) => keyed(view.own, view.lists);
  const explorers = new Map<string, string>();
  keyOf.explorer = (ref) => {
    let key = explorers.get(ref);
    if (key !== undefined) return key;
    const item = findEntity(index, ref);
    if (!item) return `missing:${ref}`;
    const graph = explorerGraph(item, index);
    key = hash(['explorer', site, graphMode, String(graph.omitted), ...graph.nodes.map((n) => `${n.id}=${ownDigest(n.id)}`)].join('\n'));
    explorers.set(ref, key);
    return key;
  };
  cache.set(model, keyOf);
  return keyOf;
}

/**
 * The own view as keyed: its repo without the head commit, which changes with every push to a repo holding many
 * entities (all of an org's Users and Groups, say) and which no page shows (links go to the default branch).
 */
function ownShown(view: EntityOwnView): unknown {
  return { ...view, repo: repoShown(view.repo) };
}

function repoShown(repo: RepoInfo | undefined): unknown {
  return repo ? [repo.url, repo.owner, repo.name, repo.defaultBranch] : null;
}

/**
 * Every `ref` in view data (lists of targets), not descending into the entities themselves. Keys are read in place,
 * not through an Object.values array per object: at 10,000 entities the entity pages list 147,000 refs.
 */
function collectRefs(value: object, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v && typeof v === 'object') collectRefs(v, out);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.ref === 'string') out.add(record.ref);
  // An org list's entry names the child group it comes through (`via`) by its title: a grandchild team's rename shows.
  if (typeof record.via === 'string') out.add(record.via);
  if ('entity' in record && 'source' in record) return; // a PortalEntity: its ref is all that is needed
  for (const key in record) {
    const v = record[key];
    if (v && typeof v === 'object') collectRefs(v, out);
  }
}
