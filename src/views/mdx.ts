// What the MDX components for the platform team's own pages show, as plain data from the model. Refs are written
// by people in MDX, so they are resolved the way Backstage resolves a field's ref: a default kind, namespace
// `default`, any case. A ref that resolves to nothing gives `undefined`, which the components show as missing.

import type { PortalEntity, PortalModel } from '../model/portal.ts';
import { parseEntityRef, stringifyEntityRef } from '../model/entityRef.ts';
import { findEntity, ownerRef, specString, type EntityIndex } from './entities.ts';
import { groupOwnership } from './org.ts';
import { isTemplate } from './create/templates.ts';
import { createPath } from '../model/routes.ts';
import { docsIndex, docsUrlOf } from './docs.ts';

/** The filters of `<EntityList>`, Backstage's catalog filters; each given one must hold. */
export interface EntityQuery {
  kind?: string;
  type?: string;
  /** An owner ref; the kind defaults to group (`team-a`, `user:jane`). */
  owner?: string;
  tag?: string;
  lifecycle?: string;
}

/** Canonical form of a ref written by hand, or undefined when it does not parse. */
export function canonicalRef(ref: string, defaultKind: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref.trim(), { defaultKind }));
  } catch {
    return undefined;
  }
}

/** The entities matching every filter given, in the order given (one pass). */
export function filterEntities(entities: readonly PortalEntity[], query: EntityQuery): PortalEntity[] {
  const lower = (s: string | undefined) => s?.trim().toLowerCase() || undefined;
  const kind = lower(query.kind);
  const type = lower(query.type);
  const tag = lower(query.tag);
  const lifecycle = lower(query.lifecycle);
  const owner = query.owner ? (canonicalRef(query.owner, 'group') ?? '\0') : undefined;
  return entities.filter(({ entity }) => {
    if (kind && entity.kind.toLowerCase() !== kind) return false;
    if (type && specString(entity, 'type')?.toLowerCase() !== type) return false;
    if (lifecycle && specString(entity, 'lifecycle')?.toLowerCase() !== lifecycle) return false;
    if (tag && !(entity.metadata.tags ?? []).some((t) => typeof t === 'string' && t.toLowerCase() === tag)) return false;
    if (owner && ownerRef(entity) !== owner) return false;
    return true;
  });
}

/** A team and the Components it owns directly; undefined when the team is not in the catalog. */
export function teamServices(index: EntityIndex, owner: string): { team: PortalEntity; services: PortalEntity[] } | undefined {
  const ref = canonicalRef(owner, 'group');
  const team = ref ? findEntity(index, ref) : undefined;
  if (!team) return undefined;
  const services = groupOwnership(team.ref, index, false)
    .map((o) => o.entity)
    .filter((e) => e.entity.kind.toLowerCase() === 'component');
  return { team, services };
}

/** A template and its Create page (relative to the base); undefined when no such template is in the catalog. */
export function templateCreate(index: EntityIndex, ref: string): { template: PortalEntity; path: string } | undefined {
  const canonical = canonicalRef(ref, 'template');
  const template = canonical ? findEntity(index, canonical) : undefined;
  if (!template || !isTemplate(template)) return undefined;
  return { template, path: createPath(template.ref) };
}

/** An entity and the URL of its TechDocs (with the base; none when it has no docs), or undefined when unknown. */
export function entityDocs(model: PortalModel, index: EntityIndex, ref: string): { entity: PortalEntity; url?: string } | undefined {
  const canonical = canonicalRef(ref, 'component');
  const entity = canonical ? findEntity(index, canonical) : undefined;
  if (!entity) return undefined;
  const url = docsUrlOf(docsIndex(model), entity.ref);
  return url ? { entity, url } : { entity };
}
