import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSafeChildPath, resolveSafeEntryPath } from './safePath.ts';

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

describe('resolveSafeEntryPath', () => {
  const base = mkdtempSync(join(tmpdir(), 'backlot-entry-'));
  mkdirSync(join(base, 'a'));
  symlinkSync(base, join(base, 'self'));

  it('refuses every spelling of the workspace itself, naming the input', () => {
    for (const path of ['', '.', './', 'a/..', './a/../', base, `${base}/`, 'self', 'self/.']) {
      expect(() => resolveSafeEntryPath(base, path, 'input "files[0]"'), path).toThrow(`input "files[0]" "${path}" is the workspace itself; name a file or folder inside it`);
    }
  });

  it('gives paths inside, and still refuses leaving', () => {
    expect(resolveSafeEntryPath(base, 'a', 'x')).toBe(join(base, 'a'));
    expect(resolveSafeEntryPath(base, 'a/../b.txt', 'x')).toBe(join(base, 'b.txt'));
    expect(() => resolveSafeEntryPath(base, '..', 'x')).toThrow(/outside the workspace/);
  });
});
