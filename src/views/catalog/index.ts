// Builds the compact catalog index (see catalog-items.ts) from the model, at build time.

import type { Diagnostic } from '../../model/diagnostic.ts';
import { DEFAULT_NAMESPACE, type Entity } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import type { CatalogIndex, CatalogItem, CatalogRow, PluginColumnDef, PluginFacetDef } from './items.ts';
import { entityTitle, ownerRef, specString, systemRef } from '../entities.ts';
import { markdownText } from '../markdown.ts';

/** Descriptions are cut here: the table shows a line or two, the entity page has the rest. */
export const DESCRIPTION_LIMIT = 160;

export function truncate(text: string, limit: number = DESCRIPTION_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function refsOf(entity: Entity, type: string): string[] {
  return [...new Set((entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef))];
}

function locationTargets(entity: Entity): string[] {
  const spec = entity.spec ?? {};
  const out: string[] = [];
  if (typeof spec.target === 'string') out.push(spec.target);
  if (Array.isArray(spec.targets)) for (const t of spec.targets) if (typeof t === 'string') out.push(t);
  return out;
}

/** The display fields of one entity; `problems` from its diagnostics; plugins' column and facet values. */
export function catalogItem(item: PortalEntity, diagnostics: readonly Diagnostic[] = [], columns?: Record<string, string>, facets?: Record<string, string[]>): CatalogItem {
  const { entity } = item;
  const kind = entity.kind.toLowerCase();
  const tags = (entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string');
  return {
    ref: item.ref,
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
    title: entityTitle(entity),
    type: specString(entity, 'type') ?? '',
    owner: ownerRef(entity) ?? specString(entity, 'owner') ?? '',
    system: systemRef(entity) ?? '',
    lifecycle: specString(entity, 'lifecycle') ?? '',
    description: truncate(markdownText(typeof entity.metadata.description === 'string' ? entity.metadata.description : '')),
    tags,
    problems: diagnostics.some((d) => d.severity === 'error') ? 2 : diagnostics.length > 0 ? 1 : 0,
    groups: kind === 'user' ? refsOf(entity, 'memberOf') : kind === 'group' ? refsOf(entity, 'childOf') : [],
    targets: kind === 'location' ? locationTargets(entity) : [],
    ...(columns && Object.keys(columns).length ? { columns } : {}),
    ...(facets && Object.keys(facets).length ? { facets } : {}),
  };
}

/** Encodes items (already in listing order) into the compact index, with the plugins' columns and facets. */
export function encodeCatalogIndex(items: readonly CatalogItem[], columns: readonly PluginColumnDef[] = [], facets: readonly PluginFacetDef[] = []): CatalogIndex {
  const table = [''];
  const ids = new Map<string, number>([['', 0]]);
  const id = (value: string): number => {
    let n = ids.get(value);
    if (n === undefined) {
      n = table.length;
      table.push(value);
      ids.set(value, n);
    }
    return n;
  };
  const rows = items.map((it) => {
    const row: CatalogRow = [
      id(it.kind),
      it.namespace === DEFAULT_NAMESPACE ? 0 : id(it.namespace),
      it.name,
      it.title === it.name ? '' : it.title,
      id(it.type),
      id(it.owner),
      id(it.system),
      id(it.lifecycle),
      it.description,
      it.tags.map(id),
      it.problems,
      it.groups.map(id),
      it.targets,
      columns.some((c) => it.columns?.[c.key]) ? columns.map((c) => id(it.columns?.[c.key] ?? '')) : [],
      facets.some((f) => it.facets?.[f.key]?.length) ? facets.map((f) => (it.facets?.[f.key] ?? []).map(id)) : [],
    ];
    while (row.length > 3 && isEmpty(row[row.length - 1])) row.pop();
    return row;
  });
  return { v: 1, s: table, e: rows, ...(columns.length ? { c: [...columns] } : {}), ...(facets.length ? { f: [...facets] } : {}) };
}

function isEmpty(value: unknown): boolean {
  return value === 0 || value === '' || (Array.isArray(value) && value.length === 0);
}
