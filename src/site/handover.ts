// The one hand-over from the build to the pages. buildSite (and `backlot dev`) hand the model and the build's
// graphs over here before Astro renders; pages read them back with received(). Astro bundles every page into a
// chunk with its own copy of each module it imports, so a variable of this module set by buildSite is not the
// one a page sees: the hand-over lives on globalThis, under one symbol, and only this module touches it.

import type { PortalEntity, PortalModel } from '../model/portal.ts';
import type { TemplateForms } from '../views/create/page-data.ts';
import { catalogData, type CatalogData } from '../views/catalog/data.ts';
import { siteData, type SiteData } from '../views/site-data.ts';
import type { SiteGraphs } from './build/graphs.ts';
import { shardOf, type Shard } from '../snapshot/shard.ts';
import { pageFile, type PageReuse } from './build/reuse.ts';
import { docsKeys, entityKeys, listingKey, type EntityKeys } from './build/page-keys.ts';
import type { DocsRoute } from '../views/docs.ts';
import { entityPageView, type EntityPageView } from '../views/entity-page-view.ts';
import type { ShellPages } from './build/shell-pages.ts';

export interface Handover {
  model: PortalModel;
  /** The graphs the pages draw, and their layouts. */
  graphs: SiteGraphs;
  /** `backlot build --shard i/N`: render only this share of the pages (see inShare). */
  share?: Shard;
  /** The templates' forms, as the CLI built them for its diagnostics. */
  forms: TemplateForms;
  /** A rebuild: pages whose key is the last build's are not rendered but copied from it (see inShare). */
  reuse?: PageReuse;
  /** Routes whose pages are written from a shell after the first ones (./build/shell-pages.ts); registered by their pages. */
  shells?: ShellPages;
}

const KEY = Symbol.for('backlot.handover');
type Holder = { [KEY]?: Handover };

/** Hands the model over to the pages; the returned function takes it back (after the build). */
export function handOver(handover: Handover): () => void {
  const holder = globalThis as Holder;
  if (holder[KEY] && holder[KEY] !== handover) throw new Error('A site build is already rendering in this process');
  holder[KEY] = handover;
  return () => {
    if (holder[KEY] === handover) delete holder[KEY];
  };
}

/**
 * `backlot dev` only: puts a rebuilt model (and its graphs) in place of the one handed over. Pages read it from
 * their next render on; the dev server must also drop Astro's cache of getStaticPaths (whose props hold the old
 * model's items) and reload the browser: see ./build/live-reload.ts. Returns the hand-over it replaced.
 */
export function replaceHandover(next: Handover): Handover {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (!current) throw new Error('No model was handed over to replace');
  holder[KEY] = next;
  return current;
}

/**
 * What the pages show of the model handed over (derived once per build). On a rebuild the entity keys are set up
 * with the data, before any page's paths: they know from the last build which entities have a full-lists page
 * (the relations page's paths ask for every entity) without computing their lists.
 */
export function pageData(): SiteData {
  const { model, reuse } = received();
  const data = siteData(model);
  if (reuse) pageKeys(data, reuse);
  return data;
}

/** The entity keys of this build (see ./build/page-keys.ts), the next build's copy of them kept by `reuse`. */
function pageKeys(data: SiteData, reuse: PageReuse): EntityKeys {
  const keys = entityKeys(data, reuse.previousEntities);
  reuse.keepEntities(keys.state);
  return keys;
}

/** The catalog's index and listings, for the catalog pages. */
export function pageCatalog(): CatalogData {
  return catalogData(received().model);
}

/**
 * The keys of the catalog's list pages (a rebuild reuses a page while its key is the same: ./build/page-keys.ts
 * listingKey). Bound to this model: a new page's key is computed after the pages rendered, once the hand-over
 * is taken back.
 */
export function listingPageKeys(): (kind: string, page: number) => string {
  const { model } = received();
  const data = catalogData(model);
  return (kind, page) => listingKey(model, data, kind, page);
}

/** The keys of TechDocs pages and redirects (./build/page-keys.ts docsKeys), bound to this model as listingPageKeys' are. */
export function docsPageKeys(): (route: DocsRoute['props']) => string {
  const { model } = received();
  return docsKeys(model, siteData(model).index);
}

/** Every template's Create form, by ref. */
export function pageForms(): TemplateForms {
  return received().forms;
}

/** What the build handed over; pages call this. */
export function received(): Handover {
  const handover = (globalThis as Holder)[KEY];
  if (!handover) throw new Error('No model was handed to the pages: the site renders inside `backlot build` or `backlot dev` (buildSite)');
  return handover;
}

/**
 * The entity page's view. On a build that keeps page keys the key comes from this view (the page's key, not a
 * second walk of its lists and graph), for the pages the last build did not have: see ./build/reuse.ts.
 */
export function pageEntityView(item: PortalEntity): EntityPageView {
  const data = pageData();
  const view = entityPageView(item, data, { take: true });
  const { reuse } = received();
  if (reuse) pageKeys(data, reuse).ofView(view);
  return view;
}

/**
 * Pages that a rebuild may copy from the last build: their route (as under src/site/pages), each keyed by an
 * entity's pages' key, or by a key of its own.
 */
export type Keyed<T> = {
  /** e.g. `catalog/[namespace]/[kind]/[name]`; `endpoint` for a file route (`[file].ts`), not a folder page. */
  route: string;
  endpoint?: boolean;
} & (
  | {
      /** The ref of the entity whose pages' key the path has (../build/page-keys.ts). */
      entity: (path: T) => string;
      /** Which of its keys: its entity pages' (default), or its graph explorer's. */
      key?: 'entity' | 'explorer';
    }
  | {
      /** The page's own key: a hash of what it shows (../build/page-keys.ts listingKey). */
      own: (path: T) => string;
    }
);

/**
 * The paths of this build's share of a page's paths (all without `--shard`): split by a hash of the params, so an
 * entity's page, its relations and definition pages land in the same shard. Pages with no paths render in every
 * shard; the merge keeps one copy.
 */
export function inShare<T extends { params: Record<string, string | undefined> }>(paths: T[], keyed?: Keyed<T>): T[] {
  const { share, reuse, model } = received();
  const shared = !share || share.count === 1 ? paths : paths.filter((p) => shardOf(JSON.stringify(p.params), share.count) === share.index);
  // A rebuild renders only pages whose key changed; the others are copied from the last build (./build/reuse.ts).
  // Pages that give no key render every time. The keys are bound to this model: new pages' keys are computed once
  // the pages rendered, after the hand-over is taken back.
  if (!reuse || !keyed) return shared;
  let keyOf: (path: T) => string;
  if ('own' in keyed) keyOf = keyed.own;
  else {
    const keys = pageKeys(siteData(model), reuse);
    const entityKey = keyed.key === 'explorer' ? keys.explorer : keys;
    keyOf = (p) => entityKey(keyed.entity(p));
  }
  return shared.filter((p) => reuse.render(pageFile(keyed.route, p.params, keyed.endpoint), () => keyOf(p)));
}
