import { describe, expect, it } from 'vitest';
import { githubTarget, newTokenUrl, workflowPageUrl } from './github.ts';

describe('githubTarget', () => {
  it('defaults to github.com and its API', () => {
    const target = githubTarget({ title: 'P', base: '/', repo: 'acme/portal' });
    expect(target).toEqual({ web: 'https://github.com', api: 'https://api.github.com', repo: 'acme/portal' });
    expect(workflowPageUrl(target)).toBe('https://github.com/acme/portal/actions/workflows/scaffold.yml');
    expect(newTokenUrl(target)).toBe('https://github.com/settings/personal-access-tokens/new');
  });

  it('derives a GHES API from its web URL, and takes an explicit API URL as it is', () => {
    expect(githubTarget({ title: 'P', base: '/', githubUrl: 'https://git.acme.example/' })).toEqual({ web: 'https://git.acme.example', api: 'https://git.acme.example/api/v3' });
    expect(githubTarget({ title: 'P', base: '/', githubApiUrl: 'http://127.0.0.1:4010/' }).api).toBe('http://127.0.0.1:4010');
    expect(workflowPageUrl(githubTarget({ title: 'P', base: '/' }))).toBeUndefined();
  });
});
