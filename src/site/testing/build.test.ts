import { describe, expect, it } from 'vitest';
import { componentYaml } from '../../testing/entities.ts';
import { fixtureModel } from './build.ts';

describe('fixtureModel', () => {
  it('runs the pipeline on the fixture org: what the site tests build from', async () => {
    const model = await fixtureModel();
    expect(model.site).toMatchObject({ title: 'Acme Portal', description: 'Software catalog of Acme Inc.', base: '/' });
    expect(model.repos.map((r) => r.name)).toEqual(['ledger', 'legacy-billing', 'org', 'payments', 'platform']);
    expect(model.entities).toHaveLength(13);
    expect(model.diagnostics.map((d) => `${d.severity} ${d.code} ${d.repo}/${d.file}`).sort()).toEqual([
      'error placeholder legacy-billing/catalog-info.yaml',
      'error schema ledger/catalog-info.yaml',
      'error yaml-syntax legacy-billing/docs/catalog-info.yaml',
      'warning dangling-ref legacy-billing/catalog-info.yaml',
      'warning dangling-ref payments/catalog-info.yaml',
      'warning docs-broken-link platform/docs/index.md',
    ]);
    // $text placeholders resolved: a description and an OpenAPI definition, the latter summarised.
    const tools = model.entities.find((e) => e.ref === 'component:tooling/build-tools');
    expect(tools?.entity.metadata.description).toBe('Shared build scripts and CI images.\n');
    expect(Object.keys(model.apis).sort()).toEqual(['api:default/fx-rates-api', 'api:default/payments-api']);
    expect(model.apis['api:default/payments-api']?.format).toBe('openapi');
    expect(model.docs.sites.map((s) => s.url)).toEqual(['/docs/default/component/payments-service/', '/docs/tooling/component/build-tools/']);
  });

  it('gives each caller its own copy, and docs URLs under the base asked for', async () => {
    const first = await fixtureModel();
    first.entities.length = 0;
    expect((await fixtureModel()).entities).toHaveLength(13);
    const portal = await fixtureModel({ base: '/portal/' });
    expect(portal.site.base).toBe('/portal/');
    expect(portal.docs.sites[0]?.url).toBe('/portal/docs/default/component/payments-service/');
  });

  it('adds the repos a test brings, run through the same pipeline', async () => {
    const model = await fixtureModel({ repos: { extra: { 'catalog-info.yaml': componentYaml('extra-service', { owner: 'team-platform' }) } } });
    expect(model.repos.map((r) => r.name)).toContain('extra');
    const added = model.entities.find((e) => e.ref === 'component:default/extra-service');
    expect(added?.entity.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-platform' });
    expect((await fixtureModel()).entities).toHaveLength(13);
  });
});
