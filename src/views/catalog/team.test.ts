import { describe, expect, it } from 'vitest';
import { item } from './testing.ts';
import { teamChoices, teamOwners } from './team.ts';

const org = [
  item({ name: 'eng', kind: 'Group', title: 'Engineering' }),
  item({ name: 'payments', kind: 'Group', title: 'Payments', groups: ['group:default/eng'] }),
  item({ name: 'cards', kind: 'Group', title: 'Cards', groups: ['group:default/payments'] }),
  item({ name: 'platform', kind: 'Group', title: 'Platform', groups: ['group:default/eng'] }),
  item({ name: 'alice', kind: 'User', groups: ['group:default/cards'] }),
  item({ name: 'bob', kind: 'User', groups: ['group:default/platform', 'group:default/payments'] }),
  item({ name: 'carol', kind: 'User', groups: ['group:default/platform'] }),
];

describe('teamOwners', () => {
  it('includes the group, its descendants and their members', () => {
    expect([...teamOwners(org, 'group:default/payments')].sort()).toEqual([
      'group:default/cards',
      'group:default/payments',
      'user:default/alice',
      'user:default/bob',
    ]);
    expect(teamOwners(org, 'Group:default/eng').size).toBe(7);
  });

  it('stops on cycles', () => {
    const cyclic = [item({ name: 'a', kind: 'Group', groups: ['group:default/b'] }), item({ name: 'b', kind: 'Group', groups: ['group:default/a'] })];
    expect([...teamOwners(cyclic, 'group:default/a')].sort()).toEqual(['group:default/a', 'group:default/b']);
  });

  it('lists the groups to choose from by title', () => {
    expect(teamChoices(org).map((g) => g.title)).toEqual(['Cards', 'Engineering', 'Payments', 'Platform']);
  });
});
