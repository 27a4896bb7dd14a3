// The compact catalog index the browser loads once (`/catalog/entities.json`), and its decoded form.
// Rows are arrays, repeated strings live once in a string table: small on the wire, cheap to parse.

/** One entity as the catalog table and its filters need it. */
export interface CatalogItem {
  /** Canonical lower-case `kind:namespace/name`. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** What people read: metadata.title, else a profile displayName, else the name (entityTitle). */
  title: string;
  type: string;
  /** Owner ref (canonical when resolved), '' when none. */
  owner: string;
  /** System ref, '' when none. */
  system: string;
  lifecycle: string;
  description: string;
  tags: string[];
  /** 0 none, 1 warnings only, 2 errors. */
  problems: number;
  /** Groups a User is a member of, or the parent of a Group. */
  groups: string[];
  /** Location targets. */
  targets: string[];
  /** Plugins' column values by column key (`plugin:<plugin>.<id>`), when it has any. */
  columns?: Record<string, string>;
  /** Plugins' facet values by facet key (`<plugin>.<id>`), when it has any. */
  facets?: Record<string, string[]>;
}

/** A plugin's catalog facet as the index carries it (its values are per row). */
export interface PluginFacetDef {
  /** `<plugin>.<id>`: the facet's URL parameter. */
  key: string;
  label: string;
  /** Lower-case kinds whose lists show it; empty: every list. */
  kinds: string[];
}

/** A plugin's catalog column as the index carries it (its values are per row). */
export interface PluginColumnDef {
  key: `plugin:${string}`;
  label: string;
  /** Lower-case kinds whose lists show it; empty: every list. */
  kinds: string[];
}

/**
 * A row: [kind, namespace, name, title, type, owner, system, lifecycle, description, tags, problems, groups, targets,
 * plugin column values (in the order of the index's `c`), plugin facet values (per facet of `f`, a list)].
 * kind, namespace, type, owner, system, lifecycle, tags and groups are indexes into `s`; trailing empty fields are dropped.
 */
export type CatalogRow = Array<number | string | number[] | string[] | number[][]>;

export interface CatalogIndex {
  v: 1;
  /** String table; `s[0]` is ''. */
  s: string[];
  /** Rows in default listing order. */
  e: CatalogRow[];
  /** Plugins' catalog columns, when there are any. */
  c?: PluginColumnDef[];
  /** Plugins' catalog facets, when there are any. */
  f?: PluginFacetDef[];
}

/** The plugins' facets an index carries. */
export function indexFacets(index: CatalogIndex): PluginFacetDef[] {
  return Array.isArray(index?.f) ? index.f : [];
}

/** The plugins' columns an index carries. */
export function indexColumns(index: CatalogIndex): PluginColumnDef[] {
  return Array.isArray(index?.c) ? index.c : [];
}

export function decodeCatalogIndex(index: CatalogIndex): CatalogItem[] {
  if (!index || index.v !== 1 || !Array.isArray(index.s) || !Array.isArray(index.e)) {
    throw new Error('Unsupported catalog index');
  }
  const s = index.s;
  const str = (v: unknown) => (typeof v === 'number' ? (s[v] ?? '') : '');
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const strs = (v: unknown) => (Array.isArray(v) ? v.map((i) => (typeof i === 'number' ? (s[i] ?? '') : String(i))) : []);
  const columns = indexColumns(index);
  const facets = indexFacets(index);
  const facetValues = (v: unknown) => {
    const lists = Array.isArray(v) ? v : [];
    const out = Object.fromEntries(facets.flatMap((f, i) => {
      const values = strs(lists[i]).filter(Boolean);
      return values.length ? [[f.key, values]] : [];
    }));
    return Object.keys(out).length ? { facets: out } : {};
  };
  const columnValues = (v: unknown) => {
    const values = strs(v);
    const out = Object.fromEntries(columns.flatMap((c, i) => (values[i] ? [[c.key, values[i]!]] : [])));
    return Object.keys(out).length ? { columns: out } : {};
  };
  return index.e.map((row) => {
    const kind = str(row[0]);
    const namespace = str(row[1]) || 'default';
    const name = text(row[2]);
    return {
      ref: `${kind}:${namespace}/${name}`.toLowerCase(),
      kind,
      namespace,
      name,
      title: text(row[3]) || name,
      type: str(row[4]),
      owner: str(row[5]),
      system: str(row[6]),
      lifecycle: str(row[7]),
      description: text(row[8]),
      tags: strs(row[9]),
      problems: typeof row[10] === 'number' ? row[10] : 0,
      groups: strs(row[11]),
      targets: strs(row[12]),
      ...(columns.length ? columnValues(row[13]) : {}),
      ...(facets.length ? facetValues(row[14]) : {}),
    };
  });
}

/** The entity an owner or system cell links to: the catalog's item for that ref, or none (shown as missing). */
export function linkedItem(byRef: ReadonlyMap<string, CatalogItem>, ref: string): CatalogItem | undefined {
  return ref ? byRef.get(ref.toLowerCase()) : undefined;
}
