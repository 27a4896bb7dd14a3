import { describe, expect, it } from 'vitest';
import { catalogStatus } from './status.ts';

describe('catalogStatus', () => {
  it('says how many entities are listed, matched and shown', () => {
    expect(catalogStatus({ matches: 13, rows: 13, page: 1, total: 13, filtered: false })).toBe('13 entities');
    expect(catalogStatus({ matches: 1, rows: 1, page: 1, total: 1, filtered: false })).toBe('1 entity');
    expect(catalogStatus({ matches: 2, rows: 2, page: 1, total: 13, filtered: true })).toBe('2 of 13 entities match');
    expect(catalogStatus({ matches: 0, rows: 0, page: 1, total: 13, filtered: true })).toBe('No entities match');
    expect(catalogStatus({ matches: 10000, rows: 100, page: 2, total: 10000, filtered: false })).toBe('Showing 101–200 of 10,000 entities');
    expect(catalogStatus({ matches: 250, rows: 50, page: 3, total: 10000, filtered: true })).toBe('Showing 201–250 of 250 matching entities');
  });
});
