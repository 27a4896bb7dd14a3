// "My team": the owner refs that count as a group's own — the group, its child groups (all the way
// down) and the members of any of them — so the catalog can list what the team owns.

import type { CatalogItem } from './items.ts';

export function teamOwners(items: readonly CatalogItem[], groupRef: string): Set<string> {
  const root = groupRef.toLowerCase();
  const children = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  for (const item of items) {
    const kind = item.kind.toLowerCase();
    if (kind !== 'group' && kind !== 'user') continue;
    for (const parent of item.groups) {
      const key = parent.toLowerCase();
      const map = kind === 'group' ? children : members;
      const list = map.get(key) ?? [];
      list.push(item.ref);
      map.set(key, list);
    }
  }
  const groups = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (groups.has(child)) continue; // a cycle in the hierarchy must not loop
      groups.add(child);
      queue.push(child);
    }
  }
  const owners = new Set(groups);
  for (const g of groups) for (const user of members.get(g) ?? []) owners.add(user);
  return owners;
}

/** Groups to pick a team from, sorted by title. */
export function teamChoices(items: readonly CatalogItem[]): CatalogItem[] {
  return items.filter((i) => i.kind.toLowerCase() === 'group').sort((a, b) => a.title.localeCompare(b.title));
}
