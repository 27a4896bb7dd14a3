// Groups and users: hierarchy, members (direct and through child groups) and ownership (direct and
// aggregated), read from the relations the graph stage wrote, as Backstage's org plugin shows them.

import type { Entity } from '../model/entity.ts';
import type { PortalEntity } from '../model/portal.ts';
import { compareKinds, entityProfile, entityTitle, findEntity, initials, sortByKindAndTitle, specString, type EntityIndex } from './entities.ts';
import { parseEntityRef } from '../model/entityRef.ts';

function targets(entity: Entity, type: string, kind?: string): string[] {
  const out: string[] = [];
  for (const r of entity.relations ?? []) {
    if (r.type !== type || out.includes(r.targetRef)) continue;
    if (kind && kindOfRef(r.targetRef) !== kind) continue;
    out.push(r.targetRef);
  }
  return out;
}

function kindOfRef(ref: string): string {
  const colon = ref.indexOf(':');
  return colon > 0 ? ref.slice(0, colon).toLowerCase() : '';
}

export function parentGroups(group: Entity): string[] {
  return targets(group, 'childOf', 'group');
}

export function childGroups(group: Entity): string[] {
  return targets(group, 'parentOf', 'group');
}

/** Groups below `ref` (children, their children, …), nearest first; safe against cycles. */
export function descendantGroups(ref: string, index: EntityIndex): string[] {
  const seen = new Set([ref]);
  const out: string[] = [];
  let frontier = [ref];
  while (frontier.length) {
    const next: string[] = [];
    for (const r of frontier) {
      const group = findEntity(index, r);
      if (!group) continue;
      for (const child of childGroups(group.entity)) {
        if (seen.has(child)) continue;
        seen.add(child);
        out.push(child);
        next.push(child);
      }
    }
    frontier = next;
  }
  return out;
}

export interface Member {
  ref: string;
  entity?: PortalEntity;
  /** The child group the membership comes through; undefined for direct members. */
  via?: string;
}

/** Direct members, then (when aggregating) members of descendant groups not already listed. */
export function groupMembers(ref: string, index: EntityIndex, aggregate: boolean): Member[] {
  const group = findEntity(index, ref);
  if (!group) return [];
  const seen = new Set<string>();
  const out: Member[] = [];
  const add = (from: Entity, via?: string) => {
    for (const m of targets(from, 'hasMember')) {
      if (seen.has(m)) continue;
      seen.add(m);
      const entity = findEntity(index, m);
      out.push({ ref: m, ...(entity ? { entity } : {}), ...(via ? { via } : {}) });
    }
  };
  add(group.entity);
  if (aggregate) {
    for (const child of descendantGroups(group.ref, index)) {
      const childGroup = findEntity(index, child);
      if (childGroup) add(childGroup.entity, child);
    }
  }
  return sortByTitle(out);
}

export interface Owned {
  ref: string;
  entity: PortalEntity;
  /** The owner this comes through when it is not the entity itself (a child group, a user's group). */
  via?: string;
}

/** Entities the owners own (their `ownerOf` targets in the catalog), each once, first owner winning. */
export function ownedBy(owners: readonly string[], index: EntityIndex, self?: string): Owned[] {
  const seen = new Set<string>();
  const out: Owned[] = [];
  for (const owner of owners) {
    const entity = findEntity(index, owner);
    if (!entity) continue;
    for (const ref of targets(entity.entity, 'ownerOf')) {
      if (seen.has(ref)) continue;
      const target = findEntity(index, ref);
      if (!target) continue;
      seen.add(ref);
      out.push({ ref, entity: target, ...(owner !== self ? { via: owner } : {}) });
    }
  }
  return sortByKindAndTitle(out, (o) => o.entity);
}

/** What a group owns: directly, or aggregated over its descendant groups (Backstage's OwnershipCard). */
export function groupOwnership(ref: string, index: EntityIndex, aggregate: boolean): Owned[] {
  const group = findEntity(index, ref);
  if (!group) return [];
  return ownedBy(aggregate ? [group.ref, ...descendantGroups(group.ref, index)] : [group.ref], index, group.ref);
}

/** What a user owns: directly, or also through the groups they are a member of. */
export function userOwnership(ref: string, index: EntityIndex, aggregate: boolean): Owned[] {
  const user = findEntity(index, ref);
  if (!user) return [];
  return ownedBy(aggregate ? [user.ref, ...userGroups(user.entity)] : [user.ref], index, user.ref);
}

export function userGroups(user: Entity): string[] {
  return targets(user, 'memberOf', 'group');
}

export interface KindCount {
  kind: string;
  count: number;
  types: Array<{ type: string; count: number }>;
}

/** Counts by kind (Backstage's order) and, within a kind, by `spec.type` (most first). */
export function ownershipCounts(owned: readonly Owned[]): KindCount[] {
  const kinds = new Map<string, { kind: string; count: number; types: Map<string, number> }>();
  for (const { entity } of owned) {
    const key = entity.entity.kind.toLowerCase();
    const entry = kinds.get(key) ?? { kind: entity.entity.kind, count: 0, types: new Map<string, number>() };
    entry.count += 1;
    const type = specString(entity.entity, 'type');
    if (type) entry.types.set(type, (entry.types.get(type) ?? 0) + 1);
    kinds.set(key, entry);
  }
  return [...kinds.values()]
    .sort((a, b) => compareKinds(a.kind, b.kind))
    .map(({ kind, count, types }) => ({
      kind,
      count,
      types: [...types].map(([type, n]) => ({ type, count: n })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    }));
}

// Titles are worked out once per item, not in every comparison (a top group lists thousands of members).
function sortByTitle<T extends { ref: string; entity?: PortalEntity }>(items: T[]): T[] {
  const titles = new Map(items.map((m) => [m, m.entity ? entityTitle(m.entity.entity) : safeName(m.ref)]));
  return items.sort((a, b) => titles.get(a)!.localeCompare(titles.get(b)!) || a.ref.localeCompare(b.ref));
}

function safeName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** An entry of an org card's list: the entity (absent when not in the catalog) and a note ("a@x · via Payments"). */
export interface OrgListItem {
  ref: string;
  target?: PortalEntity | undefined;
  note?: string | undefined;
}

/** What a Group's or User's profile card shows (Backstage's GroupProfileCard / UserProfileCard). */
export interface ProfileCard {
  name: string;
  initials: string;
  /** https only (entityProfile). */
  picture?: string;
  email?: string;
  /** A group's `spec.type`. */
  type?: string;
  /** Where it sits: a group's parent and child groups, a user's groups. */
  rows: Array<{ id: string; label: string; items: OrgListItem[] }>;
}

export function profileCard(item: PortalEntity, index: EntityIndex): ProfileCard {
  const { entity } = item;
  const isGroup = entity.kind.toLowerCase() === 'group';
  const profile = entityProfile(entity);
  const name = profile.displayName ?? entityTitle(entity);
  const type = isGroup ? specString(entity, 'type') : undefined;
  const items = (refs: string[]) => refs.map((ref) => ({ ref, target: findEntity(index, ref) }));
  const rows = isGroup
    ? [
        { id: 'parent', label: 'Parent group', items: items(parentGroups(entity)) },
        { id: 'children', label: 'Child groups', items: items(childGroups(entity)) },
      ]
    : [{ id: 'groups', label: 'Groups', items: items(userGroups(entity)) }];
  return {
    name,
    initials: initials(name),
    ...(profile.picture ? { picture: profile.picture } : {}),
    ...(profile.email ? { email: profile.email } : {}),
    ...(type ? { type } : {}),
    rows,
  };
}

/** A group's members card: the first `limit` direct members and of all (through child groups), with counts. */
export interface MemberCard {
  direct: OrgListItem[];
  aggregated: OrgListItem[];
  directCount: number;
  aggregatedCount: number;
}

/** Only the members shown get a note: a top group's aggregated list can hold thousands. */
export function memberCard(direct: readonly Member[], aggregated: readonly Member[], index: EntityIndex, limit: number): MemberCard {
  const item = (m: Member): OrgListItem => {
    const parts: string[] = [];
    const email = m.entity ? entityProfile(m.entity.entity).email : undefined;
    if (email) parts.push(email);
    if (m.via) {
      const group = findEntity(index, m.via);
      parts.push(`via ${group ? entityTitle(group.entity) : m.via}`);
    }
    return { ref: m.ref, target: m.entity, note: parts.join(' · ') || undefined };
  };
  return {
    direct: direct.slice(0, limit).map(item),
    aggregated: aggregated.length > direct.length ? aggregated.slice(0, limit).map(item) : [],
    directCount: direct.length,
    aggregatedCount: aggregated.length,
  };
}

/** A group's or user's Ownership card: counts by kind and type (with the direct count per kind) and the first owned. */
export interface OwnershipCard {
  kinds: Array<KindCount & { direct: number }>;
  /** The first `limit` entities owned directly (a user's card lists none). */
  shown: OrgListItem[];
  directCount: number;
  aggregatedCount: number;
}

export function ownershipCard(direct: readonly Owned[], aggregated: readonly Owned[], limit: number): OwnershipCard {
  const directByKind = new Map<string, number>();
  for (const { entity } of direct) {
    const kind = entity.entity.kind.toLowerCase();
    directByKind.set(kind, (directByKind.get(kind) ?? 0) + 1);
  }
  return {
    kinds: ownershipCounts(aggregated).map((k) => ({ ...k, direct: directByKind.get(k.kind.toLowerCase()) ?? 0 })),
    shown: direct.slice(0, limit).map((o) => ({ ref: o.ref, target: o.entity })),
    directCount: direct.length,
    aggregatedCount: aggregated.length,
  };
}
