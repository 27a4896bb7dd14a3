import { describe, expect, it } from 'vitest';
import { readFilter, rowMatches, writeFilter } from './filter.ts';

describe('catalog filter state', () => {
  it('reads kind and text from the query, lower-cased', () => {
    expect(readFilter('?kind=API&q=Pay')).toEqual({ kind: 'api', q: 'pay' });
    expect(readFilter('')).toEqual({ kind: '', q: '' });
  });

  it('writes the state back, dropping empty values and keeping others', () => {
    expect(writeFilter('?x=1', { kind: 'api', q: '' })).toBe('?x=1&kind=api');
    expect(writeFilter('?kind=api', { kind: '', q: '' })).toBe('');
  });

  it('matches rows by kind and by every word of the text', () => {
    const row = { kind: 'component', text: 'payments-service payments service authorises card payments' };
    expect(rowMatches(row, { kind: '', q: '' })).toBe(true);
    expect(rowMatches(row, { kind: 'component', q: 'card pay' })).toBe(true);
    expect(rowMatches(row, { kind: 'api', q: '' })).toBe(false);
    expect(rowMatches(row, { kind: '', q: 'card refund' })).toBe(false);
  });
});
