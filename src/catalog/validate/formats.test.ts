import { describe, expect, it } from 'vitest';
import { formats, isFormatName } from './formats.ts';

describe('format hints', () => {
  it('suggests a close valid name', () => {
    expect(formats.entityName.hint('my service!')).toMatch(/e\.g\. "my-service"$/);
    expect(formats.entityName.hint('-x-')).toBe('it must start and end with a letter or digit, e.g. "x"');
  });

  it('suggests a lower-case namespace or a cleaned-up one', () => {
    expect(formats.namespace.hint('Team')).toBe('namespaces are lower-case: use "team"');
    expect(formats.namespace.hint('Team_A')).toMatch(/e\.g\. "team-a"$/);
    expect(formats.namespace.hint('n'.repeat(70))).toBe('it has 70 characters; shorten it to at most 63');
  });

  it('explains tags', () => {
    expect(formats.tag.hint('C++')).toBe('tags are lower-case: use "c++"');
    expect(formats.tag.hint('front end')).toMatch(/^" " is not allowed in tags; .*e\.g\. "front-end"$/);
    expect(formats.tag.hint('-x')).toMatch(/^hyphens go between words/);
    expect(formats.tag.hint('')).toContain('1–63 characters');
  });

  it('explains apiVersion and kind', () => {
    expect(formats.apiVersion.hint('a/b/c')).toMatch(/^use at most one "\/"/);
    expect(formats.apiVersion.hint('Acme.com/v1')).toBe('the group must be lower-case: "acme.com/v1"');
    expect(formats.apiVersion.hint('acme.com/v-1')).toMatch(/^use "<group>\/<version>"/);
    expect(formats.kind.hint('K'.repeat(64))).toBe('it has 64 characters; shorten it to at most 63');
    expect(formats.kind.hint('my-kind')).toMatch(/start with a letter/);
  });

  it('explains label and annotation keys part by part', () => {
    expect(formats.labelKey.hint('a/b/c')).toBe('use at most one "/": [prefix/]name, e.g. "example.com/tier"');
    expect(formats.annotationKey.hint('Acme.com/x')).toBe('the prefix must be lower-case: "acme.com/x"');
    expect(formats.labelKey.hint('ex_ample.com/x')).toMatch(/^the prefix "ex_ample\.com" must be a lower-case DNS name/);
    expect(formats.labelKey.hint('example.com/x y')).toMatch(/^the part after "\/": " " is not allowed/);
  });

  it('explains URLs', () => {
    expect(formats.url.hint('example.com/x')).toBe('add the scheme: "https://example.com/x"');
    expect(formats.url.hint('::')).toMatch(/absolute URL/);
  });

  it('knows its format names', () => {
    expect(isFormatName('tag')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName(3)).toBe(false);
  });
});
