import { describe, expect, it } from 'vitest';
import { closestRef, editDistance, RefIndex, type RefCandidate } from './suggest.ts';

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

/** Deterministic pseudo-random names from a small alphabet, so near misses are common. */
function names(count: number, seed: number, alphabet = 'abcde-'): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 12);
    return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  });
}

describe('RefIndex', () => {
  const namespaces = ['default', 'ops'];
  const candidatesOf = (list: string[]) => list.map((name, i) => candidate(`component:${namespaces[i % 2]}/${name}`));

  it('gives the same answers as a scan of every candidate', () => {
    const candidates = candidatesOf(names(400, 1));
    const index = new RefIndex(candidates);
    const targets = names(1500, 2);
    let suggested = 0;
    for (const [i, name] of targets.entries()) {
      const target = { kind: 'component', namespace: namespaces[i % 2]!, name };
      const expected = closestRef(target, candidates);
      expect(index.closest(target, { left: Infinity }), name).toBe(expected);
      if (expected) suggested += 1;
    }
    // The comparison means something only if both near and far misses occur.
    expect(suggested).toBeGreaterThan(300);
    expect(suggested).toBeLessThan(targets.length);
  });

  it('keeps the existing answers (case, namespace, transposed letters)', () => {
    const groups = ['group:default/team-a', 'group:default/platform', 'group:ops/team-x'].map(candidate);
    const index = new RefIndex(groups);
    const budget = { left: Infinity };
    expect(index.closest({ kind: 'group', namespace: 'default', name: 'platfrom' }, budget)).toBe('group:default/platform');
    expect(index.closest({ kind: 'group', namespace: 'default', name: 'team-x' }, budget)).toBe('group:ops/team-x');
    expect(index.closest({ kind: 'Group', namespace: 'Default', name: 'Team-B' }, budget)).toBe('group:default/team-a');
    expect(index.closest({ kind: 'group', namespace: 'default', name: 'billing' }, budget)).toBeUndefined();
  });

  it('compares a bounded number of names for a flood of misses, and still finds one-edit misses', () => {
    // Reads of `name` count the names compared (the index reads each once while it is built).
    let reads = 0;
    const candidates = Array.from({ length: 3000 }, (_, i) => {
      const c = candidate(`component:default/service-${String(i).padStart(5, '0')}-api`);
      return Object.defineProperty({ ...c }, 'name', { get: () => (reads++, c.name), enumerable: true });
    });
    const index = new RefIndex(candidates);
    reads = 0;
    const budget = { left: 5_000_000 };
    for (let i = 0; i < 20_000; i++) {
      index.closest({ kind: 'component', namespace: 'default', name: `missing-dependency-${i}` }, budget);
    }
    expect(budget.left).toBeGreaterThanOrEqual(0);
    // A scan of every name for every miss would compare 60,000,000; the budget allows a few hundred scans.
    expect(reads).toBeLessThan(2_000_000);
    expect(reads).toBeGreaterThan(0);
    // Past the budget, a one-letter slip is still found by the index.
    expect(index.closest({ kind: 'component', namespace: 'default', name: 'service-00042-apj' }, budget)).toBe('component:default/service-00042-api');
    expect(index.closest({ kind: 'component', namespace: 'ops', name: 'service-00042-api' }, budget)).toBe('component:default/service-00042-api');
  });
});
