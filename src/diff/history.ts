// The catalog's history: each deploy's diff appended to the last deployed `changes.json`, newest first, entries
// older than the bound dropped. Pure: the build fetches the previous file and writes the result (not wired yet).

import type { HistoryEntry } from '../model/changes.ts';
import type { CatalogDiff } from './types.ts';

export const HISTORY_VERSION = 1;
export const DEFAULT_HISTORY_DAYS = 180;

export type { HistoryEntry } from '../model/changes.ts';

export interface History {
  version: typeof HISTORY_VERSION;
  entries: HistoryEntry[];
}

export interface HistoryOptions {
  at: Date;
  /** Entries older than this many days are dropped (default 180). */
  keepDays?: number;
  /** The commit and author behind an entity (head ref), when known. */
  sourceOf?: (ref: string) => { commit?: string; author?: string } | undefined;
}

/** The previous history (undefined or unreadable on a first build) with this diff on top, bounded. */
export function appendHistory(previous: unknown, diff: CatalogDiff, options: HistoryOptions): History {
  const at = options.at.toISOString();
  const oldest = options.at.getTime() - (options.keepDays ?? DEFAULT_HISTORY_DAYS) * 86_400_000;
  const others = new Map(diff.impacts.map((i) => [i.ref, i.affected.filter((a) => a.otherOwner).length]));
  const fresh: HistoryEntry[] = [];
  for (const c of diff.changes) {
    // A change only of relations is the other end of a change recorded on its own entity.
    if (c.change === 'changed' && c.fields.length === 0 && !c.api) continue;
    const source = options.sourceOf?.(c.ref);
    const affectsOthers = others.get(c.change === 'renamed' ? c.from! : c.ref);
    fresh.push({
      at,
      ref: c.ref,
      kind: c.kind,
      change: c.change,
      ...(c.from ? { from: c.from } : {}),
      ...(c.owner ? { owner: c.owner } : {}),
      fields: c.fields,
      breaking: c.breaking,
      ...(c.api?.breaking.length ? { api: c.api.breaking } : {}),
      ...(affectsOthers ? { affectsOthers } : {}),
      ...(source?.commit ? { commit: source.commit } : {}),
      ...(source?.author ? { author: source.author } : {}),
    });
  }
  const kept = previousEntries(previous).filter((e) => Date.parse(e.at) >= oldest);
  return { version: HISTORY_VERSION, entries: [...fresh, ...kept] };
}

/** Entries of a previous file; anything else (a first build, a file of another version) starts a new history. */
function previousEntries(previous: unknown): HistoryEntry[] {
  if (!previous || typeof previous !== 'object') return [];
  const { version, entries } = previous as Partial<History>;
  if (version !== HISTORY_VERSION || !Array.isArray(entries)) return [];
  return entries.filter((e): e is HistoryEntry => !!e && typeof e === 'object' && typeof e.at === 'string' && typeof e.ref === 'string' && !Number.isNaN(Date.parse(e.at)));
}
