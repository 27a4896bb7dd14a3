import { describe, expect, it } from 'vitest';
import { childGroups, descendantGroups, groupMembers, groupOwnership, memberCard, ownershipCard, ownershipCounts, parentGroups, profileCard, userGroups, userOwnership } from './org.ts';
import { entity, portalEntities } from '../testing/entities.ts';
import { indexEntities } from './entities.ts';

const index = indexEntities(portalEntities([
  entity('Group', 'engineering', { type: 'department', children: ['payments', 'web'] }, { title: 'Engineering' }),
  entity('Group', 'payments', { type: 'team', children: ['fraud'], members: ['ada'] }),
  entity('Group', 'fraud', { type: 'team', members: ['bob', 'ada'] }),
  entity('Group', 'web', { type: 'team', members: ['cy', 'ghost'] }),
  // A cycle in the data must not hang the page.
  entity('Group', 'loop-a', { type: 'team', children: ['loop-b'] }),
  entity('Group', 'loop-b', { type: 'team', children: ['loop-a'], members: ['bob'] }),
  entity('User', 'ada', { memberOf: [], profile: { displayName: 'Ada Lovelace', email: 'ada@example.com', picture: 'http://insecure.example/ada.png' } }, { title: 'Ada' }),
  entity('User', 'bob', { memberOf: ['web'] }, { title: 'Bob' }),
  entity('User', 'cy', { memberOf: [] }, { title: 'Cy' }),
  entity('Component', 'ledger', { type: 'service', lifecycle: 'production', owner: 'payments' }),
  entity('Component', 'gateway', { type: 'service', lifecycle: 'production', owner: 'payments' }),
  entity('Component', 'risk-lib', { type: 'library', lifecycle: 'production', owner: 'fraud' }),
  entity('API', 'risk-api', { type: 'openapi', lifecycle: 'production', owner: 'fraud', definition: 'x' }),
  entity('Component', 'site', { type: 'website', lifecycle: 'production', owner: 'web' }),
  entity('Component', 'tool', { type: 'service', lifecycle: 'experimental', owner: 'user:bob' }),
  entity('System', 'pay', { owner: 'engineering' }),
]));
const g = (name: string) => index.get(`group:default/${name}`)!.entity;

describe('group hierarchy', () => {
  it('reads parents and children from the relations', () => {
    expect(childGroups(g('engineering'))).toEqual(['group:default/payments', 'group:default/web']);
    expect(parentGroups(g('fraud'))).toEqual(['group:default/payments']);
    expect(parentGroups(g('engineering'))).toEqual([]);
  });

  it('walks descendants nearest first and survives cycles', () => {
    expect(descendantGroups('group:default/engineering', index)).toEqual(['group:default/payments', 'group:default/web', 'group:default/fraud']);
    expect(descendantGroups('group:default/loop-a', index)).toEqual(['group:default/loop-b']);
  });
});

describe('groupMembers', () => {
  it('lists direct members, with dangling ones kept as refs', () => {
    expect(groupMembers('group:default/web', index, false).map((m) => [m.ref, !!m.entity])).toEqual([
      ['user:default/bob', true],
      ['user:default/cy', true],
      ['user:default/ghost', false],
    ]);
  });

  it('aggregates members of child groups once, saying which group they come through', () => {
    expect(groupMembers('group:default/engineering', index, false)).toEqual([]);
    expect(groupMembers('group:default/engineering', index, true).map((m) => [m.ref, m.via])).toEqual([
      ['user:default/ada', 'group:default/payments'],
      ['user:default/bob', 'group:default/web'],
      ['user:default/cy', 'group:default/web'],
      ['user:default/ghost', 'group:default/web'],
    ]);
    expect(groupMembers('group:default/payments', index, true).map((m) => [m.ref, m.via])).toEqual([
      ['user:default/ada', undefined],
      ['user:default/bob', 'group:default/fraud'],
    ]);
  });
});

describe('org cards', () => {
  const item = (kind: string, name: string) => index.get(`${kind}:default/${name}`)!;

  it("gives a group's profile: name, initials, type and where it sits", () => {
    expect(profileCard(item('group', 'payments'), index)).toEqual({
      name: 'payments',
      initials: 'P',
      type: 'team',
      rows: [
        { id: 'parent', label: 'Parent group', items: [{ ref: 'group:default/engineering', target: item('group', 'engineering') }] },
        { id: 'children', label: 'Child groups', items: [{ ref: 'group:default/fraud', target: item('group', 'fraud') }] },
      ],
    });
    const bob = profileCard(item('user', 'bob'), index);
    expect(bob.rows.map((r) => [r.id, r.label, r.items.map((i) => i.ref)])).toEqual([['groups', 'Groups', ['group:default/fraud', 'group:default/loop-b', 'group:default/web']]]);
  });

  it("gives a user's profile name, email and only an https picture", () => {
    const ada = profileCard(item('user', 'ada'), index);
    expect([ada.name, ada.initials, ada.email, ada.picture, ada.type]).toEqual(['Ada Lovelace', 'AL', 'ada@example.com', undefined, undefined]);
  });

  it('gives the members shown, up to the limit, each noted with its email and the child group it comes through', () => {
    const all = groupMembers('group:default/engineering', index, true);
    const card = memberCard([], all, index, 2);
    expect(card).toMatchObject({ directCount: 0, aggregatedCount: 4, direct: [] });
    expect(card.aggregated.map((m) => [m.ref, m.note])).toEqual([
      ['user:default/ada', 'ada@example.com · via payments'],
      ['user:default/bob', 'via web'],
    ]);
    const web = groupMembers('group:default/web', index, true);
    expect(memberCard(web, web, index, 30)).toMatchObject({ directCount: 3, aggregatedCount: 3, aggregated: [] });
  });
});

describe('ownership', () => {
  it('counts what a group owns directly and through its child groups, by kind and type', () => {
    expect(groupOwnership('group:default/payments', index, false).map((o) => o.ref)).toEqual(['component:default/gateway', 'component:default/ledger']);
    const aggregated = groupOwnership('group:default/payments', index, true);
    expect(aggregated.map((o) => [o.ref, o.via])).toEqual([
      ['component:default/gateway', undefined],
      ['component:default/ledger', undefined],
      ['component:default/risk-lib', 'group:default/fraud'],
      ['api:default/risk-api', 'group:default/fraud'],
    ]);
    expect(ownershipCounts(aggregated)).toEqual([
      { kind: 'Component', count: 3, types: [{ type: 'service', count: 2 }, { type: 'library', count: 1 }] },
      { kind: 'API', count: 1, types: [{ type: 'openapi', count: 1 }] },
    ]);
    expect(ownershipCounts(groupOwnership('group:default/engineering', index, true)).map((k) => [k.kind, k.count])).toEqual([
      ['Component', 4],
      ['API', 1],
      ['System', 1],
    ]);
  });

  it("gives the Ownership card: each kind's count with its direct share, and the first entities owned directly", () => {
    const all = groupOwnership('group:default/payments', index, true);
    const card = ownershipCard(all.filter((o) => !o.via), all, 1);
    expect(card.kinds.map((k) => [k.kind, k.count, k.direct])).toEqual([['Component', 3, 2], ['API', 1, 0]]);
    expect(card.shown.map((o) => [o.ref, o.target?.ref])).toEqual([['component:default/gateway', 'component:default/gateway']]);
    expect([card.directCount, card.aggregatedCount]).toEqual([2, 4]);
  });

  it('gives a user their groups and what they own directly or through them', () => {
    const bob = index.get('user:default/bob')!.entity;
    expect(userGroups(bob)).toEqual(['group:default/fraud', 'group:default/loop-b', 'group:default/web']);
    expect(userOwnership('user:default/bob', index, false).map((o) => o.ref)).toEqual(['component:default/tool']);
    expect(userOwnership('user:default/bob', index, true).map((o) => [o.ref, o.via])).toEqual([
      ['component:default/risk-lib', 'group:default/fraud'],
      ['component:default/site', 'group:default/web'],
      ['component:default/tool', undefined],
      ['api:default/risk-api', 'group:default/fraud'],
    ]);
  });
});
