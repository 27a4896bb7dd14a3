import { describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import type { PortalEntity } from '../model/portal.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import {
  compareKinds,
  countByKind,
  entityProfile,
  entityTitle,
  findEntity,
  indexEntities,
  ownerRef,
  sortEntities,
  specString,
  systemRef,
  initials,
} from './entities.ts';

/** An entity of repo r, with parts of it replaced by `extra`. */
function item(kind: string, name: string, extra: Partial<Entity> = {}): PortalEntity {
  return portalEntity({ ...entity(kind, name), ...extra }, { repo: 'r' });
}

describe('entityTitle', () => {
  it('prefers a non-blank title over the name', () => {
    expect(entityTitle(item('Component', 'a', { metadata: { name: 'a', title: 'Service A' } }).entity)).toBe('Service A');
    expect(entityTitle(item('Component', 'a', { metadata: { name: 'a', title: '  ' } }).entity)).toBe('a');
    expect(entityTitle(item('Component', 'a').entity)).toBe('a');
  });
});

describe('entityProfile', () => {
  it('reads string profile fields and ignores the rest', () => {
    const user = item('User', 'u', { spec: { profile: { displayName: 'U Ser', email: 'u@x.example', picture: 3 } } }).entity;
    expect(entityProfile(user)).toEqual({ displayName: 'U Ser', email: 'u@x.example' });
    expect(entityProfile(item('User', 'v', { spec: { profile: { displayName: 7 } } }).entity)).toEqual({});
    expect(entityProfile(item('Group', 'g').entity)).toEqual({});
  });
});

describe('lookups', () => {
  const items = [item('Component', 'a'), item('Group', 'team')];
  const index = indexEntities(items);

  it('finds entities by ref, case-insensitively', () => {
    expect(findEntity(index, 'component:default/a')).toBe(items[0]);
    expect(findEntity(index, 'Group:Default/Team')).toBe(items[1]);
    expect(findEntity(index, 'group:default/none')).toBeUndefined();
  });
});

describe('relation-derived fields', () => {
  const e = item('Component', 'a', {
    spec: { type: 'service', owner: 'team', system: 7 },
    relations: [
      { type: 'dependsOn', targetRef: 'component:default/b' },
      { type: 'ownedBy', targetRef: 'group:default/team' },
      { type: 'partOf', targetRef: 'component:default/parent' },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ],
  }).entity;

  it('takes owner and system from relations', () => {
    expect(ownerRef(e)).toBe('group:default/team');
    expect(systemRef(e)).toBe('system:default/shop');
    expect(ownerRef(item('Component', 'x').entity)).toBeUndefined();
  });

  it('reads only string spec fields', () => {
    expect(specString(e, 'type')).toBe('service');
    expect(specString(e, 'system')).toBeUndefined();
    expect(specString(e, 'lifecycle')).toBeUndefined();
  });
});

describe('kinds', () => {
  it('orders known kinds as Backstage does and unknown ones last', () => {
    expect(['User', 'AiResource', 'API', 'Component'].sort(compareKinds)).toEqual(['Component', 'API', 'User', 'AiResource']);
  });

  it('counts entities per kind, case-insensitively', () => {
    const counts = countByKind([item('API', 'x'), item('Component', 'a'), item('api', 'y'), item('Group', 'g')]);
    expect(counts).toEqual([
      { kind: 'Component', count: 1 },
      { kind: 'API', count: 2 },
      { kind: 'Group', count: 1 },
    ]);
  });

  it('sorts entities by kind, then title', () => {
    const sorted = sortEntities([item('Group', 'g'), item('Component', 'zeta'), item('Component', 'alpha')]);
    expect(sorted.map((s) => s.entity.metadata.name)).toEqual(['alpha', 'zeta', 'g']);
  });
});

describe('initials', () => {
  it('takes the first and last word’s first letters', () => {
    expect(initials('Dana Scully')).toBe('DS');
    expect(initials('Ana María de la Vega')).toBe('AV');
    expect(initials('team-payments')).toBe('TP');
    expect(initials('bob')).toBe('B');
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('42')).toBe('?');
  });
});
