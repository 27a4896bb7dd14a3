import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { runPipeline } from './index.ts';

const config = defaultConfig('/org');
const catalogPath = () => '/catalog-info.yaml';

const team = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
`;
const service = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  lifecycle: production
  owner: team-a
  dependsOn: [resource:orders-db]
`;

describe('runPipeline', () => {
  it('turns repos into the portal model: valid entities with relations both ways, every diagnostic sorted', async () => {
    const snapshot = memorySnapshot([
      { repo: repoInfo('org'), files: { 'catalog-info.yaml': team } },
      { repo: repoInfo('orders'), files: { 'catalog-info.yaml': `${service}---\nkind: Component\n` } },
    ]);
    const { model, diagnostics } = await runPipeline(config, snapshot, { catalogPath });
    expect(model.entities.map((e) => e.ref)).toEqual(['component:default/orders', 'group:default/team-a']);
    expect(model.entities[1]!.entity.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/orders' }]);
    expect(diagnostics.map((d) => `${d.repo}/${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      'orders/catalog-info.yaml:9:15 warning dangling-ref spec.dependsOn[0] refers to resource:default/orders-db, which is not in the catalog',
      'orders/catalog-info.yaml:11:1 error schema apiVersion is required',
      'orders/catalog-info.yaml:11:1 error schema metadata is required',
    ]);
    expect(model.diagnostics).toEqual(diagnostics);
  });

  it('passes the portal repo and GitHub URLs on to the site for the Create pages', async () => {
    const site = { ...config.site, repo: 'acme/portal', githubUrl: 'https://git.acme.example', githubApiUrl: 'https://git.acme.example/api/v3' };
    const { model } = await runPipeline({ ...config, site }, memorySnapshot([]), { catalogPath });
    expect(model.site).toEqual({ title: 'Backlot', base: '/', repo: 'acme/portal', githubUrl: 'https://git.acme.example', githubApiUrl: 'https://git.acme.example/api/v3' });
    expect((await runPipeline(config, memorySnapshot([]), { catalogPath })).model.site).toEqual({ title: 'Backlot', base: '/' });
  });

  it('gives onEntities the entities the model will have, once, before the run ends (backlot build sends them ahead)', async () => {
    const api = `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: |\n    openapi: 3.0.0\n    info: { title: Orders, version: '1' }\n    paths: {}\n`;
    const snapshot = memorySnapshot([
      { repo: repoInfo('org'), files: { 'catalog-info.yaml': team } },
      { repo: repoInfo('orders'), files: { 'catalog-info.yaml': `${service}---\n${api}` } },
    ]);
    let ended = false;
    const given: Array<{ entities: unknown; ended: boolean }> = [];
    const result = await runPipeline(config, snapshot, { catalogPath, onEntities: (entities) => given.push({ entities, ended }) }).finally(() => (ended = true));
    expect(given).toEqual([{ entities: result.model.entities, ended: false }]);
    expect(given[0]!.entities).toBe(result.model.entities);
    expect(result.model.entities.map((e) => e.ref)).toEqual(['component:default/orders', 'api:default/orders-api', 'group:default/team-a']);
    expect(result.model.apis['api:default/orders-api']).toMatchObject({ format: 'openapi' });
  });

  it('drops dangling-ref findings when a repo is validated alone', async () => {
    const snapshot = memorySnapshot([{ repo: repoInfo('orders'), files: { 'catalog-info.yaml': service } }]);
    const { diagnostics } = await runPipeline(config, snapshot, { catalogPath, ignoreDangling: true });
    expect(diagnostics).toEqual([]);
  });

  it('keeps a stale repo’s entities and warns that they come from an older crawl', async () => {
    const stale = { reason: '502 Bad Gateway', since: '2026-11-01T00:00:00.000Z' };
    const snapshot = memorySnapshot([
      { repo: repoInfo('org'), files: { 'catalog-info.yaml': team } },
      { repo: repoInfo('orders', { stale }), files: { 'catalog-info.yaml': service.replace('  dependsOn: [resource:orders-db]\n', '') } },
    ]);
    const { model, diagnostics } = await runPipeline(config, snapshot, { catalogPath });
    expect(model.entities.map((e) => e.ref)).toContain('component:default/orders');
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'stale-repo', repo: 'orders', file: 'catalog-info.yaml' }),
    ]);
  });
});
