// What an entity page shows beyond its own fields, and the caps that keep any page small at 10,000 entities.

import { ANNOTATION_TECHDOCS_ENTITY, ANNOTATION_TECHDOCS_REF } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import type { EntityIndex } from './entities.ts';
import { groupMembers, groupOwnership, userOwnership } from './org.ts';
import { relationCards } from './relations.ts';

/** Entries per relation card, owned-entities list and members list before "and N more". */
export const CARD_LIMIT = 20;
export const MEMBER_LIMIT = 30;
/** Neighbours drawn in an entity page's graph. */
export const GRAPH_NODES = 12;
/** Entities drawn in a System's or Domain's graph explorer. */
export const EXPLORER_NODES = 40;

/** Kinds with a full-page graph explorer. */
export function hasExplorer(kind: string): boolean {
  const k = kind.toLowerCase();
  return k === 'system' || k === 'domain';
}

/** Whether some list on the entity's page is cut, so it needs the page with the full lists. */
export function needsFullLists(item: PortalEntity, index: EntityIndex): boolean {
  const kind = item.entity.kind.toLowerCase();
  // Groups and users list what comes through other groups, so their own relation count says little.
  if (kind === 'group') {
    if (groupMembers(item.ref, index, true).length > MEMBER_LIMIT || groupOwnership(item.ref, index, false).length > CARD_LIMIT) return true;
  } else if (kind === 'user') {
    if (userOwnership(item.ref, index, true).length > CARD_LIMIT) return true;
  } else if ((item.entity.relations?.length ?? 0) <= CARD_LIMIT) {
    // Cheap test first: a page with few relations cannot have a long card.
    return false;
  }
  const { cards, other } = relationCards(item.entity, index);
  return cards.some((c) => c.targets.length > CARD_LIMIT) || other.some((g) => g.targets.length > CARD_LIMIT);
}

interface DocsModel {
  docs?: { sites?: Array<{ entityRef: string; url: string; pages?: unknown[] }>; redirects?: Array<{ entityRef: string; to: string }> };
}

export interface DocsLink {
  /** URL of the entity's docs (with the base), when the docs stage built them. */
  url?: string;
  /** The annotation that asks for docs, when there is one. */
  annotation?: string;
}

/**
 * "View docs": only where the docs stage built a site (its own, or another entity's through
 * `backstage.io/techdocs-entity`), so the link is never broken. Reads the model loosely: the docs
 * part is optional and owned by the docs stage.
 */
export function docsLink(model: object, item: PortalEntity): DocsLink {
  const annotations = item.entity.metadata.annotations ?? {};
  const annotation = annotations[ANNOTATION_TECHDOCS_REF] ? ANNOTATION_TECHDOCS_REF : annotations[ANNOTATION_TECHDOCS_ENTITY] ? ANNOTATION_TECHDOCS_ENTITY : undefined;
  const docs = (model as DocsModel).docs;
  // A site without pages has no index page to link to.
  const built = (docs?.sites ?? []).filter((s) => (s.pages?.length ?? 1) > 0);
  const site = built.find((s) => s.entityRef === item.ref);
  const redirect = site ? undefined : docs?.redirects?.find((r) => r.entityRef === item.ref && built.some((s) => r.to.startsWith(s.url)));
  const url = site?.url ?? redirect?.to;
  return { ...(url ? { url } : {}), ...(annotation ? { annotation } : {}) };
}
