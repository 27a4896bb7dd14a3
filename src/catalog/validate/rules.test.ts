import { describe, expect, it } from 'vitest';
import {
  isNonBlank,
  isValidAnnotationKey,
  isValidApiVersion,
  isValidDnsSubdomain,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
} from './rules.ts';

/** A DNS subdomain of exactly `length` characters made of 63-character labels. */
function subdomain(length: number): string {
  const labels: string[] = [];
  let left = length;
  let letter = 97;
  while (left > 0) {
    const size = Math.min(63, left);
    labels.push(String.fromCharCode(letter++).repeat(size));
    left -= size + 1;
  }
  const out = labels.join('.');
  expect(out).toHaveLength(length);
  return out;
}

describe('isValidEntityName', () => {
  it.each(['a', 'A', '0', 'payments-api', 'Foo_Bar.baz', 'a--b', 'a..b', 'x'.repeat(63)])('accepts %j', (v) => {
    expect(isValidEntityName(v)).toBe(true);
  });
  it.each(['', 'x'.repeat(64), '-a', 'a-', '_a', 'a_', '.a', 'a.', 'a b', 'a/b', 'a:b', 'ü', 'a!'])('rejects %j', (v) => {
    expect(isValidEntityName(v)).toBe(false);
  });
});

describe('isValidNamespace', () => {
  it.each(['default', 'team-a', 'a--b', 'a---b', '0', 'x'.repeat(63)])('accepts %j', (v) => {
    expect(isValidNamespace(v)).toBe(true);
  });
  it.each(['', 'Default', 'TEAM', 'team_a', 'team.a', '-a', 'a-', 'x'.repeat(64), 'a b'])('rejects %j', (v) => {
    expect(isValidNamespace(v)).toBe(false);
  });
});

describe('isValidTag', () => {
  it.each(['java', 'c++', 'c#', 'team:payments', 'a-b-c', 'v2', '+#:', 'x'.repeat(63)])('accepts %j', (v) => {
    expect(isValidTag(v)).toBe(true);
  });
  it.each(['', 'Java', 'a--b', '-a', 'a-', 'a_b', 'a.b', 'a b', 'a/b', 'x'.repeat(64)])('rejects %j', (v) => {
    expect(isValidTag(v)).toBe(false);
  });
});

describe('isValidKind', () => {
  it.each(['Component', 'API', 'component', 'Widget2', 'X', 'K'.repeat(63)])('accepts %j', (v) => {
    expect(isValidKind(v)).toBe(true);
  });
  it.each(['', '1Kind', 'my-kind', 'My_Kind', 'Kind.x', 'K'.repeat(64)])('rejects %j', (v) => {
    expect(isValidKind(v)).toBe(false);
  });
});

describe('isValidApiVersion', () => {
  it.each(['backstage.io/v1alpha1', 'backstage.io/v1beta1', 'scaffolder.backstage.io/v1beta3', 'v1', 'acme.com/V1'])(
    'accepts %j',
    (v) => expect(isValidApiVersion(v)).toBe(true),
  );
  it.each(['', 'Backstage.io/v1alpha1', 'a/b/c', 'backstage.io/', '/v1', 'backstage.io/v1-alpha', 'backstage.io/v1.0', 'x'.repeat(64)])(
    'rejects %j',
    (v) => expect(isValidApiVersion(v)).toBe(false),
  );
  it('limits the prefix to a 253-character DNS subdomain', () => {
    expect(isValidApiVersion(`${subdomain(253)}/v1`)).toBe(true);
    expect(isValidApiVersion(`${subdomain(254)}/v1`)).toBe(false);
  });
});

describe('isValidDnsSubdomain', () => {
  it('is 1–253 characters of dot-separated lower-case DNS labels', () => {
    expect(isValidDnsSubdomain('example.com')).toBe(true);
    expect(isValidDnsSubdomain(subdomain(253))).toBe(true);
    expect(isValidDnsSubdomain(subdomain(254))).toBe(false);
    expect(isValidDnsSubdomain('Example.com')).toBe(false);
    expect(isValidDnsSubdomain('a..b')).toBe(false);
    expect(isValidDnsSubdomain(`${'a'.repeat(64)}.com`)).toBe(false);
    expect(isValidDnsSubdomain('')).toBe(false);
  });
});

describe('isValidLabelKey / isValidAnnotationKey', () => {
  it.each(['tier', 'example.com/tier', 'example.com/Tier_x', 'backstage.io/techdocs-ref', 'a.b.c/x', `${subdomain(253)}/k`])(
    'accepts %j',
    (v) => {
      expect(isValidLabelKey(v)).toBe(true);
      expect(isValidAnnotationKey(v)).toBe(true);
    },
  );
  it.each([
    '',
    'a/b/c',
    'Example.com/tier',
    'example_com/tier',
    'example.com/',
    '/tier',
    'example.com/-tier',
    `example.com/${'x'.repeat(64)}`,
    `${subdomain(254)}/k`,
    'Bad Key',
  ])('rejects %j', (v) => {
    expect(isValidLabelKey(v)).toBe(false);
    expect(isValidAnnotationKey(v)).toBe(false);
  });
});

describe('isValidLabelValue', () => {
  it('is empty or a valid entity name', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('gold')).toBe(true);
    expect(isValidLabelValue('x'.repeat(63))).toBe(true);
    expect(isValidLabelValue('x'.repeat(64))).toBe(false);
    expect(isValidLabelValue('a b')).toBe(false);
    expect(isValidLabelValue('-x')).toBe(false);
    expect(isValidLabelValue('example.com/x')).toBe(false);
  });
});

describe('isValidUrl / isNonBlank', () => {
  it('accepts what new URL accepts', () => {
    expect(isValidUrl('https://example.com/a?b#c')).toBe(true);
    expect(isValidUrl('mailto:team@example.com')).toBe(true);
    expect(isValidUrl('example.com')).toBe(false);
    expect(isValidUrl('/relative/path')).toBe(false);
    expect(isValidUrl('http://')).toBe(false);
    expect(isValidUrl('')).toBe(false);
  });
  it('treats empty and whitespace-only text as blank', () => {
    expect(isNonBlank('x')).toBe(true);
    expect(isNonBlank(' x ')).toBe(true);
    expect(isNonBlank('')).toBe(false);
    expect(isNonBlank(' \t\n')).toBe(false);
  });
});
