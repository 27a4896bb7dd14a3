// Test helper: catalog items with defaults, and a generated catalog of any size.

import type { CatalogItem } from './items.ts';

export function item(over: Partial<CatalogItem> & { name: string }): CatalogItem {
  const kind = over.kind ?? 'Component';
  const namespace = over.namespace ?? 'default';
  return {
    ref: `${kind}:${namespace}/${over.name}`.toLowerCase(),
    kind,
    namespace,
    title: over.name,
    type: '',
    owner: '',
    system: '',
    lifecycle: '',
    description: '',
    tags: [],
    problems: 0,
    groups: [],
    targets: [],
    ...over,
  };
}

/** n items with a realistic spread of kinds, owners, types, lifecycles and tags. */
export function manyItems(n: number): CatalogItem[] {
  const kinds = ['Component', 'Component', 'Component', 'API', 'Resource', 'System', 'Group', 'User'];
  const types = ['service', 'website', 'library', 'openapi', 'database'];
  const lifecycles = ['production', 'experimental', 'deprecated'];
  const tags = ['java', 'go', 'typescript', 'python', 'pci', 'gdpr', 'internal', 'public'];
  return Array.from({ length: n }, (_, i) =>
    item({
      name: `entity-${i}`,
      title: `Entity number ${i}`,
      kind: kinds[i % kinds.length]!,
      type: types[i % types.length]!,
      owner: `group:default/team-${i % 50}`,
      system: `system:default/system-${i % 120}`,
      lifecycle: lifecycles[i % lifecycles.length]!,
      description: `Handles the ${i % 7 === 0 ? 'payments' : 'shipments'} of region ${i % 13}, written with care and tested.`,
      tags: [tags[i % tags.length]!, tags[(i * 3) % tags.length]!],
      problems: i % 17 === 0 ? 2 : i % 11 === 0 ? 1 : 0,
      namespace: i % 20 === 0 ? 'labs' : 'default',
    }),
  );
}
