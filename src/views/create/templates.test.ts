import { describe, expect, it } from 'vitest';
import { entity, portalEntities } from '../../testing/entities.ts';
import { createPath } from '../../model/routes.ts';
import { facetCounts, matchesTemplateFilter, readTemplateFilter, templateCards, writeTemplateFilter } from './templates.ts';
import { diagnosticsByEntity } from '../diagnostics.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { catalog, demoTemplate, kitchenSinkTemplate } from './testing.ts';

const entities = [
  ...catalog(),
  ...portalEntities([demoTemplate('node-service'), demoTemplate('docs-site'), kitchenSinkTemplate, entity('Group', 'platform-team', { type: 'team', children: [] })]),
  ...portalEntities([{ apiVersion: 'backstage.io/v1beta2', kind: 'Template', metadata: { name: 'old' }, spec: { type: 'service' } }]),
];

describe('templateCards', () => {
  it('one card per v1beta3 Template, by title, with what the card shows', () => {
    const cards = templateCards(entities);
    expect(cards.map((c) => c.title)).toEqual(['Documentation site', 'Kitchen sink', 'Node.js service']);
    expect(cards[2]).toEqual({
      ref: 'template:default/node-service',
      namespace: 'default',
      name: 'node-service',
      title: 'Node.js service',
      description: 'A production-ready Node.js 24 HTTP service with @kestrel/node-kit, CI, a Helm chart and TechDocs.',
      tags: ['recommended', 'nodejs', 'typescript'],
      owner: 'group:default/platform-team',
      type: 'service',
      path: 'create/default/node-service/',
    });
  });

  it('a template the build check found unrunnable says why on its card; other problems do not block it', () => {
    const at = (code: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
      severity, code, message, repo: 'templates', file: 'gitlab/template.yaml', line: 40, column: 15, entity: 'template:default/Kitchen-Sink',
    });
    const byEntity = diagnosticsByEntity([
      at('template-action', 'step "publish": unknown action "publish:gitlab"'),
      at('dangling-ref', 'owner team-platform is not in the catalog'),
      at('template-filter', 'unknown filter shout', 'warning'),
      { ...at('template-action', 'step "x": unknown action "fetch:rails"'), entity: 'template:default/node-service', severity: 'warning' },
    ]);
    const cards = templateCards(entities, byEntity);
    expect(cards.find((c) => c.name === 'kitchen-sink')!.blocked).toEqual([{ message: 'step "publish": unknown action "publish:gitlab"', where: 'gitlab/template.yaml:40' }]);
    expect(cards.filter((c) => c.blocked).map((c) => c.name)).toEqual(['kitchen-sink']);
  });

  it('paths are lower-case and encoded', () => {
    expect(createPath('template:Ops/New-Thing')).toBe('create/ops/new-thing/');
  });
});

describe('the type and tag filter', () => {
  const cards = templateCards(entities);
  it('matches on type and tag together', () => {
    expect(cards.filter((c) => matchesTemplateFilter(c, { type: 'service' })).map((c) => c.name)).toEqual(['node-service']);
    expect(cards.filter((c) => matchesTemplateFilter(c, { tag: 'mkdocs' })).map((c) => c.name)).toEqual(['docs-site']);
    expect(cards.filter((c) => matchesTemplateFilter(c, { type: 'service', tag: 'mkdocs' }))).toEqual([]);
    expect(cards.filter((c) => matchesTemplateFilter(c, {}))).toHaveLength(3);
  });

  it('counts facet values, most common first', () => {
    expect(facetCounts(['b', 'a', 'b', 'c'])).toEqual([
      { value: 'b', count: 2 },
      { value: 'a', count: 1 },
      { value: 'c', count: 1 },
    ]);
  });

  it('keeps its state in the query string', () => {
    expect(readTemplateFilter('?type=service&tag=c%2B%2B')).toEqual({ type: 'service', tag: 'c++' });
    expect(readTemplateFilter('')).toEqual({});
    expect(writeTemplateFilter({ type: 'service', tag: 'c++' })).toBe('?type=service&tag=c%2B%2B');
    expect(writeTemplateFilter({})).toBe('');
  });
});
