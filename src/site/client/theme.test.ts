import { describe, expect, it } from 'vitest';
import { effectiveTheme, storedTheme, THEME_KEY } from './theme.ts';

const storage = (value: string | null) => ({ getItem: (k: string) => (k === THEME_KEY ? value : null) }) as Storage;

describe('theme choice', () => {
  it('follows the system until the user picks one', () => {
    expect(effectiveTheme(undefined, true)).toBe('dark');
    expect(effectiveTheme(undefined, false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });

  it('reads only known stored values', () => {
    expect(storedTheme(storage('dark'))).toBe('dark');
    expect(storedTheme(storage('purple'))).toBeUndefined();
    expect(storedTheme(storage(null))).toBeUndefined();
    expect(storedTheme(undefined)).toBeUndefined();
    expect(storedTheme({ getItem: () => { throw new Error('denied'); } } as unknown as Storage)).toBeUndefined();
  });
});
