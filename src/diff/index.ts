// The diff stage: two catalogs in the static API's `entities.json` shape (Backstage entities with `relations`) →
// what changed, what breaks and whom it affects. Pure: no I/O, no Astro; the CLI reads and prints.

import { ANNOTATION_LOCATION, ANNOTATION_VIEW_URL, type Entity } from '../model/entity.ts';
import { parseGithubUrl } from '../model/githubUrl.ts';
import { diffApiEntity } from './apis.ts';
import { diffEntities, indexByRef, ownerOf } from './entities.ts';
import { computeImpacts, type ImpactOptions } from './impact.ts';
import type { CatalogDiff, DiffSummary, EntityChange, Impact } from './types.ts';

export type * from './types.ts';
export { formatDiff, headline, type DiffFormat } from './format.ts';
export { indexDocsLinks, type DocsLinkIndex, type DocsPageLink } from './docsLinks.ts';

export interface DiffOptions extends ImpactOptions {
  /**
   * The head holds only these repos (by name; a service repo's pull request): base entities from other repos are
   * carried into the head unchanged instead of counting as removed.
   */
  repos?: readonly string[];
}

export async function diffCatalogs(base: readonly Entity[], head: readonly Entity[], options: DiffOptions = {}): Promise<CatalogDiff> {
  const before = indexByRef(base);
  const after = indexByRef(head);
  if (options.repos) {
    const covered = new Set(options.repos.map((r) => r.toLowerCase()));
    for (const [ref, entity] of before) {
      const repo = repoOf(entity);
      if (!after.has(ref) && (repo === undefined || !covered.has(repo))) after.set(ref, entity);
    }
  }
  const changes = diffEntities(before, after);
  const byRef = new Map(changes.map((c) => [c.ref, c]));

  // API definitions of APIs kept or renamed; an unchanged text is skipped before any parsing.
  for (const [ref, entity] of after) {
    if (entity.kind.toLowerCase() !== 'api') continue;
    const existing = byRef.get(ref);
    if (existing && existing.change === 'added') continue;
    const previous = before.get(existing?.from ?? ref);
    if (!previous) continue;
    const api = await diffApiEntity(previous, entity);
    // Edits that change no rule's outcome (a title, a description) are not news.
    if (!api || (!api.breaking.length && !api.nonBreaking.length && !api.unreadable)) continue;
    const change = existing ?? blank(ref, entity);
    change.api = api;
    if (api.breaking.length) change.breaking = true;
    if (!existing) {
      changes.push(change);
      byRef.set(ref, change);
    }
  }

  changes.sort((a, b) => Number(b.breaking) - Number(a.breaking) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const impacts = computeImpacts(changes, before, after, options);
  return { summary: summarise(changes, impacts), changes, impacts };
}

/** The repo (lower-cased name) an entity's catalog file is in, from its location annotations. */
export function repoOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const location = annotations[ANNOTATION_LOCATION];
  const url = location?.startsWith('url:') ? location.slice(4) : annotations[ANNOTATION_VIEW_URL];
  return url ? parseGithubUrl(url)?.repo.toLowerCase() : undefined;
}

function blank(ref: string, entity: Entity): EntityChange {
  const owner = ownerOf(entity);
  return { ref, kind: entity.kind, change: 'changed', ...(owner ? { owner } : {}), fields: [], relationsAdded: [], relationsRemoved: [], breaking: false };
}

function summarise(changes: readonly EntityChange[], impacts: readonly Impact[]): DiffSummary {
  const summary: DiffSummary = { added: 0, removed: 0, renamed: 0, changed: 0, breaking: 0, breakingOtherOwner: 0 };
  for (const c of changes) {
    summary[c.change]++;
    if (c.breaking) summary.breaking++;
  }
  for (const impact of impacts) if (impact.affected.some((a) => a.otherOwner)) summary.breakingOtherOwner++;
  return summary;
}
