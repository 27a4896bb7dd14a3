import { describe, expect, it } from 'vitest';
import { findCodeowners, ownerRef, parseCodeowners, ruleFor } from './codeowners.ts';

describe('CODEOWNERS', () => {
  const file = parseCodeowners('.github/CODEOWNERS', ['# default', '*            @acme/platform', '*.md         @acme/writers  # docs', '/apps/        @acme/apps', 'docs/        @ann', 'apps/pay/catalog-info.yaml @acme/payments', ''].join('\n'));

  it('gives a path to the last rule that matches it, with gitignore’s anchoring', () => {
    const owners = (path: string) => ruleFor(file, path)?.owners.join(' ');
    expect(owners('catalog-info.yaml')).toBe('@acme/platform');
    expect(owners('README.md')).toBe('@acme/writers');
    expect(owners('lib/x/NOTES.md')).toBe('@acme/writers');
    expect(owners('apps/web/catalog-info.yaml')).toBe('@acme/apps');
    expect(owners('lib/apps/x.ts')).toBe('@acme/platform'); // "/apps/" is anchored at the root
    expect(owners('lib/docs/index.md')).toBe('@ann'); // "docs/" is any folder named docs
    expect(owners('apps/pay/catalog-info.yaml')).toBe('@acme/payments');
    expect(ruleFor(file, 'apps/pay/catalog-info.yaml')?.line).toBe(6);
  });

  it('is found where GitHub looks first, and maps owners to catalog refs', () => {
    const files: Record<string, string> = { CODEOWNERS: '* @a', 'docs/CODEOWNERS': '* @b' };
    expect(findCodeowners((p) => files[p])?.path).toBe('CODEOWNERS');
    expect(findCodeowners(() => undefined)).toBeUndefined();
    expect(ownerRef('@acme/Team-A')).toBe('group:default/team-a');
    expect(ownerRef('@Ann')).toBe('user:default/ann');
    expect(ownerRef('ann@acme.io')).toBeUndefined();
  });
});
