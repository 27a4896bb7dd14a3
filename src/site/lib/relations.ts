// Relations grouped for display, each target resolved against the model (or marked missing).

import type { Entity } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { findEntity, type EntityIndex } from './entities.ts';

// Backstage's UI titles (catalog-model relations.ts); order is the order groups are shown in.
const RELATION_LABELS: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  parentOf: 'Parent of',
  childOf: 'Child of',
  memberOf: 'Member of',
  hasMember: 'Has member',
};
const RELATION_ORDER = Object.keys(RELATION_LABELS);

/** Display title of a relation type; unknown types are split from camelCase. */
export function relationLabel(type: string): string {
  const known = RELATION_LABELS[type];
  if (known) return known;
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface RelationTarget {
  ref: string;
  /** Undefined when the target is not in the model (a dangling relation). */
  target?: PortalEntity;
}

export interface RelationGroup {
  type: string;
  label: string;
  targets: RelationTarget[];
}

export function groupRelations(entity: Entity, index: EntityIndex): RelationGroup[] {
  const groups = new Map<string, RelationGroup>();
  for (const { type, targetRef } of entity.relations ?? []) {
    let group = groups.get(type);
    if (!group) {
      group = { type, label: relationLabel(type), targets: [] };
      groups.set(type, group);
    }
    if (group.targets.some((t) => t.ref === targetRef)) continue;
    const target = findEntity(index, targetRef);
    group.targets.push(target ? { ref: targetRef, target } : { ref: targetRef });
  }
  const rank = (type: string) => {
    const i = RELATION_ORDER.indexOf(type);
    return i === -1 ? RELATION_ORDER.length : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}
