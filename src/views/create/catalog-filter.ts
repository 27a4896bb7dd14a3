// Backstage's `catalogFilter` (EntityPicker, OwnerPicker, MultiEntityPicker) applied to the model's entities
// at build time: an object of `field path → value(s)`, or a list of such objects of which any may match.

import type { Entity } from '../../model/entity.ts';

/** One filter: every key must match. A value may be a string, a list (any matches) or `{ exists: true }`. */
export type CatalogFilter = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Values at a dot path (`kind`, `spec.type`, `metadata.tags`, `relations.ownedBy`), flattened to strings. */
export function valuesAt(entity: Entity, path: string): string[] {
  const lower = path.toLowerCase();
  if (lower.startsWith('relations.')) {
    const type = lower.slice('relations.'.length);
    return (entity.relations ?? []).filter((r) => r.type.toLowerCase() === type).map((r) => r.targetRef);
  }
  let current: unknown = entity;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; ) {
    if (!isRecord(current)) return [];
    const here = current;
    // Annotation and label keys contain dots (`backstage.io/techdocs-ref`): take the longest key that exists.
    // Keys compare case-insensitively, as Backstage's catalog filters do.
    let next: { key: string; end: number } | undefined;
    for (let j = parts.length; j > i && !next; j--) {
      const wanted = parts.slice(i, j).join('.').toLowerCase();
      const key = Object.keys(here).find((k) => k.toLowerCase() === wanted);
      if (key !== undefined) next = { key, end: j };
    }
    if (!next) return [];
    current = here[next.key];
    i = next.end;
  }
  const list = Array.isArray(current) ? current : [current];
  return list.filter((v) => v !== undefined && v !== null && typeof v !== 'object').map(String);
}

function matchesOne(entity: Entity, filter: CatalogFilter): boolean {
  for (const [path, wanted] of Object.entries(filter)) {
    const found = valuesAt(entity, path).map((v) => v.toLocaleLowerCase('en-US'));
    if (isRecord(wanted)) {
      if (wanted.exists === true && found.length === 0) return false;
      if (wanted.exists === false && found.length > 0) return false;
      continue;
    }
    const options = (Array.isArray(wanted) ? wanted : [wanted]).map((v) => String(v).toLocaleLowerCase('en-US'));
    if (!found.some((v) => options.includes(v))) return false;
  }
  return true;
}

/** True when the entity passes the filter; no filter (or an empty list) passes everything. */
export function matchesCatalogFilter(entity: Entity, filter: CatalogFilter | CatalogFilter[] | undefined): boolean {
  if (filter === undefined) return true;
  const filters = (Array.isArray(filter) ? filter : [filter]).filter(isRecord);
  if (filters.length === 0) return true;
  return filters.some((f) => matchesOne(entity, f));
}

/** The one kind a filter allows, if it allows exactly one (a typed name then gets that kind). */
export function singleKind(filter: CatalogFilter | CatalogFilter[] | undefined): string | undefined {
  const filters = filter === undefined ? [] : (Array.isArray(filter) ? filter : [filter]).filter(isRecord);
  const kinds = new Set<string>();
  for (const f of filters) {
    const entry = Object.entries(f).find(([k]) => k.toLowerCase() === 'kind');
    if (!entry) return undefined;
    const values = Array.isArray(entry[1]) ? entry[1] : [entry[1]];
    for (const v of values) kinds.add(String(v).toLowerCase());
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}
