import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkFiles } from './linkFiles.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-reuse-files-'));
// tmpfs: another filesystem than the temporary folder's, where no hard link can reach.
const other = mkdtempSync(join('/dev/shm', 'backlot-reuse-files-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(other, { recursive: true, force: true });
});

function site(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const FILES = { 'catalog/default/component/a/index.html': '<p>a</p>', 'catalog/default/api/b/index.html': '<p>b</p>', 'catalog/default/api/b/openapi.yaml': 'openapi: 3.0.0\n' };

describe('the reused files of a rebuild', () => {
  it('are hard links to the last build’s files, in new folders, the last build left as it was', () => {
    const last = site(join(tmp, 'last'), FILES);
    const next = join(tmp, 'next');
    expect(linkFiles(Object.keys(FILES), last, next)).toEqual({ linked: 3, copied: 0 });
    for (const [file, text] of Object.entries(FILES)) {
      expect(readFileSync(join(next, file), 'utf8')).toBe(text);
      expect(statSync(join(next, file)).ino).toBe(statSync(join(last, file)).ino);
      expect(statSync(join(last, file)).nlink).toBe(2);
    }
    // Deleting the last build (the swap does) leaves the new site whole.
    rmSync(last, { recursive: true });
    expect(readFileSync(join(next, 'catalog/default/api/b/openapi.yaml'), 'utf8')).toBe('openapi: 3.0.0\n');
  });

  it('are copies when the new site is on another filesystem', () => {
    const last = site(join(tmp, 'last-far'), FILES);
    expect(statSync(other).dev).not.toBe(statSync(last).dev);
    const next = join(other, 'next');
    expect(linkFiles(Object.keys(FILES), last, next)).toEqual({ linked: 0, copied: 3 });
    for (const [file, text] of Object.entries(FILES)) {
      expect(readFileSync(join(next, file), 'utf8')).toBe(text);
      expect(statSync(join(last, file)).nlink).toBe(1);
    }
  });

  it('go into the folders made ahead, and into any still missing', () => {
    const last = site(join(tmp, 'last-ahead'), FILES);
    const next = join(tmp, 'next-ahead');
    mkdirSync(join(next, 'catalog/default/component/a'), { recursive: true });
    expect(linkFiles(Object.keys(FILES), last, next)).toEqual({ linked: 3, copied: 0 });
    for (const file of Object.keys(FILES)) expect(statSync(join(next, file)).ino).toBe(statSync(join(last, file)).ino);
  });

  it('fail the build on any other error (a file the last build lacks)', () => {
    const last = site(join(tmp, 'last-short'), { 'a/index.html': 'a' });
    expect(() => linkFiles(['a/index.html', 'b/index.html'], last, join(tmp, 'next-short'))).toThrow(/ENOENT/);
  });
});
