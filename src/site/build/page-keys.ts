// What an entity's pages (its page, relations, definition, raw definition) show, as one key: a rebuild renders
// a page again only when its key changed (./reuse.ts). The key hashes the entity page's view (entityPageView, the
// value the page renders): the entity's own view, and for every entity its lists and graph show, that entity's own
// view (its title, kind, description and the rest; hashed as the inputs it is derived from), so a group rename
// changes the key of every page listing the group. Each entity's own digest is computed once per model: linear in the page data. The graph is not walked for
// the key: an entity page draws its neighbours (depth 1), so its nodes are the entity's relation targets, and what
// they show (kind, title, edges from the entity) is in the own views the key hashes already; whether it is drawn
// follows from them, and how (in the page or the browser) from the site and the entity count. The walk was about a
// quarter of the keys' time (10,000 entities, CPU profile of the site child).

import { hash as digestOf } from 'node:crypto';
import type { PortalModel } from '../../model/portal.ts';
import { entityOwnInputs, entityOwnView, type EntityOwnInputs, type EntityOwnView, type EntityPageView } from '../../views/entity-page-view.ts';
import { entityGraphMode, entityLists, knownFullLists, listsReads, needsFullLists, type EntityLists } from '../../views/entity-page.ts';
import { findEntity, type EntityIndex } from '../../views/entities.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { explorerGraph, explorerReads } from '../../views/graph.ts';
import type { SiteData } from '../../views/site-data.ts';
import type { RepoInfo } from '../../model/repo.ts';
import { pageCount, pageOf, type CatalogData } from '../../views/catalog/data.ts';
import { navLinks } from '../../views/nav.ts';
import { docsSubject, type DocsRoute } from '../../views/docs.ts';
import { linkedItem } from '../../views/catalog/items.ts';
import type { DocsSite } from '../../model/docs.ts';

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
  /** What the next build needs to keep keys (every entity's key computed now if it was not). */
  state(): KeyState;
}

const cache = new WeakMap<PortalModel, EntityKeys>();

/**
 * The keys of entities' pages, for the model `data` was derived from (memoised per model: the first call's
 * `previous` counts). `previous`: the last build's KeyState (a rebuild), whose keys are kept for the entities
 * none of whose inputs changed (see carriedKeys).
 */
export function entityKeys(data: SiteData, previous?: KeyState): EntityKeys {
  const hit = cache.get(data.model);
  if (hit) return hit;
  const { model, index } = data;
  const own = new Map<string, string>();
  // The own view's inputs, not the view: the rest of it is derived from them (entityOwnView), and building it for
  // every entity was ~30 % of a rebuild's own digests (10,000 entities, CPU profile of the site child).
  const ownDigest = (ref: string, found?: PortalEntity): string => {
    let digest = own.get(ref);
    if (digest !== undefined) return digest;
    const item = found ?? findEntity(index, ref);
    digest = item ? hash(JSON.stringify(ownShown(entityOwnInputs(item, data)))) : `missing:${ref}`;
    own.set(ref, digest);
    return digest;
  };
  // What every page shows of the site (its title, repo and origins: some come from the environment, not the config).
  const site = hash(JSON.stringify(model.site));
  const graphMode = entityGraphMode(model.site.entityGraph, model.entities.length);
  const context = hash(`${site}\n${graphMode}`);
  const keys = new Map<string, string>();
  // What each key read besides its entity (its lists' lookups, the refs it hashed), or null: the whole index.
  const reads = new Map<string, Iterable<string> | null>();
  const keyed = (own: EntityOwnView, lists: EntityLists): string => {
    const ref = own.item.ref;
    let key = keys.get(ref);
    if (key !== undefined) return key;
    const shown = new Set<string>();
    for (const r of own.item.entity.relations ?? []) shown.add(r.targetRef);
    collectRefs(lists, shown);
    shown.delete(ref);
    // The page's own settings of its view (graph mode, owners) follow from the entity, the site and the lists.
    const sorted = [...shown].sort();
    key = hash([site, ownDigest(ref, own.item), graphMode, ...sorted.map((r) => `${r}=${ownDigest(r)}`)].join('\n'));
    keys.set(ref, key);
    const looked = listsReads(own.item, index);
    if (looked === 'all') reads.set(ref, null);
    else {
      // The refs hashed came from the lists' lookups (findEntity: as written, else lower-cased, as ownDigest finds
      // them); any that did not are added. Merging them all into a new set cost cold builds 0.3 s at 10,000 entities.
      let extra: string[] | undefined;
      for (const r of sorted) if (!looked.has(r)) (extra ??= []).push(r, r.toLowerCase());
      reads.set(ref, extra ? [...looked, ...extra] : looked);
    }
    return key;
  };
  // A rebuild: which refs the last build read now find another entity, or other data, than they found then.
  const changed = previous && previous.context === context ? changedRefs(previous, index, (found) => ownDigest(found.ref, found)) : undefined;
  const carried = changed ? carriedKeys(previous!, previous!.entities, changed) : new Map<string, Carried>();
  for (const [ref, { full }] of carried) knownFullLists(index.get(ref)!, index, full);
  const keyOf = ((ref: string): string => {
    const known = keys.get(ref) ?? carried.get(ref)?.key;
    if (known !== undefined) return known;
    const item = findEntity(index, ref);
    return item ? keyed(entityOwnView(item, data), entityLists(item, index)) : `missing:${ref}`;
  }) as EntityKeys;
  keyOf.ofView = (view) => carried.get(view.own.item.ref)?.key ?? keyed(view.own, view.lists);
  const explorers = new Map<string, string>();
  const explorerReadsOf = new Map<string, Iterable<string> | null>();
  const carriedExplorers = changed && previous?.explorers ? carriedKeys(previous, previous.explorers, changed) : new Map<string, Carried>();
  keyOf.explorer = (ref) => {
    let key = explorers.get(ref) ?? carriedExplorers.get(ref)?.key;
    if (key !== undefined) return key;
    const item = findEntity(index, ref);
    if (!item) return `missing:${ref}`;
    const graph = explorerGraph(item, index);
    key = hash(['explorer', site, graphMode, String(graph.omitted), ...graph.nodes.map((n) => `${n.id}=${ownDigest(n.id)}`)].join('\n'));
    explorers.set(item.ref, key);
    // The walk's lookups, and the nodes' own digests as ownDigest finds them (as written, else lower-cased).
    const looked = explorerReads(item, index);
    const extra = looked === 'all' ? [] : graph.nodes.filter((n) => !looked.has(n.id)).flatMap((n) => [n.id, n.id.toLowerCase()]);
    explorerReadsOf.set(item.ref, looked === 'all' ? null : extra.length > 0 ? [...looked, ...extra] : looked);
    return key;
  };
  keyOf.state = () => {
    // The last build's table first, in its order: a kept key's reads are then its very indexes (mapping 230,000
    // reads back and forth through the table was ~0.15 s of a one-repo rebuild at 10,000 entities).
    const refs: string[] = changed ? [...previous!.refs] : [];
    const table = new Map(refs.map((ref, i) => [ref, i]));
    const at = (ref: string): number => {
      let i = table.get(ref);
      if (i === undefined) {
        i = refs.push(ref) - 1;
        table.set(ref, i);
      }
      return i;
    };
    // The page's own entity first: its key hashes it, whether or not its lists looked it up.
    const readsAt = (ref: string, looked: Iterable<string> | null): number[] | null => {
      if (looked === null) return null;
      const out = [at(ref)];
      for (const r of looked) if (r !== ref) out.push(at(r));
      return out;
    };
    const entities: KeyState['entities'] = [];
    const explorerKeys: NonNullable<KeyState['explorers']> = [];
    for (const item of model.entities) {
      const was = carried.get(item.ref);
      const key = was?.key ?? keyOf(item.ref);
      const looked = was ? was.reads : reads.get(item.ref);
      if (looked === undefined) continue; // two entities with one ref: the first one's key (pages are per ref)
      entities.push([at(item.ref), key, needsFullLists(item, index) ? 1 : 0, was ? was.reads : readsAt(item.ref, reads.get(item.ref) ?? null)]);
      // Explorers whose pages this build has (the pages ask for their keys).
      const explorer = carriedExplorers.get(item.ref);
      if (explorer) explorerKeys.push([at(item.ref), explorer.key, explorer.reads]);
      else if (explorers.has(item.ref)) explorerKeys.push([at(item.ref), explorers.get(item.ref)!, readsAt(item.ref, explorerReadsOf.get(item.ref)!)]);
    }
    const state = { context, refs, digests: [] as string[], entities, explorers: explorerKeys };
    // Refs no key reads any longer (entities removed, dangling refs gone) stay until they are a quarter of the table.
    const kept = compacted(state);
    kept.digests = kept.refs.map((ref) => {
      const found = index.get(ref);
      return found ? ownDigest(found.ref, found) : '';
    });
    return kept;
  };
  cache.set(model, keyOf);
  return keyOf;
}

/**
 * What a build keeps of its entity keys for the next (the page manifest's `entities`, ./reuse.ts). An entity page's
 * key is a function of the site part (`context`), the entity's own digest, its lists, and the own digests of the
 * refs its lists name; its lists are a function of the entity and of what the lookups in their computation found
 * (../../views/entity-page.ts listsReads). So when nothing an entity's key read changed (the same entity found
 * under each ref it looked up, with the same own digest, and still nothing under refs that found nothing), its
 * key is the last build's: its lists are not computed again. A user joining a grandchild team changes the
 * grandchild's relations (its own digest), which every ancestor's walk read; a dangling ref that becomes an
 * entity was read as nothing; a removed entity is found as nothing.
 */
export interface KeyState {
  /** The site settings and graph mode every key hashes: another context keeps no key. */
  context: string;
  /** Every ref some key read. */
  refs: string[];
  /** The own digest of the entity found under refs[i], '' when none was. */
  digests: string[];
  /** Per entity: its ref (index in refs), its pages' key, 1 when it has a full-lists page, what its key read (indexes in refs; null: the whole index). */
  entities: Array<[number, string, 0 | 1, number[] | null]>;
  /** Per System or Domain: its ref, its graph explorer's key, what its walk and key read. */
  explorers?: Array<[number, string, number[] | null]>;
}

interface Carried {
  key: string;
  full: boolean;
  /** Indexes in the last build's refs. */
  reads: number[];
}

/** Which of the last build's refs find other data now (another entity, other own data, or one where there was none). */
function changedRefs(previous: KeyState, index: EntityIndex, digestOf: (found: PortalEntity) => string): boolean[] {
  return previous.refs.map((ref, i) => {
    const found = index.get(ref);
    return (found ? digestOf(found) : '') !== previous.digests[i];
  });
}

/** The last build's keys, by ref, of the pages none of whose reads changed (their reads as indexes in its refs). */
function carriedKeys(previous: KeyState, keys: ReadonlyArray<readonly [number, string, ...unknown[]]>, changed: readonly boolean[]): Map<string, Carried> {
  const out = new Map<string, Carried>();
  for (const entry of keys) {
    const [at, key] = entry;
    const looked = entry[entry.length - 1] as number[] | null;
    if (changed[at] !== false || looked === null || looked.some((i) => changed[i] !== false)) continue; // an index out of the table counts as changed
    out.set(previous.refs[at]!, { key, full: entry.length === 4 && entry[2] === 1, reads: looked });
  }
  return out;
}

/** The state with refs no entry reads dropped, once they are a quarter of its table (else as it is). */
function compacted(state: KeyState): KeyState {
  const used = new Uint8Array(state.refs.length);
  const mark = (reads: readonly number[] | null) => {
    if (reads) for (const i of reads) used[i] = 1;
  };
  for (const [at, , , reads] of state.entities) (used[at] = 1), mark(reads);
  for (const [at, , reads] of state.explorers ?? []) (used[at] = 1), mark(reads);
  const unused = used.length - used.reduce((n, u) => n + u, 0);
  if (unused * 4 <= state.refs.length) return state;
  const to = new Int32Array(state.refs.length).fill(-1);
  const refs: string[] = [];
  state.refs.forEach((ref, i) => {
    if (used[i]) to[i] = refs.push(ref) - 1;
  });
  const remap = (reads: readonly number[] | null) => (reads ? reads.map((i) => to[i]!) : null);
  return {
    ...state,
    refs,
    entities: state.entities.map(([at, key, full, reads]) => [to[at]!, key, full, remap(reads)]),
    explorers: (state.explorers ?? []).map(([at, key, reads]) => [to[at]!, key, remap(reads)]),
  };
}

/**
 * The own view's inputs as keyed: their repo without the head commit, which changes with every push to a repo holding many
 * entities (all of an org's Users and Groups, say) and which no page shows (links go to the default branch).
 */
function ownShown(inputs: EntityOwnInputs): unknown {
  return { ...inputs, repo: repoShown(inputs.repo) };
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

/** What every page shows of the site (its settings and nav), once per model: part of every page's own key. */
const contexts = new WeakMap<PortalModel, string>();
function pageContext(model: PortalModel): string {
  let context = contexts.get(model);
  if (context === undefined) contexts.set(model, (context = hash(JSON.stringify([model.site, navLinks(model)]))));
  return context;
}

/**
 * The key of a catalog list page (`catalog/kind/<kind>/`, `…/page/<n>/`): what it shows besides what every page
 * does (pageContext): the kind picker's counts, its page of rows, the owner and system each row links to (the same
 * lookup its cells make, ../render/catalog-rows.ts), the columns (the kind, namespaces, plugins' columns) and the
 * pager. An edited description changes the one page listing its entity; an entity added or removed changes every
 * list (their counts). At 10,000 entities these are 102 pages (4.5 MB), at 100,000 about 1,000.
 */
export function listingKey(model: PortalModel, data: CatalogData, kind: string, page: number): string {
  const items = data.byKind.get(kind) ?? [];
  const rows = pageOf(items, page);
  const linked = rows.flatMap((row) => [row.owner, row.system]).map((ref) => {
    const target = linkedItem(data.byRef, ref);
    return target ? [target.ref, target.title] : ref;
  });
  return hash(JSON.stringify([pageContext(model), data.kinds, data.items.length, data.namespaced, data.pluginColumns, kind, page, pageCount(items.length), rows, linked]));
}

/**
 * The keys of TechDocs pages (../layouts/Docs.astro): the page within its whole site (nav, titles, neighbours: one
 * digest per site, so an edited page renders its site's pages again) and what it says of the entity it documents
 * (docsSubject, as the layout shows it); a redirect by where it leads. 200 pages at 10,000 entities of the scale
 * benchmark, 2,000 at 100,000.
 */
export function docsKeys(model: PortalModel, index: EntityIndex): (route: DocsRoute['props']) => string {
  const context = pageContext(model);
  const sites = new Map<DocsSite, string>();
  return (route) => {
    if (route.type === 'redirect') return hash(JSON.stringify([context, route.entityRef, route.to]));
    let site = sites.get(route.site);
    if (site === undefined) sites.set(route.site, (site = hash(JSON.stringify(route.site))));
    return hash(JSON.stringify([context, site, route.page.path, docsSubject(route.site, index)]));
  };
}
