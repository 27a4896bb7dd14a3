// Template entities as the /create/ page shows them: cards, their paths and the type/tag filter.

import type { Diagnostic } from '../../model/diagnostic.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { DEFAULT_NAMESPACE } from '../../model/entity.ts';
import { entityTitle, ownerRef } from '../entities.ts';
import { createPath } from '../../model/routes.ts';

import { TEMPLATE_API_VERSION } from '../../model/relations.ts';

export interface TemplateCard {
  /** Canonical `template:namespace/name`. */
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description?: string;
  tags: string[];
  /** Owner ref from the `ownedBy` relation, else `spec.owner` as written. */
  owner?: string;
  type: string;
  /** Site path of the template's form. */
  path: string;
  /** Why it cannot run (the build's template check found errors): the card and the page say so, with no form. */
  blocked?: Blocker[];
}

export interface Blocker {
  message: string;
  hint?: string;
  /** `file:line` in the template's repo. */
  where: string;
}

/**
 * The build's template-check errors (an action only a Backstage backend has, a missing input, bad templating):
 * a run could only fail in Actions, so the portal says why instead of offering the form.
 */
export function templateBlockers(diagnostics: readonly Diagnostic[] | undefined): Blocker[] {
  return (diagnostics ?? [])
    .filter((d) => d.severity === 'error' && d.code.startsWith('template-'))
    .map((d) => ({ message: d.message, ...(d.hint ? { hint: d.hint } : {}), where: `${d.file}:${d.line}` }));
}

export function isTemplate(e: PortalEntity): boolean {
  return e.entity.kind.toLowerCase() === 'template' && e.entity.apiVersion === TEMPLATE_API_VERSION;
}


/** `problems`: the template's own diagnostics (SiteData.byEntity), for `blocked`. */
export function templateCard(e: PortalEntity, problems?: readonly Diagnostic[]): TemplateCard {
  const { metadata, spec = {} } = e.entity;
  const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : [];
  const owner = ownerRef(e.entity) ?? (typeof spec.owner === 'string' && spec.owner ? spec.owner : undefined);
  return {
    ref: e.ref,
    namespace: (metadata.namespace ?? DEFAULT_NAMESPACE).toLowerCase(),
    name: metadata.name.toLowerCase(),
    title: entityTitle(e.entity),
    ...(typeof metadata.description === 'string' && metadata.description ? { description: metadata.description } : {}),
    tags,
    ...(owner ? { owner } : {}),
    type: typeof spec.type === 'string' && spec.type ? spec.type : 'unknown',
    path: createPath(e.ref),
    ...blockedBy(problems),
  };
}

function blockedBy(problems: readonly Diagnostic[] | undefined): Pick<TemplateCard, 'blocked'> {
  const blocked = templateBlockers(problems);
  return blocked.length ? { blocked } : {};
}

/** Every v1beta3 Template as a card, by title; `byEntity`: diagnostics by lower-case ref (SiteData.byEntity). */
export function templateCards(entities: readonly PortalEntity[], byEntity?: ReadonlyMap<string, readonly Diagnostic[]>): TemplateCard[] {
  return entities
    .filter(isTemplate)
    .map((e) => templateCard(e, byEntity?.get(e.ref.toLowerCase())))
    .sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || a.ref.localeCompare(b.ref));
}

export interface TemplateFilter {
  type?: string;
  tag?: string;
}

export function matchesTemplateFilter(card: Pick<TemplateCard, 'type' | 'tags'>, filter: TemplateFilter): boolean {
  if (filter.type && card.type !== filter.type) return false;
  if (filter.tag && !card.tags.includes(filter.tag)) return false;
  return true;
}

/** Distinct values with their counts, most common first, for the filter's options. */
export function facetCounts(values: Iterable<string>): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The filter in the page's query string (`?type=service&tag=nodejs`). */
export function readTemplateFilter(search: string): TemplateFilter {
  const params = new URLSearchParams(search);
  const type = params.get('type') ?? '';
  const tag = params.get('tag') ?? '';
  return { ...(type ? { type } : {}), ...(tag ? { tag } : {}) };
}

export function writeTemplateFilter(filter: TemplateFilter): string {
  const params = new URLSearchParams();
  if (filter.type) params.set('type', filter.type);
  if (filter.tag) params.set('tag', filter.tag);
  const text = params.toString();
  return text ? `?${text}` : '';
}
