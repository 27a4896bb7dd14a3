import { describe, expect, it } from 'vitest';
import { docsRootUrl, flatUrlOf, isInside, joinRepoPath, pagePathOf } from './paths.ts';

describe('docs paths', () => {
  it('maps Markdown files to directory URLs as MkDocs does', () => {
    expect(pagePathOf('index.md')).toBe('');
    expect(pagePathOf('README.md')).toBe('');
    expect(pagePathOf('guide/setup.md')).toBe('guide/setup/');
    expect(pagePathOf('guide/index.md')).toBe('guide/');
    expect(flatUrlOf('guide/setup.md')).toBe('guide/setup.html');
  });

  it('builds the lower-case, base-aware docs URL', () => {
    expect(docsRootUrl({ namespace: 'Default', kind: 'Component', name: 'My-Svc' }, '/')).toBe('/docs/default/component/my-svc/');
    expect(docsRootUrl({ namespace: 'ops', kind: 'api', name: 'x' }, '/portal')).toBe('/portal/docs/ops/api/x/');
  });

  it('keeps joined paths inside the repo', () => {
    expect(joinRepoPath('a/b', '../c')).toBe('a/c');
    expect(joinRepoPath('a', '../../c')).toBeUndefined();
    expect(joinRepoPath('a', '/etc')).toBeUndefined();
    expect(isInside('', 'x')).toBe(true);
    expect(isInside('docs', 'docs-old/x')).toBe(false);
  });
});
