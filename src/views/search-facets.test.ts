import { describe, expect, it } from 'vitest';
import { facets, isFacetTable, narrow, type FacetTable } from './search-facets.ts';

// Five pages: three Components (two production), an API, a docs page without a lifecycle.
const table: FacetTable = {
  version: 2,
  keys: ['kind', 'lifecycle', 'tag'],
  values: [
    ['Component', 'API', 'Docs'],
    ['production', 'experimental'],
    ['pci', 'java'],
  ],
  pages: ['en_a', 'en_b', 'en_c', 'en_d', 'en_e'],
  groups: ['fragment/en_g'],
  folders: [''],
  group: [0, 0, 0, 0, -1],
  columns: [
    [0, 0, 0, 1, 2],
    [0, 0, 1, 0, -1],
    [[0, 1], 0, -1, 1, -1],
  ],
};
const f = facets(table);
const all = [0, 1, 2, 3, 4];

describe('search facets', () => {
  it('counts every value over all pages and finds pages by hash', () => {
    expect(isFacetTable(table)).toBe(true);
    expect(isFacetTable({ ...table, columns: [] })).toBe(false);
    expect(f.totals).toEqual({ kind: { Component: 3, API: 1, Docs: 1 }, lifecycle: { production: 3, experimental: 1 }, tag: { pci: 2, java: 2 } });
    expect(f.page.get('en_d')).toBe(3);
  });

  it('keeps the pages every filter keeps, in the order given', () => {
    expect(narrow(f, [4, 3, 2, 1, 0], { lifecycle: ['production'] }).kept).toEqual([1, 3, 4]);
    // Several values of one filter: any of them; tags: all of them.
    expect(narrow(f, all, { kind: ['API', 'Docs'] }).kept).toEqual([3, 4]);
    expect(narrow(f, all, { tag: ['pci', 'java'] }).kept).toEqual([0]);
    // A value or a filter no page has keeps nothing.
    expect(narrow(f, all, { kind: ['System'] }).kept).toEqual([]);
    expect(narrow(f, all, { owner: ['team-a'] }).kept).toEqual([]);
  });

  it("counts a set filter's own values as if it were not set, and the others over the pages kept", () => {
    const { kept, counts } = narrow(f, all, { kind: ['Component'], lifecycle: ['production'] });
    expect(kept).toEqual([0, 1]);
    // Kinds among production pages; lifecycles among Components; tags among the two kept.
    expect(counts.kind).toEqual({ Component: 2, API: 1 });
    expect(counts.lifecycle).toEqual({ production: 2, experimental: 1 });
    expect(counts.tag).toEqual({ pci: 2, java: 1 });
    // Tags narrow their own counts.
    expect(narrow(f, all, { tag: ['java'] }).counts.tag).toEqual({ pci: 1, java: 2 });
  });

  it('keeps a page it does not know only while nothing filters', () => {
    expect(narrow(f, [-1, 0], {}).kept).toEqual([0, 1]);
    expect(narrow(f, [-1, 0], { kind: ['Component'] }).kept).toEqual([1]);
  });
});
