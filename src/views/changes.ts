// The catalog's history as people read it: one row per change with a sentence per field, the filters of the
// changes page, each entity's own history and the home page's recent and breaking changes. Pure (the changes
// page's script renders rows loaded from `api/catalog/changes.json` with the same functions).

import type { HistoryEntry } from '../diff/history.ts';
import type { FieldChange } from '../diff/types.ts';
import { humanizeRef, parseEntityRef } from '../model/entityRef.ts';
import type { PortalModel } from '../model/portal.ts';
import { entityPath } from '../model/routes.ts';
import { compareKinds } from './entities.ts';

/** Rows the changes page renders as HTML; beyond them the browser loads the JSON (no page over ~200 KB). */
export const CHANGES_PAGE_ROWS = 200;
/** Entries of the Atom feed, and of the home page's lists. */
export const FEED_ENTRIES = 50;
export const HOME_RECENT = 8;
export const HOME_BREAKING = 5;

export interface ChangeRow {
  /** When the build that saw it ran (ISO 8601), and its day (`2026-12-01`). */
  at: string;
  date: string;
  ref: string;
  kind: string;
  /** The ref as shown: the default namespace dropped. */
  name: string;
  /** The entity's page, unless the change removed it (or, known at build time, it is gone since). */
  path?: string;
  change: HistoryEntry['change'];
  breaking: boolean;
  owner?: string;
  /** `renamed from orders-old`, `owner changed from team-a to team-b`, … one sentence each. */
  sentences: string[];
  /** The API definition's breaking changes, `GET /pets: response field "name" removed`. */
  api: string[];
  affectsOthers?: number;
  commit?: string;
  author?: string;
}

/** One history entry as a row; `exists` says whether an entity has a page in this build (unknown: assume so). */
export function changeRow(entry: HistoryEntry, exists?: (ref: string) => boolean): ChangeRow {
  const gone = entry.change === 'removed' || (exists !== undefined && !exists(entry.ref));
  return {
    at: entry.at,
    date: entry.at.slice(0, 10),
    ref: entry.ref,
    kind: entry.kind,
    name: showRef(entry.ref, entry.kind),
    ...(gone ? {} : { path: entityPath(entry.ref) }),
    change: entry.change,
    breaking: entry.breaking,
    ...(entry.owner ? { owner: entry.owner } : {}),
    sentences: describeEntry(entry),
    api: (entry.api ?? []).map((c) => `${c.where}: ${c.message}`),
    ...(entry.affectsOthers ? { affectsOthers: entry.affectsOthers } : {}),
    ...(entry.commit ? { commit: entry.commit } : {}),
    ...(entry.author ? { author: entry.author } : {}),
  };
}

/** What happened, one sentence per part: `added`, `renamed from x`, `owner changed from team-a to team-b`. */
export function describeEntry(entry: HistoryEntry): string[] {
  if (entry.change === 'added') return ['added'];
  if (entry.change === 'removed') return ['removed'];
  const out = entry.change === 'renamed' && entry.from ? [`renamed from ${showRef(entry.from, entry.kind)}`] : [];
  for (const f of entry.fields) out.push(describeField(f));
  if (entry.api?.length) out.push(`API definition: ${entry.api.length} breaking change${entry.api.length === 1 ? '' : 's'}`);
  return out.length ? out : ['changed'];
}

/** The kind a field's refs usually have, left out when shown (Backstage's defaults for these fields). */
const FIELD_KINDS: Record<string, string> = { owner: 'group', system: 'system', domain: 'domain', dependsOn: 'component', providesApis: 'api', consumesApis: 'api' };

function describeField(f: FieldChange): string {
  const kind = FIELD_KINDS[f.field];
  const value = (v: string) => (kind && /^[a-z]+:/i.test(v) ? showRef(v, kind) : v);
  if (f.added || f.removed) {
    const parts = [
      ...(f.added?.length ? [`added ${f.added.map(value).join(', ')}`] : []),
      ...(f.removed?.length ? [`removed ${f.removed.map(value).join(', ')}`] : []),
    ];
    return `${f.field}: ${parts.join('; ')}`;
  }
  if (f.before !== undefined && f.after !== undefined) return `${f.field} changed from ${value(f.before)} to ${value(f.after)}`;
  if (f.after !== undefined) return `${f.field} set to ${value(f.after)}`;
  if (f.before !== undefined) return `${f.field} ${value(f.before)} removed`;
  return `${f.field} changed`;
}

/** A ref without the default namespace, and without its kind when that is `kind` (`team-a`, `api:payments`). */
function showRef(ref: string, kind?: string): string {
  try {
    return humanizeRef(ref, kind ?? parseEntityRef(ref).kind);
  } catch {
    return ref;
  }
}

export interface ChangesView {
  /** Newest first; within one build, breaking first (the diff's order). */
  rows: ChangeRow[];
  /** Filter values, each with its count. */
  kinds: Array<{ value: string; count: number }>;
  owners: Array<{ value: string; label: string; count: number }>;
  changes: Array<{ value: HistoryEntry['change']; count: number }>;
  breaking: number;
  /** Rows per entity (changed, renamed to, or renamed from), newest first. */
  byRef: ReadonlyMap<string, ChangeRow[]>;
}

const cache = new WeakMap<PortalModel, ChangesView>();

/** The model's history as rows, filters and per-entity lists: one pass, computed once per model. */
export function changesView(model: PortalModel): ChangesView {
  const hit = cache.get(model);
  if (hit) return hit;
  const refs = new Set(model.entities.map((e) => e.ref));
  const entries = model.history ?? [];
  const rows = entries.map((e) => changeRow(e, (ref) => refs.has(ref)));
  const kinds = new Map<string, number>();
  const owners = new Map<string, number>();
  const changes = new Map<HistoryEntry['change'], number>();
  const byRef = new Map<string, ChangeRow[]>();
  let breaking = 0;
  rows.forEach((row, i) => {
    kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + 1);
    if (row.owner) owners.set(row.owner, (owners.get(row.owner) ?? 0) + 1);
    changes.set(row.change, (changes.get(row.change) ?? 0) + 1);
    if (row.breaking) breaking++;
    push(byRef, row.ref, row);
    const from = entries[i]!.from;
    if (from) push(byRef, from, row);
  });
  const view: ChangesView = {
    rows,
    kinds: [...kinds].map(([value, count]) => ({ value, count })).sort((a, b) => compareKinds(a.value, b.value)),
    owners: [...owners].map(([value, count]) => ({ value, label: showRef(value, 'group'), count })).sort((a, b) => a.label.localeCompare(b.label)),
    changes: (['added', 'changed', 'renamed', 'removed'] as const).filter((c) => changes.has(c)).map((value) => ({ value, count: changes.get(value)! })),
    breaking,
    byRef,
  };
  cache.set(model, view);
  return view;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ChangeFilter {
  kind?: string;
  owner?: string;
  change?: string;
  breakingOnly?: boolean;
  breakingFirst?: boolean;
}

/** The rows a filter keeps, in the page's order (newest first, or breaking first and then newest). */
export function filterChanges(rows: readonly ChangeRow[], filter: ChangeFilter): ChangeRow[] {
  const kept = rows.filter(
    (r) =>
      (!filter.kind || r.kind === filter.kind) &&
      (!filter.owner || r.owner === filter.owner) &&
      (!filter.change || r.change === filter.change) &&
      (!filter.breakingOnly || r.breaking),
  );
  // Array.prototype.sort is stable: newest first stays within each half.
  return filter.breakingFirst ? kept.sort((a, b) => Number(b.breaking) - Number(a.breaking)) : kept;
}

/** The home page's lists: the latest changes, and the latest breaking ones. */
export function homeChanges(view: ChangesView): { recent: ChangeRow[]; breaking: ChangeRow[] } {
  return { recent: view.rows.slice(0, HOME_RECENT), breaking: view.rows.filter((r) => r.breaking).slice(0, HOME_BREAKING) };
}

/** `owner changed from team-a to team-b on 2026-12-01, by commit 1a2b3c4` — an entity page's history line. */
export function historySentence(row: ChangeRow, sentence: string): string {
  return `${sentence} on ${row.date}${row.commit ? `, by commit ${row.commit.slice(0, 7)}` : ''}${row.author ? ` (${row.author})` : ''}`;
}
