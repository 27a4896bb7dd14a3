// The catalog table's columns for the chosen kind, as Backstage's CatalogTable shows them.

import type { SortKey } from './query.ts';

export interface CatalogColumn {
  key: SortKey;
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
}

/** Columns for the selected kinds (lower-case); several or none selected shows the default set plus Kind. */
export function catalogColumns(kinds: readonly string[], options: ColumnOptions): CatalogColumn[] {
  const one = kinds.length === 1 ? kinds[0]! : undefined;
  let keys = one ? (BY_KIND[one] ?? DEFAULT) : (['name', 'kind', ...DEFAULT.slice(1)] as SortKey[]);
  keys = keys.filter((k) => (k !== 'namespace' || options.namespaced) && (k !== 'type' || !options.oneType));
  return keys.map((key) => ({ key, label: LABELS[key] }));
}
