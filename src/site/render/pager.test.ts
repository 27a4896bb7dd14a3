import { describe, expect, it } from 'vitest';
import { pagerItems } from './pager.ts';

describe('pagerItems', () => {
  it('shows every page when there are few', () => {
    expect(pagerItems(1, 1)).toEqual([1]);
    expect(pagerItems(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows ends and a window, with gaps only where pages are left out', () => {
    expect(pagerItems(1, 100)).toEqual([1, 2, 3, 'gap', 100]);
    expect(pagerItems(50, 100)).toEqual([1, 'gap', 48, 49, 50, 51, 52, 'gap', 100]);
    expect(pagerItems(5, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 'gap', 10]);
    expect(pagerItems(100, 100)).toEqual([1, 'gap', 98, 99, 100]);
  });
});
