import { describe, expect, it } from 'vitest';
import { parseGithubUrl, repoFinder } from './githubUrl.ts';

describe('parseGithubUrl', () => {
  it('splits a blob URL into repo, mode and the decoded rest', () => {
    expect(parseGithubUrl('https://github.com/Acme/Payments/blob/main/docs/a%20b.md')).toEqual({
      host: 'github.com',
      owner: 'Acme',
      repo: 'Payments',
      mode: 'blob',
      rest: 'main/docs/a b.md',
    });
  });

  it("gives a repo's own URL no mode, and keeps a badly encoded segment as written", () => {
    expect(parseGithubUrl('https://ghe.example.com/acme/payments/')).toEqual({ host: 'ghe.example.com', owner: 'acme', repo: 'payments', rest: '' });
    expect(parseGithubUrl('https://github.com/acme/p/tree/main/%E0%A4%A')?.rest).toBe('main/%E0%A4%A');
  });

  it('is undefined for what is not an http(s) URL of a repo', () => {
    expect(parseGithubUrl('not a url')).toBeUndefined();
    expect(parseGithubUrl('ftp://github.com/acme/p')).toBeUndefined();
    expect(parseGithubUrl('https://github.com/acme')).toBeUndefined();
  });
});

describe('repoFinder', () => {
  it('finds a repo by host, owner and name, ignoring case', () => {
    const repos = [
      { host: 'github.com', owner: 'acme', name: 'payments' },
      { host: 'ghe.example.com', owner: 'acme', name: 'payments' },
    ];
    const find = repoFinder(repos);
    expect(find(parseGithubUrl('https://GitHub.com/ACME/Payments/blob/main/x')!)).toBe(repos[0]);
    expect(find(parseGithubUrl('https://ghe.example.com/acme/payments')!)).toBe(repos[1]);
    expect(find(parseGithubUrl('https://github.com/acme/billing')!)).toBeUndefined();
    expect(repoFinder(repos)).toBe(find); // built once per list
  });
});
