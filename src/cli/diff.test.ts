// `backlot diff` as CI runs it: a real process, the base served over HTTP on 127.0.0.1, real exit codes.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOf, type Draft } from '../diff/testing.ts';
import type { CatalogDiff } from '../diff/types.ts';
import { serveStatic, type StaticServer } from '../site/testing/serve.ts';

const BIN = join(import.meta.dirname, 'backlot.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const OPENAPI = `openapi: 3.0.3
info: { title: Orders, version: '1' }
paths:
  /orders:
    get:
      responses:
        '200': { description: ok }
`;

/** orders-api (team-a) is consumed by billing (team-b) and by reports (team-a). */
const org: Draft[] = [
  { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
  { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
  { kind: 'Component', name: 'orders', spec: { type: 'service', lifecycle: 'production', owner: 'team-a', providesApis: ['orders-api'] } },
  { kind: 'API', name: 'orders-api', file: 'orders/catalog-info.yaml', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: OPENAPI } },
  { kind: 'Component', name: 'billing', spec: { type: 'service', lifecycle: 'production', owner: 'team-b', consumesApis: ['orders-api'] } },
  { kind: 'Component', name: 'reports', spec: { type: 'service', lifecycle: 'production', owner: 'team-a', consumesApis: ['orders-api'] } },
];

let work: string;
let site: StaticServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backlot-diff-'));
  // The live portal, as a build writes its static API: an index and its parts (heads as files are one array,
  // as sites built before parts wrote it).
  mkdirSync(join(work, 'site', 'api', 'catalog', 'entities'), { recursive: true });
  const all = catalogOf(org);
  writeFileSync(join(work, 'site', 'api', 'catalog', 'entities.json'), JSON.stringify({ version: 1, totalItems: all.length, parts: ['entities/part-1.json', 'entities/part-2.json'] }));
  writeFileSync(join(work, 'site', 'api', 'catalog', 'entities', 'part-1.json'), JSON.stringify(all.slice(0, 4)));
  writeFileSync(join(work, 'site', 'api', 'catalog', 'entities', 'part-2.json'), JSON.stringify(all.slice(4)));
  writeFileSync(join(work, 'site', 'api', 'catalog', 'broken.json'), JSON.stringify({ version: 1, totalItems: 1, parts: ['entities/part-9.json'] }));
  site = await serveStatic(join(work, 'site'));
  // Heads as files: the API's path removed (billing is another owner's); reports dropped (team-a's own).
  const breaking = org.map((d) => (d.name === 'orders-api' ? { ...d, spec: { ...d.spec, definition: OPENAPI.replace('/orders:', '/v2/orders:') } } : d));
  writeFileSync(join(work, 'breaking.json'), JSON.stringify(catalogOf(breaking)));
  writeFileSync(join(work, 'own.json'), JSON.stringify(catalogOf(org.filter((d) => d.name !== 'reports' && d.name !== 'billing').concat([{ ...org[4]!, spec: { ...org[4]!.spec, consumesApis: [] } }]))));
  writeFileSync(join(work, 'not-a-catalog.json'), '{"hello": 1}');
});

afterAll(async () => {
  await site?.close();
});

describe('backlot diff', () => {
  it('exits 1 when a breaking change affects another owner, and names them (base over HTTP, head a file)', async () => {
    const { code, stdout } = await run(['diff', '--base', `${site.url}api/catalog/entities.json`, '--head', 'breaking.json', '--format', 'json'], work);
    expect(code).toBe(1);
    const diff = JSON.parse(stdout) as CatalogDiff;
    expect(diff.summary).toMatchObject({ breaking: 1, breakingOtherOwner: 1 });
    expect(diff.changes[0]!.api!.breaking.map((c) => `${c.where} ${c.message}`)).toEqual(['/orders path removed']);
    expect(diff.impacts[0]!.affected.map((a) => `${a.ref} ${a.otherOwner}`)).toEqual(['component:default/billing true', 'component:default/reports false']);
  });

  it('reads a catalog in parts from a file too: the parts beside its index', async () => {
    const { code, stdout } = await run(['diff', '--base', 'breaking.json', '--head', join('site', 'api', 'catalog', 'entities.json'), '--format', 'json'], work);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as CatalogDiff).changes.map((c) => `${c.change} ${c.ref}`)).toEqual(['changed api:default/orders-api']);
  });

  it('reads a portal root URL as its api/catalog/entities.json, and prints text for people', async () => {
    const { code, stdout } = await run(['diff', '--base', site.url, '--head', 'breaking.json'], work);
    expect(code).toBe(1);
    expect(stdout).toContain('BREAKING api:orders-api changed (owner group:team-a)');
    expect(stdout).toContain('  ✗ /orders: path removed');
    expect(stdout).toContain('    component:billing — consumer, owner group:team-b ⚠ another owner');
  });

  it('writes a Markdown comment with whom to tell', async () => {
    const { stdout } = await run(['diff', '--base', site.url, '--head', 'breaking.json', '--format', 'markdown'], work);
    expect(stdout).toMatch(/^## Catalog impact\n/);
    expect(stdout).toContain('### Whom to tell\n\n| owner | affected |\n| --- | --- |\n| group:team-b | component:billing |');
    expect(stdout).toContain('- **api:orders-api changed (owner group:team-a)**\n  - /orders: path removed');
  });

  it('--fail-on sets when it fails: never, or on any breaking change even within one owner', async () => {
    expect((await run(['diff', '--base', site.url, '--head', 'breaking.json', '--fail-on', 'never'], work)).code).toBe(0);
    // Only team-a's own reports is removed (billing stays, consuming nothing): breaking, but for no one else.
    const own = await run(['diff', '--base', site.url, '--head', 'own.json', '--format', 'json'], work);
    expect(JSON.parse(own.stdout).summary).toMatchObject({ removed: 1, breaking: 1, breakingOtherOwner: 0 });
    expect(own.code).toBe(0);
    expect((await run(['diff', '--base', site.url, '--head', 'own.json', '--fail-on', 'breaking'], work)).code).toBe(1);
  });

  it('builds the head from PATH through the pipeline; --partial: a service repo removing its API finds the consumers in the base', async () => {
    const orgDir = join(work, 'pr-org');
    mkdirSync(join(orgDir, 'orders'), { recursive: true });
    writeFileSync(join(orgDir, 'orders', 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n');
    const { code, stdout } = await run(['diff', '--base', site.url, '--format', 'json', '--partial', 'pr-org'], work);
    const diff = JSON.parse(stdout) as CatalogDiff;
    // Only the orders repo's own entities are compared: the teams, billing and reports live in other repos.
    expect(diff.changes.map((c) => `${c.change} ${c.ref}`)).toEqual(['removed api:default/orders-api', 'changed component:default/orders']);
    expect(diff.changes[0]).toMatchObject({ owner: 'group:default/team-a' });
    expect(diff.impacts.find((i) => i.ref === 'api:default/orders-api')!.affected.map((a) => a.ref)).toEqual(['component:default/billing', 'component:default/reports']);
    expect(code).toBe(1);
  });

  it('a head built through the pipeline brings its docs: the pages linking to a removed entity are part of its impact', async () => {
    const orgDir = join(work, 'docs-org');
    mkdirSync(join(orgDir, 'orders'), { recursive: true });
    writeFileSync(join(orgDir, 'orders', 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n');
    mkdirSync(join(orgDir, 'billing', 'docs'), { recursive: true });
    writeFileSync(
      join(orgDir, 'billing', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-b\n',
    );
    writeFileSync(join(orgDir, 'billing', 'mkdocs.yml'), 'site_name: Billing\n');
    writeFileSync(join(orgDir, 'billing', 'docs', 'index.md'), '# Billing\n\nWe read [the orders API](/catalog/default/api/orders-api/).\n');
    const { stdout } = await run(['diff', '--base', site.url, '--format', 'json', '--partial', 'docs-org'], work);
    const impact = (JSON.parse(stdout) as CatalogDiff).impacts.find((i) => i.ref === 'api:default/orders-api')!;
    expect(impact.docs).toEqual([
      { title: 'Billing', url: '/docs/default/component/billing/', entity: 'component:default/billing', owner: 'group:default/team-b', otherOwner: true },
    ]);
  });

  it('exits 2 when the base cannot be read, saying why', async () => {
    const missing = await run(['diff', '--base', `${site.url}nowhere/entities.json`, '--head', 'breaking.json'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`could not fetch ${site.url}nowhere/entities.json: HTTP 404`);
    const part = await run(['diff', '--base', `${site.url}api/catalog/broken.json`, '--head', 'breaking.json'], work);
    expect(part.code).toBe(2);
    expect(part.stderr).toContain(`could not fetch ${site.url}api/catalog/entities/part-9.json: HTTP 404`);
    const wrong = await run(['diff', '--base', 'not-a-catalog.json', '--head', 'breaking.json'], work);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not-a-catalog.json is not a list of entities');
    const usage = await run(['diff', '--head', 'breaking.json'], work);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--base is required');
  });
});
