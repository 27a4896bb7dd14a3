// What plugins add to the portal model, all plain data: cards (rendered by one generic renderer, or by a component
// the plugin ships), entity tabs, catalog columns and facets, whole pages, search records, and the browser scripts
// of the plugins whose cards a page shows.

export interface PluginCardRow {
  label: string;
  /** Shown as text (or as the link's text when `href` is set). */
  value: string;
  /** An http(s) URL; anything else is shown as text. */
  href?: string;
  /** Shown in a monospace font (ids, keys, selectors). */
  code?: boolean;
  /** An entity ref: the value links to that entity's page in the portal (when `href` is not set). */
  entity?: string;
}

export interface PluginCardLink {
  title: string;
  /** An http(s) URL; any other link is dropped when the card is rendered. */
  href: string;
}

export interface PluginCard {
  /** The plugin that made it (its `name`). */
  plugin: string;
  /** Unique among the plugin's cards on one page; the card's `data-plugin-card` attribute. */
  id: string;
  title: string;
  /** A short paragraph of plain text. */
  text?: string;
  rows?: PluginCardRow[];
  links?: PluginCardLink[];
  /** HTML, sanitised by the build before it reaches the model (the docs' sanitiser: no scripts, no styles). */
  html?: string;
  /** Words the entity is also found by in search (an incident service's id, a project key); not shown. */
  search?: string;
  /** `data-*` attributes on the card, for the plugin's browser script (keys: lower-case letters, digits, "-"). */
  dataset?: Record<string, string>;
  /**
   * The name of an Astro component the plugin ships (its definition's `components`), which renders the card from
   * `props` (and the card); without it, or when the site has no such component, Backlot renders the plain data.
   */
  component?: string;
  /** Plain JSON data for the component; Astro escapes it like any other text. */
  props?: Record<string, unknown>;
}

/** A tab a plugin adds to an entity's page: a page of its own at `entityTabPath`, linked from the tab bar. */
export interface PluginTab {
  plugin: string;
  /** Letters, digits, "-" and "_"; the tab's URL is `<entity page>tab/<plugin>/<id>/`. */
  id: string;
  title: string;
  /** What the tab shows, in order. */
  cards: PluginCard[];
}

/** A catalog facet (filter group): values per entity, filtered and counted with the catalog's own facets. */
export interface PluginFacet {
  /** `<plugin>.<id>`: the facet's URL parameter (`?github.ci=failing`). */
  key: string;
  title: string;
  /** Lower-case kinds whose lists show it; empty: every list. */
  kinds: string[];
  /** Values by canonical entity ref. */
  values: Record<string, string[]>;
}

/** A whole page a plugin adds under its own route, `plugins/<plugin>/<path>`. */
export interface PluginPage {
  plugin: string;
  /** Site path (no base), e.g. `plugins/ownership/` or `plugins/ownership/drift/`. */
  path: string;
  title: string;
  /** A short paragraph under the title. */
  text?: string;
  cards: PluginCard[];
  /** Listed in the site's header as this label. */
  nav?: string;
}

/** A search record a plugin adds (Pagefind): found by its words, linking to a page of the portal. */
export interface PluginSearchRecord {
  plugin: string;
  /** Site path (no base) of the page the hit opens. */
  path: string;
  title: string;
  content: string;
  /** Shown as the hit's kind and filtered by in search (default "Plugin"). */
  kind: string;
}

/** A plugin's column in the catalog table: one value per entity. */
export interface PluginColumn {
  /** `plugin:<plugin>.<id>`: the column's key in the catalog (sort in the URL, the column chooser). */
  key: `plugin:${string}`;
  title: string;
  /** Lower-case kinds whose lists show it; empty: every list. */
  kinds: string[];
  /** Value by canonical entity ref; entities without one show an empty cell. */
  values: Record<string, string>;
}

export interface PluginsOutput {
  /** Cards by canonical entity ref, in the order of the configured plugins. */
  cards: Record<string, PluginCard[]>;
  /** Site path (no base) of each plugin's browser script, by plugin name: loaded only on pages with its cards. */
  scripts: Record<string, string>;
  /** Catalog table columns, in the order of the configured plugins. */
  columns?: PluginColumn[];
  /** Entity page tabs by canonical entity ref, in the order of the configured plugins. */
  tabs?: Record<string, PluginTab[]>;
  /** Catalog facets, in the order of the configured plugins. */
  facets?: PluginFacet[];
  pages?: PluginPage[];
  search?: PluginSearchRecord[];
}
