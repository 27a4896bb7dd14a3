import { describe, expect, it } from 'vitest';
import { relationsPageView } from './relations-page.ts';
import { indexEntities } from './entities.ts';
import { entity, portalEntities } from '../testing/entities.ts';

describe('relationsPageView', () => {
  const index = indexEntities(portalEntities([
    entity('Group', 'root', { type: 'org', children: ['mid'], members: ['ann'] }),
    entity('Group', 'mid', { type: 'team', parent: 'root', children: ['leaf'], members: ['bob'] }),
    entity('Group', 'leaf', { type: 'team', parent: 'mid', members: ['cy', 'dee'] }),
    ...['ann', 'bob', 'cy', 'dee'].map((n) => entity('User', n, { memberOf: [] })),
    entity('System', 'sys', { owner: 'root' }),
    entity('Component', 'a', { type: 'service', owner: 'mid' }),
    entity('Component', 'b', { type: 'service', owner: 'leaf' }),
    entity('Component', 'c', { type: 'service', owner: 'leaf' }),
    entity('Component', 'd', { type: 'service', owner: 'user:dee' }),
  ]));
  const view = (ref: string) => relationsPageView(index.get(ref)!, index);

  it("lists a group's own members and entities, and counts what comes through each child group", () => {
    const root = view('group:default/root');
    expect(root.members.map((m) => m.ref)).toEqual(['user:default/ann']);
    expect(root.membersThroughChildren).toBe(3);
    expect(root.owned.map((o) => o.ref)).toEqual(['system:default/sys']);
    expect(root.ownedThrough).toBe(3);
    // Only the direct child, with the totals of its subtree: the deeper group is not repeated on the root's page.
    expect(root.children).toEqual([expect.objectContaining({ ref: 'group:default/mid', members: 3, owned: 3 })]);
    expect(view('group:default/mid').children).toEqual([expect.objectContaining({ ref: 'group:default/leaf', members: 2, owned: 2 })]);
  });

  it('leaves out of the other relations what the member and owned lists show, and keeps the rest', () => {
    const types = view('group:default/mid').relations.map((g) => g.type).sort();
    expect(types).toEqual(['childOf', 'parentOf']);
  });

  it("lists a user's own entities and counts those of their groups", () => {
    const dee = view('user:default/dee');
    expect(dee.owned.map((o) => o.ref)).toEqual(['component:default/d']);
    expect(dee.ownedThrough).toBe(2);
    expect(dee.children).toEqual([]);
  });

  it('grows with the entity and its child groups, not with the subtree', () => {
    const groups = Array.from({ length: 50 }, (_, i) => entity('Group', `g${i}`, { type: 'team', ...(i > 0 ? { parent: `g${i - 1}` } : {}), children: i < 49 ? [`g${i + 1}`] : [], members: [`u${i}`] }));
    const users = Array.from({ length: 50 }, (_, i) => entity('User', `u${i}`, { memberOf: [] }));
    const chain = indexEntities(portalEntities([...groups, ...users]));
    const top = relationsPageView(chain.get('group:default/g0')!, chain);
    expect(top.members).toHaveLength(1);
    expect(top.membersThroughChildren).toBe(49);
    expect(top.children).toHaveLength(1);
  });
});
