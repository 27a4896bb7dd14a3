// The catalog table's columns for the chosen kind, as Backstage's CatalogTable shows them.

import type { PluginColumnDef } from './items.ts';
import type { SortKey } from './query.ts';

/** A plugin's column: `plugin:<plugin>.<id>` (src/plugins/run.ts). */
export type PluginColumnKey = `plugin:${string}`;
export type ColumnKey = SortKey | PluginColumnKey;

export const isPluginColumn = (key: string): key is PluginColumnKey => /^plugin:[A-Za-z0-9._-]+$/.test(key);

export interface CatalogColumn {
  key: ColumnKey;
  label: string;
}

const LABELS: Record<SortKey, string> = {
  name: 'Name',
  kind: 'Kind',
  system: 'System',
  owner: 'Owner',
  type: 'Type',
  lifecycle: 'Lifecycle',
  namespace: 'Namespace',
  description: 'Description',
  tags: 'Tags',
  targets: 'Targets',
};

const BY_KIND: Record<string, SortKey[]> = {
  domain: ['name', 'owner', 'description', 'tags'],
  system: ['name', 'owner', 'description', 'tags'],
  group: ['name', 'type', 'description', 'tags'],
  template: ['name', 'type', 'description', 'tags'],
  user: ['name', 'description', 'tags'],
  location: ['name', 'type', 'targets'],
};
const DEFAULT: SortKey[] = ['name', 'system', 'owner', 'type', 'lifecycle', 'namespace', 'description', 'tags'];

export interface ColumnOptions {
  /** Some entity is outside the default namespace (Backstage shows the column only then). */
  namespaced: boolean;
  /** Exactly one type is filtered on, so the column would repeat it. */
  oneType: boolean;
  /** Plugins' columns, after the built-in ones: in the lists of their kinds (one kind chosen), or in every list. */
  plugins?: readonly PluginColumnDef[];
}

/** Columns for the selected kinds (lower-case); several or none selected shows the default set plus Kind. */
export function catalogColumns(kinds: readonly string[], options: ColumnOptions): CatalogColumn[] {
  const one = kinds.length === 1 ? kinds[0]! : undefined;
  let keys = one ? (BY_KIND[one] ?? DEFAULT) : (['name', 'kind', ...DEFAULT.slice(1)] as SortKey[]);
  keys = keys.filter((k) => (k !== 'namespace' || options.namespaced) && (k !== 'type' || !options.oneType));
  const plugins = (options.plugins ?? []).filter((c) => c.kinds.length === 0 || (one !== undefined && c.kinds.includes(one)));
  return [...keys.map((key): CatalogColumn => ({ key, label: LABELS[key] })), ...plugins.map((c) => ({ key: c.key, label: c.label }))];
}

/**
 * How much a column matters when the table is narrow: 1 always shown, 2 dropped below about 56rem of table
 * width, 3 below about 68rem (catalog.css). Name, owner and description are what people scan for.
 */
export const COLUMN_PRIORITY: Record<SortKey, 1 | 2 | 3> = {
  name: 1,
  owner: 1,
  description: 1,
  kind: 2,
  system: 2,
  type: 2,
  targets: 2,
  lifecycle: 3,
  tags: 3,
  namespace: 3,
};

/** A column's priority; plugins' columns go first when the table is narrow. */
export function columnPriority(key: ColumnKey): 1 | 2 | 3 {
  return isPluginColumn(key) ? 3 : COLUMN_PRIORITY[key];
}

/** The columns the user has not hidden with the column chooser; Name always stays. */
export function shownColumns(columns: readonly CatalogColumn[], hidden: ReadonlySet<string>): CatalogColumn[] {
  return columns.filter((c) => c.key === 'name' || !hidden.has(c.key));
}

/** Hidden column keys from what the browser stored (a JSON array); anything else is none hidden. */
export function parseHiddenColumns(stored: string | null | undefined): Set<ColumnKey> {
  try {
    const value: unknown = JSON.parse(stored ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((k): k is ColumnKey => typeof k === 'string' && ((k in LABELS && k !== 'name') || isPluginColumn(k))) : []);
  } catch {
    return new Set();
  }
}
