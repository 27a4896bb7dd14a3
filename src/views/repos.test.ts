import { describe, expect, it } from 'vitest';
import type { RepoInfo } from '../snapshot/types.ts';
import { findRepo, repoFileUrl } from './repos.ts';

const repo: RepoInfo = {
  name: 'payments',
  owner: 'acme',
  host: 'github.com',
  defaultBranch: 'main',
  commit: 'a'.repeat(40),
  url: 'https://github.com/acme/payments',
};

describe('repos', () => {
  it('finds a repo by name', () => {
    expect(findRepo([repo], 'payments')).toBe(repo);
    expect(findRepo([repo], 'other')).toBeUndefined();
  });

  it('takes the first repo of a name, in every list it is given', () => {
    const again = { ...repo, owner: 'other' };
    const list = [repo, again];
    expect(findRepo(list, 'payments')).toBe(repo);
    expect(findRepo(list, 'payments')).toBe(repo);
    expect(findRepo([again], 'payments')).toBe(again);
  });

  it('builds a blob URL with a line anchor', () => {
    expect(repoFileUrl(repo, 'web/catalog-info.yaml', 12)).toBe('https://github.com/acme/payments/blob/main/web/catalog-info.yaml#L12');
    expect(repoFileUrl(repo, 'a b.yaml')).toBe('https://github.com/acme/payments/blob/main/a%20b.yaml');
  });
});
