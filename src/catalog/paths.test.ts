import { describe, expect, it } from 'vitest';
import { repoInfo } from '../snapshot/memory.ts';
import { encodePath, isGlob, normalizeRepoPath, parseRepoUrl, resolveRepoPath } from './paths.ts';

const repos = [repoInfo('pets'), repoInfo('other'), repoInfo('infra', { host: 'ghe.acme.dev', owner: 'Platform', defaultBranch: 'release/v2' })];

describe('normalizeRepoPath / resolveRepoPath', () => {
  it('normalises dots and slashes and refuses to climb above the root', () => {
    expect(normalizeRepoPath('/a//b/./c/../d.yaml')).toBe('a/b/d.yaml');
    expect(normalizeRepoPath('a/../../x')).toBeUndefined();
    expect(normalizeRepoPath('/../x')).toBeUndefined();
    expect(normalizeRepoPath('a\0b')).toBeUndefined();
  });

  it('resolves against the file folder, or the repo root for a leading slash', () => {
    expect(resolveRepoPath('svc/catalog-info.yaml', './api.yaml')).toBe('svc/api.yaml');
    expect(resolveRepoPath('svc/catalog-info.yaml', '../shared/x.json')).toBe('shared/x.json');
    expect(resolveRepoPath('svc/catalog-info.yaml', '/openapi.yaml')).toBe('openapi.yaml');
    expect(resolveRepoPath('catalog-info.yaml', 'docs/a.md')).toBe('docs/a.md');
    expect(resolveRepoPath('svc/catalog-info.yaml', '../../etc/passwd')).toBeUndefined();
  });
});

describe('parseRepoUrl', () => {
  it('maps blob and tree URLs on the snapshot branch to repo paths', () => {
    expect(parseRepoUrl('https://github.com/acme/pets/blob/main/api/openapi.yaml', repos)).toEqual({ repo: repos[0], path: 'api/openapi.yaml' });
    expect(parseRepoUrl('https://GitHub.com/ACME/Pets/tree/main/a%20b.yaml', repos)).toEqual({ repo: repos[0], path: 'a b.yaml' });
    expect(parseRepoUrl(`https://github.com/acme/pets/blob/${'0'.repeat(40)}/x.yaml`, repos)).toEqual({ repo: repos[0], path: 'x.yaml' });
    expect(parseRepoUrl('https://ghe.acme.dev/platform/infra/blob/release/v2/c.yaml', repos)).toEqual({ repo: repos[2], path: 'c.yaml' });
  });

  it('explains URLs it cannot map, and whether the repo is in the snapshot', () => {
    expect(parseRepoUrl('https://github.com/someone/else/blob/main/x.yaml', repos)).toMatchObject({ inSnapshot: false });
    expect(parseRepoUrl('https://ghe.acme.dev/acme/pets/blob/main/x.yaml', repos)).toMatchObject({ inSnapshot: false });
    expect(parseRepoUrl('https://github.com/acme/pets/blob/feature/x.yaml', repos)).toMatchObject({ inSnapshot: true, error: expect.stringContaining('other than main') });
    expect(parseRepoUrl('https://github.com/acme/pets/pulls', repos)).toMatchObject({ inSnapshot: true });
    expect(parseRepoUrl('https://github.com/acme/pets/blob/main/', repos)).toMatchObject({ inSnapshot: true });
    expect(parseRepoUrl('ftp://github.com/acme/pets/blob/main/x', repos)).toMatchObject({ inSnapshot: false });
  });

  it('cannot be talked out of the repo by dot segments or encoded slashes', () => {
    // The URL parser folds the dots: /acme/pets/other/blob/main/x.yaml, which is no file URL.
    expect(parseRepoUrl('https://github.com/acme/pets/blob/main/../../other/blob/main/x.yaml', repos)).toMatchObject({ error: expect.any(String) });
    expect(parseRepoUrl('https://github.com/acme/pets/blob/main/a/%2e%2e/%2e%2e/x', repos)).toMatchObject({ inSnapshot: true, error: expect.any(String) });
    expect(parseRepoUrl('https://github.com/acme/pets/blob/main/%2F..%2F..%2Fx', repos)).toMatchObject({ inSnapshot: true, error: expect.any(String) });
  });
});

describe('isGlob / encodePath', () => {
  it('tells globs from plain paths', () => {
    expect(isGlob('services/*/catalog-info.yaml')).toBe(true);
    expect(isGlob('**/catalog-info.yaml')).toBe(true);
    expect(isGlob('services/a/catalog-info.yaml')).toBe(false);
  });

  it('encodes what a URL path cannot hold, keeping slashes', () => {
    expect(encodePath('a b/c#1?.yaml')).toBe('a%20b/c%231%3F.yaml');
    expect(encodePath('release/v2')).toBe('release/v2');
  });
});
