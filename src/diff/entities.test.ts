import { describe, expect, it } from 'vitest';
import { ANNOTATION_TECHDOCS_REF } from '../model/entity.ts';
import { diffCatalogs } from './index.ts';
import { unchanged } from './entities.ts';
import { withEtag } from '../pipeline/writeApi.ts';
import { catalogOf, type Draft } from './testing.ts';
import type { EntityChange } from './types.ts';

const docs = { annotations: { [ANNOTATION_TECHDOCS_REF]: 'dir:.' } };

/** The org before: groups, a system in a domain, a service providing an API, its consumer and their dependents. */
function baseOrg(): Draft[] {
  return [
    { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
    { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
    { kind: 'Domain', name: 'logistics', spec: { owner: 'team-a' } },
    { kind: 'Domain', name: 'finance', spec: { owner: 'team-b' } },
    { kind: 'System', name: 'shipping', spec: { owner: 'team-a', domain: 'logistics' } },
    {
      kind: 'Component',
      name: 'orders',
      metadata: { ...docs, links: [{ url: 'https://grafana.example/orders', title: 'Dashboard' }] },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'shipping', providesApis: ['orders-api'], dependsOn: ['resource:orders-db'] },
    },
    { kind: 'Component', name: 'billing', spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-b', consumesApis: ['orders-api'] } },
    { kind: 'Component', name: 'legacy', spec: { type: 'service', lifecycle: 'deprecated', owner: 'team-b' } },
    { kind: 'Component', name: 'tracker', file: 'tracking/catalog-info.yaml', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
    { kind: 'Resource', name: 'orders-db', spec: { type: 'database', owner: 'team-a' } },
    { kind: 'Resource', name: 'cache', spec: { type: 'cache', owner: 'team-a' } },
    { kind: 'API', name: 'orders-api', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.3\ninfo: {title: o, version: "1"}\npaths: {}\n' } },
  ];
}

/** The org after one of every change kind. */
function headOrg(): Draft[] {
  return baseOrg()
    .filter((d) => d.name !== 'legacy')
    .map((d): Draft => {
      if (d.name === 'orders') {
        return {
          ...d,
          metadata: { links: [{ url: 'https://grafana.example/orders-v2', title: 'Dashboard' }] },
          spec: { type: 'website', lifecycle: 'experimental', owner: 'team-b', system: 'shipping', providesApis: ['orders-api'], dependsOn: ['resource:orders-db', 'resource:cache'] },
        };
      }
      if (d.name === 'shipping') return { ...d, spec: { owner: 'team-a', domain: 'finance' } };
      if (d.name === 'billing') return { ...d, spec: { type: 'service', lifecycle: 'production', owner: 'team-b', consumesApis: [] } };
      if (d.name === 'tracker') return { ...d, name: 'tracking' };
      return d;
    })
    .concat([{ kind: 'Component', name: 'labels', spec: { type: 'library', lifecycle: 'production', owner: 'team-a', system: 'shipping' } }]);
}

const byRef = (changes: EntityChange[], ref: string) => changes.find((c) => c.ref === ref);

describe('diffCatalogs: entities', () => {
  it('finds added, removed and renamed entities (a rename is the same source file with a new name)', async () => {
    const { changes, summary } = await diffCatalogs(catalogOf(baseOrg()), catalogOf(headOrg()));
    expect(byRef(changes, 'component:default/labels')).toMatchObject({ change: 'added', owner: 'group:default/team-a', breaking: false });
    expect(byRef(changes, 'component:default/legacy')).toMatchObject({ change: 'removed', owner: 'group:default/team-b', breaking: true });
    expect(byRef(changes, 'component:default/tracking')).toMatchObject({ change: 'renamed', from: 'component:default/tracker', breaking: true, fields: [] });
    expect(byRef(changes, 'component:default/tracker')).toBeUndefined();
    expect(summary).toMatchObject({ added: 1, removed: 1, renamed: 1 });
  });

  it('lists the fields people care about: owner, system, domain, lifecycle, type, ref lists, links and docs', async () => {
    const { changes } = await diffCatalogs(catalogOf(baseOrg()), catalogOf(headOrg()));
    expect(byRef(changes, 'component:default/orders')!.fields).toEqual([
      { field: 'owner', before: 'group:default/team-a', after: 'group:default/team-b' },
      { field: 'lifecycle', before: 'production', after: 'experimental' },
      { field: 'type', before: 'service', after: 'website' },
      { field: 'dependsOn', added: ['resource:default/cache'] },
      { field: 'links', added: ['Dashboard <https://grafana.example/orders-v2>'], removed: ['Dashboard <https://grafana.example/orders>'] },
      { field: 'docs', before: 'dir:.' },
    ]);
    expect(byRef(changes, 'system:default/shipping')!.fields).toEqual([{ field: 'domain', before: 'domain:default/logistics', after: 'domain:default/finance' }]);
    expect(byRef(changes, 'component:default/billing')!.fields).toEqual([{ field: 'consumesApis', removed: ['api:default/orders-api'] }]);
  });

  it('compares refs as canonical refs: "group:default/team-b" and "team-b" are the same owner', async () => {
    const { changes } = await diffCatalogs(catalogOf(baseOrg()), catalogOf(headOrg()));
    expect(byRef(changes, 'component:default/billing')!.fields.some((f) => f.field === 'owner')).toBe(false);
  });

  it('lists relations added and removed, on both ends', async () => {
    const { changes } = await diffCatalogs(catalogOf(baseOrg()), catalogOf(headOrg()));
    const orders = byRef(changes, 'component:default/orders')!;
    expect(orders.relationsAdded).toEqual(expect.arrayContaining([
      { type: 'ownedBy', targetRef: 'group:default/team-b' },
      { type: 'dependsOn', targetRef: 'resource:default/cache' },
    ]));
    expect(orders.relationsRemoved).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect(byRef(changes, 'resource:default/cache')!.relationsAdded).toEqual([{ type: 'dependencyOf', targetRef: 'component:default/orders' }]);
    expect(byRef(changes, 'api:default/orders-api')!.relationsRemoved).toEqual([{ type: 'apiConsumedBy', targetRef: 'component:default/billing' }]);
  });

  it('reports nothing for two copies of the same catalog', async () => {
    const diff = await diffCatalogs(catalogOf(baseOrg()), catalogOf(baseOrg()));
    expect(diff.changes).toEqual([]);
    expect(diff.impacts).toEqual([]);
  });

  it('does not pair two entities renamed in the same file (it cannot tell which is which)', async () => {
    const base = catalogOf([
      { kind: 'Component', name: 'a', file: 'mono/catalog-info.yaml', spec: { owner: 'team-a' } },
      { kind: 'Component', name: 'b', file: 'mono/catalog-info.yaml', spec: { owner: 'team-a' } },
    ]);
    const head = catalogOf([
      { kind: 'Component', name: 'c', file: 'mono/catalog-info.yaml', spec: { owner: 'team-a' } },
      { kind: 'Component', name: 'd', file: 'mono/catalog-info.yaml', spec: { owner: 'team-a' } },
    ]);
    const { changes } = await diffCatalogs(base, head);
    expect(changes.map((c) => `${c.change} ${c.ref}`).sort()).toEqual(['added component:default/c', 'added component:default/d', 'removed component:default/a', 'removed component:default/b']);
  });

  it('puts breaking changes first', async () => {
    const { changes } = await diffCatalogs(catalogOf(baseOrg()), catalogOf(headOrg()));
    const firstQuiet = changes.findIndex((c) => !c.breaking);
    expect(firstQuiet).toBeGreaterThan(0);
    expect(changes.slice(firstQuiet).every((c) => !c.breaking)).toBe(true);
  });

  it('with the repos a partial head holds, leaves entities of other repos alone: only what those repos changed is reported', async () => {
    // The orders repo's pull request: orders changes, legacy (another repo) is absent from the head but not removed.
    const head = catalogOf(headOrg().filter((d) => d.name === 'orders'));
    const { changes } = await diffCatalogs(catalogOf(baseOrg()), head, { repos: ['orders'] });
    expect(changes.filter((c) => c.change === 'removed')).toEqual([]);
    expect(byRef(changes, 'component:default/orders')?.fields.map((f) => f.field)).toEqual(['owner', 'lifecycle', 'type', 'dependsOn', 'links', 'docs']);
    // Without the scope, every entity of the other repos would count as removed.
    const unscoped = await diffCatalogs(catalogOf(baseOrg()), head);
    expect(unscoped.summary.removed).toBe(baseOrg().length - 1);
  });
});

describe('unchanged: the diff\'s shortcut for an entity the build left as it was', () => {
  const [orders] = catalogOf(baseOrg().filter((d) => d.name === 'orders'));
  const copy = () => JSON.parse(JSON.stringify(orders)) as NonNullable<typeof orders>;

  it('takes the last build\'s entity (through JSON, with the etag the static API added) as unchanged', () => {
    expect(unchanged(withEtag(orders!), copy())).toBe(true);
  });

  it('sends every change of a value the diff reads to the full comparison, and a field nobody diffs does not', () => {
    const edits: Array<(e: ReturnType<typeof copy>) => void> = [
      (e) => (e.spec!.owner = 'team-b'),
      (e) => (e.spec!.system = 'other'),
      (e) => (e.spec!.domain = 'finance'),
      (e) => (e.spec!.lifecycle = 'experimental'),
      (e) => (e.spec!.type = 'website'),
      (e) => (e.spec!.dependsOn as string[]).push('resource:cache'),
      (e) => (e.spec!.providesApis = []),
      (e) => (e.spec!.consumesApis = ['orders-api']),
      (e) => (e.metadata.links![0]!.url = 'https://grafana.example/other'),
      (e) => (e.metadata.links![0]!.title = 'Board'),
      (e) => (e.metadata.annotations![ANNOTATION_TECHDOCS_REF] = 'dir:docs'),
      (e) => (e.metadata.namespace = 'other'),
      (e) => e.relations!.reverse(),
      (e) => e.relations!.pop(),
    ];
    for (const edit of edits) {
      const after = copy();
      edit(after);
      expect(unchanged(orders!, after)).toBe(false);
    }
    const described = copy();
    described.metadata.description = 'new';
    expect(unchanged(orders!, described)).toBe(true);
  });

  it('gives the same changes as comparing every entity in full', async () => {
    const base = catalogOf(baseOrg());
    const head = catalogOf(headOrg());
    const { changes } = await diffCatalogs(base.map(withEtag), head);
    expect(changes).toEqual((await diffCatalogs(base, head)).changes);
    expect(changes.map((c) => c.ref).sort()).toEqual([
      'api:default/orders-api',
      'component:default/billing',
      'component:default/labels',
      'component:default/legacy',
      'component:default/orders',
      'component:default/tracking',
      'domain:default/finance',
      'domain:default/logistics',
      'group:default/team-a',
      'group:default/team-b',
      'resource:default/cache',
      'system:default/shipping',
    ]);
  });
});
