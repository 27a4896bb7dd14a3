import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './editDistance.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('team-a', 'team-a')).toBe(0);
    expect(editDistance('team-a', 'team-ab')).toBe(1);
    expect(editDistance('team-a', 'tam-a')).toBe(1);
    expect(editDistance('team-a', 'team-b')).toBe(1);
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('gives up early past the limit', () => {
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('closest', () => {
  it('suggests only near misses, ignoring case', () => {
    expect(closest('sorces', ['site', 'sources', 'catalog'])).toBe('sources');
    expect(closest('TITEL', ['title', 'description'])).toBe('title');
    expect(closest('zzzzzz', ['site', 'sources'])).toBeUndefined();
  });
});
