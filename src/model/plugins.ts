// What plugins add to the portal model: cards as plain data (the site renders them with one generic renderer),
// and the browser scripts of the plugins whose cards a page shows.

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
}
