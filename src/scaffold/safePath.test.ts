import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSafeChildPath } from './safePath.ts';

describe('resolveSafeChildPath', () => {
  const root = mkdtempSync(join(tmpdir(), 'backlot-safe-'));
  const base = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(base);
  mkdirSync(outside);
  symlinkSync(outside, join(base, 'link'));

  it('accepts paths inside, including ones that do not exist yet', () => {
    expect(resolveSafeChildPath(base, 'a/b.txt')).toBe(join(base, 'a/b.txt'));
    expect(resolveSafeChildPath(base, './')).toBe(base);
    expect(resolveSafeChildPath(base, 'a/../b')).toBe(join(base, 'b'));
    expect(resolveSafeChildPath(base, '..dots')).toBe(join(base, '..dots'));
  });

  it('refuses to leave by .., by an absolute path or through a symlink', () => {
    expect(() => resolveSafeChildPath(base, '../../x')).toThrow(/outside the workspace/);
    expect(() => resolveSafeChildPath(base, '..')).toThrow(/outside the workspace/);
    expect(() => resolveSafeChildPath(base, '/etc/passwd')).toThrow(/outside the workspace/);
    expect(() => resolveSafeChildPath(base, 'link/x.txt')).toThrow(/outside the workspace/);
    expect(() => resolveSafeChildPath(base, 'link/deeper/x.txt')).toThrow(/outside the workspace/);
  });
});
