import { describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import type { PortalEntity } from '../model/portal.ts';
import { indexEntities } from './entities.ts';
import { relationTitle } from '../model/relations.ts';
import { groupRelations, relationCards } from './relations.ts';
import { entity, portalEntities } from '../testing/entities.ts';

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

describe('relationTitle', () => {
  it('uses Backstage titles and falls back to words', () => {
    expect(relationTitle('ownedBy')).toBe('Owned by');
    expect(relationTitle('apiConsumedBy')).toBe('API consumed by');
    expect(relationTitle('sameAsOther')).toBe('Same as other');
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

describe('relationCards', () => {
  const index = indexEntities(portalEntities([
    entity('Domain', 'commerce', { owner: 'shop' }),
    entity('Domain', 'payments-domain', { owner: 'shop', subdomainOf: 'commerce' }),
    entity('System', 'checkout', { owner: 'shop', domain: 'commerce' }),
    entity('Component', 'web', { type: 'website', owner: 'shop', system: 'checkout', consumesApis: ['pay'], dependsOn: ['component:api-gw', 'resource:db', 'resource:ghost'] }),
    entity('Component', 'widget', { type: 'library', owner: 'shop', subcomponentOf: 'web' }),
    entity('Component', 'api-gw', { type: 'service', owner: 'shop', system: 'checkout', providesApis: ['pay'] }),
    entity('API', 'pay', { type: 'openapi', owner: 'shop', system: 'checkout', definition: 'x' }),
    entity('Resource', 'db', { type: 'database', owner: 'shop', system: 'checkout' }),
    entity('Group', 'shop', { type: 'team', children: [] }),
    entity('Location', 'root', { targets: ['./a.yaml'] }),
  ]));
  const cardsOf = (ref: string) => relationCards(index.get(ref)!.entity, index);
  const summary = (ref: string) =>
    cardsOf(ref).cards.map((c) => [c.id, c.targets.map((t) => (t.target ? t.ref : `${t.ref} (dangling)`))]);

  it('gives a component its API, subcomponent and dependency cards, components and resources apart', () => {
    expect(summary('component:default/web')).toEqual([
      ['provided-apis', []],
      ['consumed-apis', ['api:default/pay']],
      ['subcomponents', ['component:default/widget']],
      ['depends-on-components', ['component:default/api-gw']],
      ['depends-on-resources', ['resource:default/db', 'resource:default/ghost (dangling)']],
    ]);
    expect(summary('component:default/api-gw')).toEqual([
      ['provided-apis', ['api:default/pay']],
      ['consumed-apis', []],
      ['depends-on-components', []],
      ['depends-on-resources', []],
      ['dependency-of-components', ['component:default/web']],
    ]);
  });

  it('gives an API its providers and consumers', () => {
    expect(summary('api:default/pay')).toEqual([
      ['providers', ['component:default/api-gw']],
      ['consumers', ['component:default/web']],
    ]);
  });

  it('splits a system’s parts by kind and a domain’s into systems and subdomains', () => {
    expect(summary('system:default/checkout')).toEqual([
      ['components', ['component:default/api-gw', 'component:default/web']],
      ['apis', ['api:default/pay']],
      ['resources', ['resource:default/db']],
    ]);
    expect(summary('domain:default/commerce')).toEqual([
      ['systems', ['system:default/checkout']],
      ['subdomains', ['domain:default/payments-domain']],
    ]);
    expect(summary('resource:default/db')).toEqual([['dependency-of-components', ['component:default/web']]]);
  });

  it('leaves relations the About card shows out of the other relations, and keeps the rest', () => {
    expect(cardsOf('component:default/web').other).toEqual([]);
    expect(cardsOf('location:default/root')).toEqual({ cards: [], other: [] });
    const custom = { ...index.get('component:default/web')!.entity };
    custom.relations = [...(custom.relations ?? []), { type: 'reviewedBy', targetRef: 'group:default/shop' }];
    expect(relationCards(custom, index).other.map((g) => [g.type, g.targets.map((t) => t.ref)])).toEqual([['reviewedBy', ['group:default/shop']]]);
  });

  it('shows nothing for groups and users here: their pages have their own cards', () => {
    expect(cardsOf('group:default/shop')).toEqual({ cards: [], other: [] });
  });
});
