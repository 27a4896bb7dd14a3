import { describe, expect, it } from 'vitest';
import { hiddenEnds } from './nav.ts';

describe('hiddenEnds', () => {
  it('names the ends of a scrolling row that hide links', () => {
    expect(hiddenEnds(0, 390, 390)).toBe('');
    expect(hiddenEnds(0, 390, 600)).toBe('end');
    expect(hiddenEnds(100, 390, 600)).toBe('both');
    expect(hiddenEnds(210, 390, 600)).toBe('start');
  });
});
