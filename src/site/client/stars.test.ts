import { describe, expect, it } from 'vitest';
import { readStarTitles, readStarred, setStarred, STARRED_KEY } from './stars.ts';

function memoryStorage(init: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(init));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('starred entities in storage', () => {
  it('adds and removes refs, lower-cased, with their titles', () => {
    const storage = memoryStorage();
    expect([...setStarred(storage, 'Component:default/Payments', true, 'Payments')]).toEqual(['component:default/payments']);
    setStarred(storage, 'api:default/x', true);
    expect(JSON.parse(storage.getItem(STARRED_KEY)!)).toEqual(['api:default/x', 'component:default/payments']);
    expect(readStarTitles(storage)).toEqual({ 'component:default/payments': 'Payments' });
    setStarred(storage, 'component:default/payments', false);
    expect([...readStarred(storage)]).toEqual(['api:default/x']);
    expect(readStarTitles(storage)).toEqual({});
  });

  it('survives garbage and missing storage', () => {
    expect(readStarred(memoryStorage({ [STARRED_KEY]: '{not json' })).size).toBe(0);
    expect(readStarred(memoryStorage({ [STARRED_KEY]: '{"a":1}' })).size).toBe(0);
    expect([...readStarred(memoryStorage({ [STARRED_KEY]: '["a:b/c", 3]' }))]).toEqual(['a:b/c']);
    expect(readStarred(undefined).size).toBe(0);
    expect([...setStarred(undefined, 'a:b/c', true)]).toEqual(['a:b/c']);
  });

  it('keeps working when the browser refuses to store', () => {
    const refusing = { ...memoryStorage(), setItem: () => { throw new Error('quota'); } } as Storage;
    expect(() => setStarred(refusing, 'a:b/c', true)).not.toThrow();
  });
});
