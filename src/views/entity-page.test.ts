import { describe, expect, it } from 'vitest';
import { BROWSER_GRAPH_FROM, CARD_LIMIT, annotationsShown, docsLink, drawsGraph, entityGraphMode, entityLists, hasExplorer, needsFullLists, ownedListOwners, takeEntityLists } from './entity-page.ts';
import { groupMembers, groupOwnership, userOwnership } from './org.ts';
import { relationCards } from './relations.ts';
import { entity, portalEntities } from '../testing/entities.ts';
import { indexEntities } from './entities.ts';
import { entityGraph } from './graph.ts';
import type { PortalModel } from '../model/portal.ts';

/** A model with only what docsLink reads: the docs stage's sites (loosely shaped) and redirects. */
const withDocs = (docs?: { sites: object[]; redirects: object[] }) =>
  ({ site: { title: 't', base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [], apis: {}, docs: docs ?? { sites: [], redirects: [] } }) as unknown as PortalModel;

describe('docsLink', () => {
  const [withRef, withEntity, plain] = portalEntities([
    entity('Component', 'a', { type: 'service', owner: 't' }, { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }),
    entity('Component', 'b', { type: 'service', owner: 't' }, { annotations: { 'backstage.io/techdocs-entity': 'component:a' } }),
    entity('Component', 'c', { type: 'service', owner: 't' }),
  ]);

  it('links only to docs the docs stage built, with pages', () => {
    const docs = {
      sites: [{ entityRef: 'component:default/a', url: '/docs/default/component/a/', pages: [{}] }],
      redirects: [{ entityRef: 'component:default/b', to: '/docs/default/component/a/guide/' }],
    };
    expect(docsLink(withDocs(docs), withRef!)).toEqual({ url: '/docs/default/component/a/', annotation: 'backstage.io/techdocs-ref' });
    expect(docsLink(withDocs(docs), withEntity!)).toEqual({ url: '/docs/default/component/a/guide/', annotation: 'backstage.io/techdocs-entity' });
    expect(docsLink(withDocs(docs), plain!)).toEqual({});
  });

  it('gives no link when docs were not built or have no pages', () => {
    expect(docsLink(withDocs(), withRef!)).toEqual({ annotation: 'backstage.io/techdocs-ref' });
    const empty = { sites: [{ entityRef: 'component:default/a', url: '/docs/default/component/a/', pages: [] }], redirects: [{ entityRef: 'component:default/b', to: '/docs/default/component/a/' }] };
    expect(docsLink(withDocs(empty), withRef!).url).toBeUndefined();
    expect(docsLink(withDocs(empty), withEntity!).url).toBeUndefined();
  });
});

describe('needsFullLists', () => {
  it('is true only when a card or list on the page is cut', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => entity('Component', `c${i}`, { type: 'service', owner: 'big', system: 'sys' }));
    const index = indexEntities(portalEntities([entity('Group', 'big', { type: 'team' }), entity('System', 'sys', { owner: 'big' }), ...many(CARD_LIMIT + 1)]));
    expect(needsFullLists(index.get('group:default/big')!, index)).toBe(true);
    expect(needsFullLists(index.get('system:default/sys')!, index)).toBe(true);
    expect(needsFullLists(index.get('component:default/c0')!, index)).toBe(false);
    const small = indexEntities(portalEntities([entity('Group', 'big', { type: 'team' }), entity('System', 'sys', { owner: 'big' }), ...many(CARD_LIMIT)]));
    expect(needsFullLists(small.get('system:default/sys')!, small)).toBe(false);
  });

  it('keeps an entity\'s lists from the first call until its page takes them, and whether they are cut after', () => {
    const many = Array.from({ length: CARD_LIMIT + 1 }, (_, i) => entity('Component', `c${i}`, { type: 'service', owner: 'big' }));
    const index = indexEntities(portalEntities([entity('Group', 'big', { type: 'team' }), ...many]));
    const group = index.get('group:default/big')!;
    const first = entityLists(group, index);
    expect(entityLists(group, index)).toBe(first); // computed once for the page keys and the paths
    expect(takeEntityLists(group, index)).toBe(first);
    const again = entityLists(group, index); // no longer kept: computed anew, the same lists
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    takeEntityLists(group, index);
    expect(needsFullLists(group, index)).toBe(true);
  });

  it("leaves a user's owned list to the catalog filtered by the user and their groups: no page for it", () => {
    const index = indexEntities(portalEntities([
      entity('Group', 'big', { type: 'team', members: ['u'] }),
      entity('Group', 'small', { type: 'team', members: ['u'] }),
      entity('User', 'u', { memberOf: [] }),
      ...Array.from({ length: CARD_LIMIT + 1 }, (_, i) => entity('Component', `c${i}`, { type: 'service', owner: 'big' })),
    ]));
    const user = index.get('user:default/u')!;
    expect(entityLists(user, index).owned!.aggregated).toHaveLength(CARD_LIMIT + 1);
    expect(needsFullLists(user, index)).toBe(false);
    expect(ownedListOwners(user)).toEqual(['user:default/u', 'group:default/big', 'group:default/small']);
    expect(ownedListOwners(index.get('group:default/big')!)).toEqual(['group:default/big']);
  });

  it('knows which kinds have a graph explorer', () => {
    expect([hasExplorer('System'), hasExplorer('domain'), hasExplorer('Component')]).toEqual([true, true, false]);
  });
});

describe('entityLists', () => {
  const index = indexEntities(portalEntities([
    entity('Group', 'root', { type: 'org', children: ['team'], members: ['ann'] }),
    entity('Group', 'team', { type: 'team', parent: 'root', members: ['bob', 'ann'] }),
    entity('User', 'ann', { memberOf: [] }),
    entity('User', 'bob', { memberOf: [] }),
    entity('System', 'sys', { owner: 'root' }),
    entity('Component', 'a', { type: 'service', owner: 'team', system: 'sys' }),
    entity('Component', 'b', { type: 'website', owner: 'root', system: 'sys' }),
    entity('Component', 'c', { type: 'service', owner: 'user:bob', dependsOn: ['resource:db'] }),
  ]));

  it('gives the same lists as walking the org for each list', () => {
    for (const ref of ['group:default/root', 'group:default/team']) {
      const lists = entityLists(index.get(ref)!, index);
      expect(lists.members).toEqual({ direct: groupMembers(ref, index, false), aggregated: groupMembers(ref, index, true) });
      expect(lists.owned).toEqual({ direct: groupOwnership(ref, index, false), aggregated: groupOwnership(ref, index, true) });
    }
    for (const ref of ['user:default/ann', 'user:default/bob']) {
      const lists = entityLists(index.get(ref)!, index);
      expect(lists.members).toBeUndefined();
      expect(lists.owned).toEqual({ direct: userOwnership(ref, index, false), aggregated: userOwnership(ref, index, true) });
    }
    const root = entityLists(index.get('group:default/root')!, index);
    expect(root.members!.aggregated.map((m) => m.ref)).toEqual(['user:default/ann', 'user:default/bob']);
    expect(root.owned!.direct.map((o) => o.ref)).toEqual(['component:default/b', 'system:default/sys']);
    expect(root.owned!.aggregated.map((o) => o.ref)).toEqual(['component:default/a', 'component:default/b', 'system:default/sys']);
    expect(entityLists(index.get('user:default/bob')!, index).owned!.direct.map((o) => o.ref)).toEqual(['component:default/c']);
    const c = index.get('component:default/c')!;
    expect(entityLists(c, index)).toEqual({ ...relationCards(c.entity, index), fullLists: false });
  });

  it('computes the lists of an entity once per index', () => {
    const item = index.get('group:default/team')!;
    expect(entityLists(item, index)).toBe(entityLists(item, index));
    const other = indexEntities(portalEntities([entity('Group', 'team', { type: 'team' })]));
    expect(entityLists(other.get('group:default/team')!, other).members!.aggregated).toEqual([]);
  });
});

describe('drawsGraph', () => {
  const index = indexEntities(portalEntities([
    entity('Group', 'team', { type: 'team', children: [] }),
    entity('User', 'ada', { memberOf: ['team'] }),
    entity('User', 'ben', { memberOf: ['team'] }),
    entity('User', 'loner', {}),
    entity('Component', 'svc', { type: 'service', owner: 'user:ben' }),
  ]));
  const graphOf = (ref: string) => entityGraph(ref, index);

  it('leaves out a User whose graph shows only the groups the profile card lists', () => {
    expect(graphOf('user:default/ada').nodes).toHaveLength(2);
    expect(drawsGraph('User', graphOf('user:default/ada'))).toBe(false);
    expect(drawsGraph('User', graphOf('user:default/ben'))).toBe(true);
    expect(drawsGraph('User', graphOf('user:default/loner'))).toBe(false);
  });

  it('draws every other kind with a neighbour', () => {
    expect(drawsGraph('Group', graphOf('group:default/team'))).toBe(true);
    expect(drawsGraph('Component', graphOf('component:default/svc'))).toBe(true);
  });
});

describe('entityGraphMode', () => {
  it('draws at build time up to 20,000 entities and in the browser past them, unless configured', () => {
    expect(entityGraphMode(undefined, BROWSER_GRAPH_FROM)).toBe('static');
    expect(entityGraphMode('auto', BROWSER_GRAPH_FROM + 1)).toBe('browser');
    expect(entityGraphMode('static', 100_000)).toBe('static');
    expect(entityGraphMode('browser', 10)).toBe('browser');
  });
});

describe('annotationsShown', () => {
  const repo = 'https://github.com/acme/shop';
  const annotations = {
    'backstage.io/managed-by-location': `url:${repo}/blob/main/catalog-info.yaml`,
    'backstage.io/view-url': `${repo}/blob/main/catalog-info.yaml`,
    'backstage.io/source-location': 'url:https://github.com/acme/elsewhere/tree/main/',
    'backstage.io/techdocs-ref': `url:${repo}/tree/main/docs`,
  };
  const item = entity('Component', 'shop', {}, { annotations });

  it("counts the location annotations pointing into the entity's repo and lists every other one", () => {
    expect(annotationsShown(item, `${repo}/`)).toEqual({
      inRepo: 2,
      listed: [
        ['backstage.io/source-location', 'url:https://github.com/acme/elsewhere/tree/main/'],
        ['backstage.io/techdocs-ref', `url:${repo}/tree/main/docs`],
      ],
    });
    // A repo whose name only starts the same is another repo.
    expect(annotationsShown(item, 'https://github.com/acme/sho').inRepo).toBe(0);
    expect(annotationsShown(item, undefined).listed).toHaveLength(4);
  });
});
