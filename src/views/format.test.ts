import { describe, expect, it } from 'vitest';
import { formatBuildTime, plural } from './format.ts';

describe('format', () => {
  it('formats the build time in UTC', () => {
    expect(formatBuildTime('2026-11-22T09:30:12.345Z')).toBe('2026-11-22 09:30 UTC');
    expect(formatBuildTime('not a date')).toBe('not a date');
  });

  it('pluralises', () => {
    expect(plural(1, 'entity', 'entities')).toBe('1 entity');
    expect(plural(0, 'entity', 'entities')).toBe('0 entities');
  });
});
