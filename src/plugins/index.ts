// The public plugin API: `definePlugin` and the types a plugin is written against. A plugin is trusted code from
// the portal's own repo or an npm package (never from a crawled repo), run at build time by src/plugins/run.ts.

import type { Entity } from '../model/entity.ts';
import type { PluginCard, PluginCardLink, PluginCardRow } from '../model/plugins.ts';
import type { PortalEntity } from '../model/portal.ts';
import type { RepoInfo } from '../model/repo.ts';

export type { Entity, PluginCard, PluginCardLink, PluginCardRow, PortalEntity, RepoInfo };

/** A card as a plugin's view hook returns it: `plugin` is filled in by Backlot, `id` defaults to its position. */
export type CardData = Omit<PluginCard, 'plugin' | 'id'> & { id?: string };

export interface PluginContext<Options> {
  /** The plugin's options from `backlot.config.yaml`, checked against its `options` schema. */
  options: Options;
  /** Only the environment variables the config names for this plugin (`env:`); their values never reach output. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface DataContext<Options> extends PluginContext<Options> {
  repos: readonly RepoInfo[];
  /** The text of a file the `files` hook asked for, undefined when the repo does not have it. */
  file(repo: string, path: string): string | undefined;
  /** Every entity of the catalog, with relations. */
  entities: readonly PortalEntity[];
  /**
   * This plugin's `graphql` fields of a repo as GitHub answered them in the crawl's listing; undefined for a repo
   * not crawled from GitHub (a local source) or when the listing did not answer for it.
   */
  graphql(repo: string): Record<string, unknown> | undefined;
  /** What an earlier plugin in `plugins:` loaded (its data hook's result); undefined when it has none or failed. */
  pluginData<T = unknown>(name: string): Promise<T | undefined>;
  /**
   * Adds a warning to the build's problems, naming the plugin (and the entity, at its catalog file's line, when
   * given); `hint` says what to change.
   */
  warn(message: string, entityRef?: string, hint?: string): void;
}

export interface ViewContext<Options, Data> extends PluginContext<Options> {
  /** What the `data` hook returned (undefined without one, or when it failed with no earlier result). */
  data: Data | undefined;
  /** The repo the entity was read from. */
  repo: RepoInfo | undefined;
  /** The text of a file the `files` hook asked for, in the entity's repo. */
  file(path: string): string | undefined;
}

/** An entity page tab as a plugin's view hook returns it: its cards, shown on the tab's own page. */
export interface TabData {
  /** Letters, digits, "-" and "_"; the tab's URL is `<entity page>tab/<plugin>/<id>/`. */
  id: string;
  title: string;
  cards: readonly CardData[];
}

/** A catalog facet (filter group) as a plugin's view hook declares it. */
export interface FacetData<Options, Data> {
  /** Letters, digits, "-" and "_"; the facet's URL parameter is `<plugin>.<id>`. */
  id: string;
  title: string;
  /** Only in the lists of these kinds (any case); default every list. */
  kinds?: readonly string[];
  /** The entity's values (none: the entity has no value in this facet). */
  values(entity: PortalEntity, ctx: ViewContext<Options, Data>): string | readonly string[] | undefined;
}

/** A whole page under the plugin's route, `plugins/<plugin>/<path>/`. */
export interface PageData {
  /** Below the plugin's route: '' (its first page), `drift`, `teams/a`; letters, digits, "-", "_" and "/". */
  path: string;
  title: string;
  text?: string;
  cards: readonly CardData[];
  /** A link in the site's header, with this label (keep it short: the header is one line at laptop width). */
  nav?: string;
}

/** A search record: found by `content`, opening `path` (a portal page, e.g. the plugin's own page). */
export interface SearchRecordData {
  /** A site path without the base: `plugins/ownership/`, `catalog/default/component/a/`. */
  path: string;
  title: string;
  content: string;
  /** Shown as the hit's kind (default "Plugin"). */
  kind?: string;
}

export interface SiteContext<Options, Data> extends PluginContext<Options> {
  data: Data | undefined;
  entities: readonly PortalEntity[];
}

/** A catalog column as a plugin's view hook declares it. */
export interface ColumnData<Options, Data> {
  /** Letters, digits, "-" and "_"; the column's key is `plugin:<plugin>.<id>`. */
  id: string;
  title: string;
  kinds?: readonly string[];
  value(entity: PortalEntity, ctx: ViewContext<Options, Data>): string | undefined;
}

export interface PluginDefinition<Options = Record<string, unknown>, Data = unknown> {
  /** Unique among the configured plugins; names the plugin in diagnostics, reports and cache files. */
  name: string;
  /** JSON Schema of the plugin's `options`; problems are reported like the rest of the config, with line numbers. */
  options?: Record<string, unknown>;
  /** Repo-relative paths read from every repo, in the crawl's batched queries and cache (no globs). */
  files?: readonly string[] | ((ctx: PluginContext<Options>) => readonly string[]);
  /**
   * Fields of GitHub's `Repository` type (a GraphQL selection with values inline, no variables or fragment
   * spreads), asked for every crawled repo in the crawl's own listing queries: no request of its own. Checked
   * against GitHub's schema before the crawl; the data hook reads the answer with `ctx.graphql(repo)`.
   */
  graphql?: string | ((ctx: PluginContext<Options>) => string);
  data?: {
    /** Computes org-wide data (per-entity data as a map by ref) once per build. */
    load(ctx: DataContext<Options>): Data | Promise<Data>;
    /**
     * Seconds a result is reused from the cache folder without calling `load` (for external APIs); without it,
     * `load` runs every build. Either way a failed call shows the last good result, with a warning.
     */
    ttl?: number;
    /** Milliseconds before `load` counts as failed (default 60,000). */
    timeoutMs?: number;
  };
  view?: {
    /** Only entities of these kinds (any case); default all. */
    kinds?: readonly string[];
    /** Only entities with at least one of these annotations; default all. */
    annotations?: readonly string[];
    /** The entity's cards: plain data, rendered by Backlot. */
    cards?(entity: PortalEntity, ctx: ViewContext<Options, Data>): CardData | readonly CardData[] | undefined;
    /**
     * Catalog table columns (sortable, in the column chooser and the CSV export): one short text per entity,
     * shown in the lists of the column's kinds (any case; without `kinds`, in every list, "All kinds" too). A
     * function of the options may return them.
     */
    columns?: readonly ColumnData<Options, Data>[] | ((ctx: PluginContext<Options>) => readonly ColumnData<Options, Data>[]);
    /** Tabs on the entity's page (beside Overview), each a subpage of the entity's own page. */
    tabs?(entity: PortalEntity, ctx: ViewContext<Options, Data>): TabData | readonly TabData[] | undefined;
    /**
     * Catalog facets (filter groups beside type, owner…): values per entity, counted and kept in the URL like the
     * catalog's own. A function of the options may return them.
     */
    facets?: readonly FacetData<Options, Data>[] | ((ctx: PluginContext<Options>) => readonly FacetData<Options, Data>[]);
    /** Whole pages under `plugins/<plugin>/`, once per build. */
    pages?(ctx: SiteContext<Options, Data>): readonly PageData[];
    /** Search records (beside the entities' and the docs'), once per build. */
    search?(ctx: SiteContext<Options, Data>): readonly SearchRecordData[];
  };
  /**
   * Astro components the plugin ships, by name (a file URL, e.g. `new URL('./Card.astro', import.meta.url)`, or a
   * path relative to the plugin module). A card whose `component` names one is rendered by it, with the card as
   * `card` and its `props`; Backlot renders the plain data otherwise.
   */
  components?: Record<string, URL | string>;
  /**
   * A browser script (a file URL, e.g. `new URL('./card.js', import.meta.url)`, or a path relative to the plugin
   * module), loaded as a module only on pages that show this plugin's cards.
   */
  browser?: URL | string;
}

/** Declares a plugin; the identity function, there for its types. */
export function definePlugin<Options = Record<string, unknown>, Data = unknown>(plugin: PluginDefinition<Options, Data>): PluginDefinition<Options, Data> {
  return plugin;
}
