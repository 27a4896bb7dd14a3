import { describe, expect, it } from 'vitest';
import type { Entity } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { indexEntities } from './entities.ts';
import { groupRelations, relationLabel } from './relations.ts';

const source = { repo: 'r', file: 'f.yaml', line: 1, column: 1 };
const team: PortalEntity = {
  ref: 'group:default/team',
  entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team' } },
  source,
};
const api: PortalEntity = {
  ref: 'api:default/pay',
  entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'pay' } },
  source,
};

describe('relationLabel', () => {
  it('uses Backstage titles and falls back to words', () => {
    expect(relationLabel('ownedBy')).toBe('Owned by');
    expect(relationLabel('apiConsumedBy')).toBe('API consumed by');
    expect(relationLabel('sameAsOther')).toBe('Same as other');
  });
});

describe('groupRelations', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc' },
    relations: [
      { type: 'providesApi', targetRef: 'api:default/pay' },
      { type: 'dependsOn', targetRef: 'resource:default/db' },
      { type: 'ownedBy', targetRef: 'group:default/team' },
      { type: 'customLink', targetRef: 'component:default/x' },
      { type: 'ownedBy', targetRef: 'group:default/team' },
    ],
  };
  const groups = groupRelations(entity, indexEntities([team, api]));

  it('groups by type in a stable display order, unknown types last', () => {
    expect(groups.map((g) => g.type)).toEqual(['ownedBy', 'providesApi', 'dependsOn', 'customLink']);
    expect(groups[0]?.label).toBe('Owned by');
  });

  it('resolves targets in the model and leaves dangling ones without a target', () => {
    expect(groups[0]?.targets).toEqual([{ ref: 'group:default/team', target: team }]);
    expect(groups[1]?.targets[0]?.target).toBe(api);
    expect(groups[2]?.targets).toEqual([{ ref: 'resource:default/db' }]);
  });

  it('is empty for an entity without relations', () => {
    expect(groupRelations({ apiVersion: 'v', kind: 'User', metadata: { name: 'u' } }, new Map())).toEqual([]);
  });
});
