import { describe, expect, it } from 'vitest';
import { entity, portalEntities } from '../../testing/entities.ts';
import { matchesCatalogFilter, singleKind, valuesAt } from './catalog-filter.ts';

const entities = portalEntities([
  entity('Group', 'team-a', { type: 'team', children: [] }),
  entity('Component', 'svc', { type: 'service', lifecycle: 'production', owner: 'team-a' }, { tags: ['java'], annotations: { 'github.com/project-slug': 'acme/svc' } }),
]);
const team = entities.find((e) => e.ref === 'group:default/team-a');
const service = entities.find((e) => e.ref === 'component:default/svc');

describe('matchesCatalogFilter', () => {
  it('matches every key of one filter, case-insensitively, any listed value', () => {
    expect(matchesCatalogFilter(team!.entity, { kind: 'group', 'spec.type': ['squad', 'Team'] })).toBe(true);
    expect(matchesCatalogFilter(team!.entity, { kind: 'Group', 'spec.type': 'department' })).toBe(false);
    expect(matchesCatalogFilter(service!.entity, { 'metadata.tags': 'JAVA' })).toBe(true);
  });

  it('takes a list of filters as alternatives; none or an empty list lets everything through', () => {
    expect(matchesCatalogFilter(service!.entity, [{ kind: 'Group' }, { kind: 'Component', 'spec.lifecycle': 'production' }])).toBe(true);
    expect(matchesCatalogFilter(service!.entity, [{ kind: 'Group' }, { kind: 'API' }])).toBe(false);
    expect(matchesCatalogFilter(service!.entity, undefined)).toBe(true);
    expect(matchesCatalogFilter(service!.entity, [])).toBe(true);
  });

  it('understands { exists }, annotation keys with dots and relations', () => {
    expect(matchesCatalogFilter(service!.entity, { 'metadata.annotations.github.com/project-slug': { exists: true } })).toBe(true);
    expect(matchesCatalogFilter(team!.entity, { 'metadata.annotations.github.com/project-slug': { exists: true } })).toBe(false);
    expect(matchesCatalogFilter(team!.entity, { 'spec.profile': { exists: false } })).toBe(true);
    expect(valuesAt(service!.entity, 'relations.ownedBy')).toEqual(['group:default/team-a']);
    expect(matchesCatalogFilter(service!.entity, { 'relations.ownedby': 'group:default/team-a' })).toBe(true);
  });
});

describe('singleKind', () => {
  it('is the kind when every alternative names the same single one', () => {
    expect(singleKind({ kind: 'System' })).toBe('system');
    expect(singleKind([{ kind: ['System'] }, { kind: 'system', 'spec.type': 'x' }])).toBe('system');
    expect(singleKind([{ kind: 'Group' }, { kind: 'User' }])).toBeUndefined();
    expect(singleKind({ 'spec.type': 'team' })).toBeUndefined();
    expect(singleKind(undefined)).toBeUndefined();
  });
});
