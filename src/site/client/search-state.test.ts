import { describe, expect, it } from 'vitest';
import { filterLabel, hasFilters, orderFilters, pagefindFilters, readSearch, writeSearch } from './search-state.ts';

describe('search state', () => {
  it('reads the text and every filter from the URL, keeping value case', () => {
    expect(readSearch('?q=+payments+&kind=API&kind=Component&tag=pci&page=2&bad%20key=x&owner=')).toEqual({
      q: 'payments',
      filters: { kind: ['API', 'Component'], tag: ['pci'] },
    });
  });

  it('writes filters in a stable order and reads back the same', () => {
    const state = { q: 'card', filters: { tag: ['pci'], section: ['guides'], kind: ['API'] } };
    const text = writeSearch(state);
    expect(text).toBe('?q=card&kind=API&tag=pci&section=guides');
    expect(readSearch(text)).toEqual({ q: 'card', filters: { kind: ['API'], tag: ['pci'], section: ['guides'] } });
    expect(writeSearch({ q: ' ', filters: {} })).toBe('');
  });

  it('turns several values into any-of, tags into all-of, and can leave one filter out', () => {
    const filters = { kind: ['API', 'Component'], tag: ['pci', 'java'], owner: [] };
    expect(pagefindFilters(filters)).toEqual({ kind: { any: ['API', 'Component'] }, tag: ['pci', 'java'] });
    expect(pagefindFilters(filters, 'kind')).toEqual({ tag: ['pci', 'java'] });
    expect(hasFilters({ q: '', filters: { owner: [] } })).toBe(false);
    expect(hasFilters({ q: '', filters })).toBe(true);
  });

  it('orders and labels filters, known ones first', () => {
    expect(orderFilters(['section', 'tag', 'kind', 'audience'])).toEqual(['kind', 'tag', 'audience', 'section']);
    expect(filterLabel('tag')).toBe('Tags');
    expect(filterLabel('doc_section')).toBe('Doc section');
  });
});
