import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { portalEntity } from '../../testing/entities.ts';
import { catalogItem, encodeCatalogIndex, truncate } from './index.ts';
import { decodeCatalogIndex, type CatalogItem } from './items.ts';

const portal = (item: PortalEntity['entity']): PortalEntity => portalEntity(item, { repo: 'r', file: 'f' });

const service = portal({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', title: 'Payments Service', description: 'Takes  card\npayments.', tags: ['java', 'pci'] },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production', system: 'checkout' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
    { type: 'partOf', targetRef: 'system:default/checkout' },
  ],
});
const user = portal({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'labs' },
  spec: {},
  relations: [
    { type: 'memberOf', targetRef: 'group:default/team-a' },
    { type: 'memberOf', targetRef: 'group:default/team-a' },
  ],
});
const location = portal({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'org' },
  spec: { type: 'url', target: './a.yaml', targets: ['./b.yaml', 3] },
});

const error: Diagnostic = { severity: 'error', code: 'x', message: 'm', repo: 'r', file: 'f', line: 1, column: 1 };
const warning: Diagnostic = { ...error, severity: 'warning' };

describe('catalogItem', () => {
  it('takes the display fields, owner and system from relations', () => {
    expect(catalogItem(service)).toEqual({
      ref: 'component:default/payments',
      kind: 'Component',
      namespace: 'default',
      name: 'payments',
      title: 'Payments Service',
      type: 'service',
      owner: 'group:default/team-a',
      system: 'system:default/checkout',
      lifecycle: 'production',
      description: 'Takes card payments.',
      tags: ['java', 'pci'],
      problems: 0,
      groups: [],
      targets: [],
    });
  });

  it('keeps group memberships of users once, and location targets', () => {
    expect(catalogItem(user).groups).toEqual(['group:default/team-a']);
    expect(catalogItem(location).targets).toEqual(['./a.yaml', './b.yaml']);
  });

  it('rates problems: errors 2, warnings only 1', () => {
    expect(catalogItem(service, [warning]).problems).toBe(1);
    expect(catalogItem(service, [warning, error]).problems).toBe(2);
  });

  it('falls back to spec.owner when there is no ownedBy relation', () => {
    const raw = portal({ ...service.entity, relations: [] });
    expect(catalogItem(raw).owner).toBe('team-a');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text at a word with an ellipsis', () => {
    expect(truncate('short')).toBe('short');
    const long = 'word '.repeat(60);
    const cut = truncate(long, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/word…$/);
  });
});

describe('encodeCatalogIndex / decodeCatalogIndex', () => {
  it('round-trips every field', () => {
    const items = [service, user, location].map((e) => catalogItem(e, e === user ? [warning] : []));
    const index = encodeCatalogIndex(items);
    expect(decodeCatalogIndex(JSON.parse(JSON.stringify(index)))).toEqual(items);
  });

  it('stores repeated strings once and drops empty trailing fields', () => {
    const items: CatalogItem[] = [catalogItem(service), catalogItem({ ...service, ref: 'component:default/b', entity: { ...service.entity, metadata: { name: 'b' } } })];
    const index = encodeCatalogIndex(items);
    expect(index.s.filter((s) => s === 'group:default/team-a')).toHaveLength(1);
    expect(index.s[0]).toBe('');
    // b: no title, description, tags, problems, groups or targets
    expect(index.e[1]).toEqual([index.s.indexOf('Component'), 0, 'b', '', index.s.indexOf('service'), index.s.indexOf('group:default/team-a'), index.s.indexOf('system:default/checkout'), index.s.indexOf('production')]);
  });

  it('keeps the listing order and problem levels of the model', () => {
    const byEntity = new Map([[service.ref, [error]]]);
    // As catalogData builds it: items in listing order, each with its own problems.
    const decoded = decodeCatalogIndex(encodeCatalogIndex([user, service].map((e) => catalogItem(e, byEntity.get(e.ref)))));
    expect(decoded.map((i) => [i.ref, i.problems])).toEqual([
      ['user:labs/alice', 0],
      ['component:default/payments', 2],
    ]);
  });

  it('rejects something that is not an index', () => {
    expect(() => decodeCatalogIndex({ v: 2 } as never)).toThrow(/Unsupported/);
  });
});
