// What an entity's "all relations" page lists. Only the entity's own relations are listed in full; what comes
// through other groups (a group's child groups, a user's groups) is counted per child group, with links, as
// Backstage's group page counts it (Ownership card: counts per kind, linking to the catalog). Listing it all made
// every ancestor's page repeat its descendants' lists: entities × depth (the root group's page was 1.45 MB at 10,000).

import type { PortalEntity } from '../model/portal.ts';
import { entityLists } from './entity-page.ts';
import { findEntity, type EntityIndex } from './entities.ts';
import { childGroups, type Member, type Owned } from './org.ts';
import { groupRelations, type RelationGroup } from './relations.ts';

export interface ChildGroupCount {
  ref: string;
  entity?: PortalEntity;
  /** Members and owned entities of the child group and its own child groups. */
  members: number;
  owned: number;
}

export interface RelationsPageView {
  /** Direct members (groups). */
  members: Member[];
  /** Members only through child groups. */
  membersThroughChildren: number;
  /** Directly owned entities (groups and users). */
  owned: Owned[];
  /** Owned only through child groups (group) or the user's groups (user). */
  ownedThrough: number;
  /** A group's direct child groups with their totals: the way to the rest without JavaScript. */
  children: ChildGroupCount[];
  /** Every other relation of the entity, grouped by type. */
  relations: RelationGroup[];
}

const LISTED_ABOVE = new Set(['hasMember', 'ownerOf']);

export function relationsPageView(item: PortalEntity, index: EntityIndex): RelationsPageView {
  const lists = entityLists(item, index);
  const members = lists.members?.direct ?? [];
  const owned = lists.owned?.direct ?? [];
  const isOrg = lists.members !== undefined || lists.owned !== undefined;
  const children: ChildGroupCount[] = [];
  if (item.entity.kind.toLowerCase() === 'group') {
    for (const ref of childGroups(item.entity)) {
      const child = findEntity(index, ref);
      // A child's lists are cached: each group's totals are computed once per build, not once per ancestor.
      const childLists = child ? entityLists(child, index) : undefined;
      children.push({ ref, ...(child ? { entity: child } : {}), members: childLists?.members?.aggregated.length ?? 0, owned: childLists?.owned?.aggregated.length ?? 0 });
    }
  }
  return {
    members,
    membersThroughChildren: (lists.members?.aggregated.length ?? 0) - members.length,
    owned,
    ownedThrough: (lists.owned?.aggregated.length ?? 0) - owned.length,
    children,
    relations: groupRelations(item.entity, index).filter((g) => !isOrg || !LISTED_ABOVE.has(g.type)),
  };
}
