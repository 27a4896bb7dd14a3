import { describe, expect, it } from 'vitest';
import { parameterPages } from './templateParameters.ts';

describe('parameterPages', () => {
  it('reads one page or a list of pages, and drops what is not an object', () => {
    expect(parameterPages({ title: 'One' })).toEqual([{ title: 'One' }]);
    expect(parameterPages([{ title: 'A' }, 'x', null, [1], { title: 'B' }])).toEqual([{ title: 'A' }, { title: 'B' }]);
    expect(parameterPages(undefined)).toEqual([]);
  });
});
