import { describe, expect, it } from 'vitest';
import { entityOwnView, entityPageView } from './entity-page-view.ts';
import { siteData } from './site-data.ts';
import { entityLists } from './entity-page.ts';
import { entity, portalEntities } from '../testing/entities.ts';
import type { PortalModel } from '../model/portal.ts';

const model = (entities: PortalModel['entities'], site: Partial<PortalModel['site']> = {}): PortalModel =>
  ({
    site: { title: 't', base: '/', ...site },
    generatedAt: '',
    repos: [{ name: 'org', url: 'https://github.com/acme/org', owner: 'acme', defaultBranch: 'main', commit: 'abc' }],
    entities,
    diagnostics: [{ severity: 'warning', code: 'dangling-ref', message: 'm', repo: 'org', file: 'catalog-info.yaml', line: 1, column: 1, entity: 'component:default/api-client' }],
    apis: { 'api:default/pay': { type: 'openapi', title: 'Pay' } },
    docs: { sites: [], redirects: [] },
  }) as unknown as PortalModel;

describe('entityPageView', () => {
  const entities = portalEntities([
    entity('Group', 'team', { type: 'team', children: [] }),
    entity('Component', 'api-client', { type: 'library', owner: 'team', providesApis: ['pay'] }, { title: 'API client', annotations: { 'backstage.io/view-url': 'https://github.com/acme/org/blob/main/catalog-info.yaml', 'acme.io/x': 'y' } }),
    entity('API', 'pay', { type: 'openapi', owner: 'team', definition: '{}' }),
  ]);

  it('holds what the page shows of the entity: title, problems, repo, API summary, annotations listed or counted', () => {
    const data = siteData(model(entities));
    const own = entityOwnView(entities[1]!, data);
    expect(own).toMatchObject({ kind: 'component', title: 'API client', api: undefined, docs: {}, tabs: [], plugins: { cards: [], scripts: [] } });
    expect(own.problems.map((d) => d.code)).toEqual(['dangling-ref']);
    expect(own.repo?.url).toBe('https://github.com/acme/org');
    expect(own.annotations).toEqual({ listed: [['acme.io/x', 'y']], inRepo: 1 });
    expect(entityOwnView(entities[2]!, data).api).toEqual({ type: 'openapi', title: 'Pay' });
  });

  it('gives the description as sanitised HTML and as plain text, and none without one', () => {
    const [svc, bare] = portalEntities([
      entity('Component', 'svc', { type: 'service', owner: 'team' }, { description: 'Takes **payments**. <script>alert(1)</script>' }),
      entity('Component', 'bare', { type: 'service', owner: 'team' }),
    ]);
    const data = siteData(model([svc!, bare!]));
    const { description } = entityPageView(svc!, data);
    expect(description?.html).toContain('<strong>payments</strong>');
    expect(description?.html).not.toContain('<script>');
    expect(description?.text).toMatch(/^Takes payments\./);
    expect(entityPageView(bare!, data).description).toBeUndefined();
  });

  it('keeps only http(s) view and edit URLs and links (javascript: and typos are never links)', () => {
    const [svc] = portalEntities([
      entity('Component', 'svc', { type: 'service', owner: 'team' }, {
        annotations: { 'backstage.io/view-url': 'javascript:alert(1)', 'backstage.io/edit-url': 'HTTPS://github.com/acme/org/edit/main/x.yaml' },
        links: [{ url: 'https://grafana.example/d/1', title: 'Dashboard' }, { url: 'javascript:alert(1)', title: 'Bad' }, { url: 'example.com/runbook', title: 'Typo' }],
      }),
    ]);
    const own = entityOwnView(svc!, siteData(model([svc!])));
    expect(own.viewUrl).toBeUndefined();
    expect(own.editUrl).toBe('HTTPS://github.com/acme/org/edit/main/x.yaml');
    expect(own.links.map((l) => l.title)).toEqual(['Dashboard']);
  });

  it('adds the neighbours: lists, graph and where it is drawn, and the owners of the owned list', () => {
    const data = siteData(model(entities));
    const view = entityPageView(entities[0]!, data);
    expect(view.own.kind).toBe('group');
    expect(view.lists.owned?.direct.map((o) => o.ref).sort()).toEqual(['api:default/pay', 'component:default/api-client']);
    expect(view.graph.nodes.map((n) => n.id).sort()).toEqual(['api:default/pay', 'component:default/api-client', 'group:default/team']);
    expect(view.graphMode).toBe('static');
    expect(view.owners).toEqual(['group:default/team']);
    expect(entityPageView(entities[0]!, siteData(model(entities, { entityGraph: 'browser' }))).graphMode).toBe('browser');
  });

  it('decides what the page leaves to its renderer: full and empty cards, the quiet line, the links', () => {
    const data = siteData(model(entities));
    const client = entityPageView(entities[1]!, data);
    expect(client.fullCards.map((c) => c.id)).toEqual(['provided-apis']);
    expect(client.emptyCards.map((c) => c.id)).toContain('consumed-apis');
    expect(client.quiet).toEqual(['No changes recorded.']); // it has a problem
    expect(client.graphLabel).toBe('API client and its related entities');
    expect(client.paths).toEqual({
      page: 'catalog/default/component/api-client/',
      relations: 'catalog/default/component/api-client/relations/',
    });
    expect(entityPageView(entities[0]!, data).paths.ownerCatalog).toBe('catalog/?kind=all&owner=group%3Adefault%2Fteam');
    const api = entityPageView(entities[2]!, data);
    expect(api.quiet).toEqual(['No problems.', 'No changes recorded.']);
    expect(api.paths.definition?.page).toBe('catalog/default/api/pay/definition/');
  });

  it('takes the lists out of the cache only for the page that renders them', () => {
    const data = siteData(model(entities));
    const kept = entityLists(entities[0]!, data.index);
    expect(entityPageView(entities[0]!, data).lists).toBe(kept);
    expect(entityPageView(entities[0]!, data, { take: true }).lists).toBe(kept);
    expect(entityPageView(entities[0]!, data).lists).not.toBe(kept); // computed again, no longer kept
  });
});
