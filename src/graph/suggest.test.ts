import { describe, expect, it } from 'vitest';
import { closestRef, editDistance, type RefCandidate } from './suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('team-a', 'team-a')).toBe(0);
    expect(editDistance('team-a', 'team-x')).toBe(1);
    expect(editDistance('team', 'teams')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives up past the bound', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });
});

const candidate = (ref: string): RefCandidate => {
  const [, rest = ''] = ref.split(':');
  const [namespace = '', name = ''] = rest.split('/');
  return { namespace, name, ref };
};

describe('closestRef', () => {
  const groups = ['group:default/team-a', 'group:default/platform', 'group:ops/team-x'].map(candidate);

  it('finds a near miss in the same namespace', () => {
    expect(closestRef({ kind: 'group', namespace: 'default', name: 'platfrom' }, groups)).toBe('group:default/platform');
  });

  it('prefers the same name in another namespace over a one-letter miss', () => {
    expect(closestRef({ kind: 'group', namespace: 'default', name: 'team-x' }, groups)).toBe('group:ops/team-x');
  });

  it('compares case-insensitively', () => {
    expect(closestRef({ kind: 'Group', namespace: 'Default', name: 'Team-B' }, groups)).toBe('group:default/team-a');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestRef({ kind: 'group', namespace: 'default', name: 'billing' }, groups)).toBeUndefined();
    expect(closestRef({ kind: 'group', namespace: 'default', name: 'x' }, [])).toBeUndefined();
  });
});
