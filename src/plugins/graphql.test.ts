import { describe, expect, it } from 'vitest';
import { aliasSelection, fieldsPrefix, ownFields } from './graphql.ts';

describe('plugin GraphQL fields', () => {
  it('aliases every top-level field (inline fragments too) with the plugin’s prefix, so plugins never clash', () => {
    const a = aliasSelection(fieldsPrefix(0, 'github'), 'releases(first: 1) { nodes { tagName } } ... on Repository { stars: stargazerCount }');
    const b = aliasSelection(fieldsPrefix(1, 'my-plugin'), 'releases(first: 5) { totalCount }');
    expect(a).toBe('p0_github__releases: releases(first: 1) {\n  nodes {\n    tagName\n  }\n} ... on Repository {\n  p0_github__stars: stargazerCount\n}');
    expect(b).toBe('p1_my_plugin__releases: releases(first: 5) {\n  totalCount\n}');
    expect(ownFields({ p0_github__releases: 1, p1_my_plugin__releases: 2, name: 'x' }, 'p1_my_plugin__')).toEqual({ releases: 2 });
  });

  it('refuses variables, fragment spreads and bad syntax', () => {
    expect(() => aliasSelection('p0_x__', 'object(expression: $e) { id }')).toThrow(/variables/);
    expect(() => aliasSelection('p0_x__', '...Mine')).toThrow(/fragment spread/);
    expect(() => aliasSelection('p0_x__', 'releases(first: 1 { id }')).toThrow(/Syntax Error/);
  });
});
