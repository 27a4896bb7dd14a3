// Relations grouped for display, each target resolved against the model (or marked missing).

import type { Entity } from '../model/entity.ts';
import type { PortalEntity } from '../model/portal.ts';
import { relationRank, relationTitle } from '../model/relations.ts';
import { compareKinds, entityTitle, findEntity, type EntityIndex } from './entities.ts';


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
  // A set, not a search of the group: 50,000 dependsOn took 15 s of the site build with one.
  const seen = new Set<string>();
  for (const { type, targetRef } of entity.relations ?? []) {
    let group = groups.get(type);
    if (!group) {
      group = { type, label: relationTitle(type), targets: [] };
      groups.set(type, group);
    }
    const key = `${type}\0${targetRef}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const target = findEntity(index, targetRef);
    group.targets.push(target ? { ref: targetRef, target } : { ref: targetRef });
  }
  return [...groups.values()].sort((a, b) => relationRank(a.type) - relationRank(b.type) || a.type.localeCompare(b.type));
}

// ---- Relation cards per kind (Backstage's HasSubcomponentsCard, ProvidedApisCard, DependsOnResourcesCard, …) ----

export interface CardSpec {
  /** Stable id: the HTML anchor `card-<id>` and `data-card`. */
  id: string;
  title: string;
  type: string;
  /** Only targets of this kind (lower-case). */
  kind?: string;
  /** Shown even when empty, with this text. */
  empty?: string;
}

export interface RelationCard extends CardSpec {
  /** All targets, sorted by kind and title. */
  targets: RelationTarget[];
}

const COMPONENT_CARDS: CardSpec[] = [
  { id: 'provided-apis', title: 'Provided APIs', type: 'providesApi', empty: 'Provides no APIs.' },
  { id: 'consumed-apis', title: 'Consumed APIs', type: 'consumesApi', empty: 'Consumes no APIs.' },
  { id: 'subcomponents', title: 'Subcomponents', type: 'hasPart', kind: 'component' },
  { id: 'depends-on-components', title: 'Depends on components', type: 'dependsOn', kind: 'component', empty: 'Depends on no components.' },
  { id: 'depends-on-resources', title: 'Depends on resources', type: 'dependsOn', kind: 'resource', empty: 'Depends on no resources.' },
  { id: 'dependency-of-components', title: 'Dependency of components', type: 'dependencyOf', kind: 'component' },
  { id: 'dependency-of-resources', title: 'Dependency of resources', type: 'dependencyOf', kind: 'resource' },
];

const CARDS_BY_KIND: Record<string, CardSpec[]> = {
  component: COMPONENT_CARDS,
  api: [
    { id: 'providers', title: 'Providing components', type: 'apiProvidedBy', empty: 'No component provides this API.' },
    { id: 'consumers', title: 'Consuming components', type: 'apiConsumedBy', empty: 'No component consumes this API.' },
  ],
  resource: [
    { id: 'depends-on-components', title: 'Depends on components', type: 'dependsOn', kind: 'component' },
    { id: 'depends-on-resources', title: 'Depends on resources', type: 'dependsOn', kind: 'resource' },
    { id: 'dependency-of-components', title: 'Dependency of components', type: 'dependencyOf', kind: 'component', empty: 'No component depends on it.' },
    { id: 'dependency-of-resources', title: 'Dependency of resources', type: 'dependencyOf', kind: 'resource' },
  ],
  system: [
    { id: 'components', title: 'Components', type: 'hasPart', kind: 'component', empty: 'No components.' },
    { id: 'apis', title: 'APIs', type: 'hasPart', kind: 'api', empty: 'No APIs.' },
    { id: 'resources', title: 'Resources', type: 'hasPart', kind: 'resource', empty: 'No resources.' },
  ],
  domain: [
    { id: 'systems', title: 'Systems', type: 'hasPart', kind: 'system', empty: 'No systems.' },
    { id: 'subdomains', title: 'Subdomains', type: 'hasPart', kind: 'domain' },
  ],
};

/** Relations the About card or the group/user cards already show, so "Other relations" leaves them out. */
const SHOWN_ELSEWHERE: Record<string, readonly string[]> = {
  '*': ['ownedBy', 'partOf'],
  group: ['ownedBy', 'partOf', 'parentOf', 'childOf', 'hasMember', 'ownerOf'],
  user: ['memberOf', 'ownerOf'],
};

export interface EntityRelationCards {
  cards: RelationCard[];
  /** Relations no card or the About card shows (custom types, unusual kinds), grouped by type. */
  other: RelationGroup[];
}

/** The kind's relation cards (empty ones only when they have `empty` text) and the relations left over. */
export function relationCards(entity: Entity, index: EntityIndex): EntityRelationCards {
  const groups = groupRelations(entity, index);
  const kind = entity.kind.toLowerCase();
  const specs = CARDS_BY_KIND[kind] ?? [];
  const used = new Set<string>();
  const cards: RelationCard[] = [];
  for (const spec of specs) {
    const group = groups.find((g) => g.type === spec.type);
    const targets = (group?.targets ?? []).filter((t) => !spec.kind || targetKind(t) === spec.kind);
    for (const t of targets) used.add(`${spec.type}\0${t.ref}`);
    if (targets.length === 0 && !spec.empty) continue;
    cards.push({ ...spec, targets: sortTargets(targets) });
  }
  const hidden = SHOWN_ELSEWHERE[kind] ?? SHOWN_ELSEWHERE['*']!;
  const other = groups
    .filter((g) => !hidden.includes(g.type))
    .map((g) => ({ ...g, targets: g.targets.filter((t) => !used.has(`${g.type}\0${t.ref}`)) }))
    .filter((g) => g.targets.length > 0);
  return { cards, other };
}

/** Lower-case kind of a target, from the entity when it is in the catalog, else from the ref. */
export function targetKind(target: RelationTarget): string {
  if (target.target) return target.target.entity.kind.toLowerCase();
  const colon = target.ref.indexOf(':');
  return colon > 0 ? target.ref.slice(0, colon).toLowerCase() : '';
}

/** Catalog entities first by kind and title, dangling ones after, by ref. */
export function sortTargets(targets: readonly RelationTarget[]): RelationTarget[] {
  return [...targets].sort((a, b) => {
    if (!a.target !== !b.target) return a.target ? -1 : 1;
    if (a.target && b.target) {
      return compareKinds(a.target.entity.kind, b.target.entity.kind) || entityTitle(a.target.entity).localeCompare(entityTitle(b.target.entity)) || a.ref.localeCompare(b.ref);
    }
    return a.ref.localeCompare(b.ref);
  });
}
