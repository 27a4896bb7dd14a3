import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import { memorySnapshot, repoInfo, type RepoFiles } from '../snapshot/memory.ts';
import { runPipeline } from './index.ts';
import { openRepoCache } from './repoCache.ts';
import type { RenderCache } from '../docs/index.ts';

const config = defaultConfig('/org');
const catalogPath = () => '/catalog-info.yaml';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: The ${name} service
spec:
  type: service
  lifecycle: production
  owner: team-a
  providesApis: [${name}-api]${extra}
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ./openapi.yaml
`;
const openapi = (title: string) => `openapi: 3.0.0\ninfo: { title: ${title}, version: '1' }\npaths:\n  /x:\n    get:\n      responses: { '200': { description: ok } }\n`;
const team = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n';

type Org = Record<string, RepoFiles>;
const baseOrg = (): Org => ({
  people: { 'catalog-info.yaml': team },
  orders: { 'catalog-info.yaml': component('orders'), 'openapi.yaml': openapi('Orders') },
  // A bad field and a dangling ref: diagnostics are kept with the repo's entities.
  payments: { 'catalog-info.yaml': `${component('payments', '\n  dependsOn: [resource:gone]')}---\nkind: Component\n`, 'openapi.yaml': openapi('Payments') },
});

/** Each repo's commit: a hash of its files, as the local source makes one. */
function snapshotOf(org: Org) {
  return memorySnapshot(Object.entries(org).map(([name, files]) => ({ repo: repoInfo(name, { commit: JSON.stringify(files) }), files })));
}

async function run(org: Org, cache?: { dir: string; version?: string; kinds?: unknown }) {
  const repoCache = cache ? openRepoCache({ dir: cache.dir, version: cache.version ?? 'v1', settings: cache.kinds ?? config.catalog, catalogPath }) : undefined;
  const result = await runPipeline(config, snapshotOf(org), { catalogPath, generatedAt: '2026-01-01T00:00:00.000Z', ...(repoCache ? { repoCache } : {}) });
  repoCache?.save(); // as `backlot build` does once the model is sent
  return { result, counts: repoCache?.counts };
}

/** What a run gives, as a cold run would give it. */
const shown = (r: Awaited<ReturnType<typeof run>>['result']) => JSON.stringify([r.model, r.catalog.files]);

describe('the pipeline cache', () => {
  it('keeps unchanged repos, reads a changed one again, and gives what a run without it gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-repo-cache-'));
    dirs.push(dir);
    const org = baseOrg();
    const first = await run(org, { dir });
    expect(first.counts).toEqual({ kept: 0, read: 3 });
    expect(shown(first.result)).toBe(shown((await run(org)).result));

    const again = await run(org, { dir });
    expect(again.counts).toEqual({ kept: 3, read: 0 });
    expect(again.result.catalog.reused).toBe(3);
    expect(shown(again.result)).toBe(shown(first.result));
    expect(new Set(again.result.diagnostics.map((d) => `${d.repo} ${d.code}`))).toEqual(new Set(['payments schema', 'payments dangling-ref']));
    // Positions are kept as text and parsed when asked for: the same as a cold run's, node for node.
    expect(again.result.catalog.entities.map((e) => e.source.positions)).toEqual(first.result.catalog.entities.map((e) => e.source.positions));
    expect(Object.keys(again.result.catalog.entities[0]!.source.positions).length).toBeGreaterThan(5);

    // One repo edited: it alone is read again; the result is a cold run's.
    const edited = { ...org, orders: { 'catalog-info.yaml': component('orders').replace('The orders service', 'Orders, edited'), 'openapi.yaml': openapi('Orders v2') } };
    const third = await run(edited, { dir });
    expect(third.counts).toEqual({ kept: 2, read: 1 });
    expect(shown(third.result)).toBe(shown((await run(edited)).result));
    expect(third.result.model.apis['api:default/orders-api']).toMatchObject({ format: 'openapi' });
    expect(JSON.stringify(third.result.model.apis['api:default/orders-api'])).toContain('Orders v2');
    // The files of repos no longer asked for are dropped.
    expect(readdirSync(join(dir, 'repos'))).toHaveLength(3);
  });

  it('keeps rendered docs sites: a site whose repo did not change is not rendered again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-repo-cache-'));
    dirs.push(dir);
    const docs = (page: string) => ({
      'catalog-info.yaml': component('ledger').replace('metadata:\n  name: ledger\n', 'metadata:\n  name: ledger\n  annotations:\n    backstage.io/techdocs-ref: dir:.\n'),
      'openapi.yaml': openapi('Ledger'),
      'mkdocs.yml': 'site_name: Ledger\nnav:\n  - Home: index.md\n',
      'docs/index.md': page,
    });
    const org: Org = { ...baseOrg(), ledger: docs('# Ledger\n\nPostings and balances.\n') };
    const first = await run(org, { dir });
    const html = () => first.result.model.docs?.sites[0]?.pages[0]?.html ?? '';
    expect(html()).toContain('Postings and balances.');
    // The kept render, marked: a run that shows the mark took the site from the cache.
    const file = join(dir, 'docs.bin');
    const stored = deserialize(readFileSync(file)) as { version: string; entries: RenderCache };
    expect(stored.entries.size).toBe(1);
    for (const output of stored.entries.values()) output.pages[0]!.html += '<!--kept-->';
    writeFileSync(file, serialize(stored));
    const again = await run(org, { dir });
    expect(again.result.model.docs?.sites[0]?.pages[0]?.html).toBe(`${html()}<!--kept-->`);
    // Another repo edited: the docs site is still the kept one.
    const edited: Org = { ...org, orders: { ...org.orders!, 'catalog-info.yaml': component('orders').replace('The orders service', 'Orders, edited') } };
    expect((await run(edited, { dir })).result.model.docs?.sites[0]?.pages[0]?.html).toContain('<!--kept-->');
    // Another code version renders every site again.
    expect((await run(edited, { dir, version: 'v2' })).result.model.docs?.sites[0]?.pages[0]?.html).toBe(html());
    // The docs edited: rendered again, as a run without the cache renders them.
    const rewritten: Org = { ...edited, ledger: docs('# Ledger\n\nPostings, balances and journals.\n') };
    const third = await run(rewritten, { dir });
    expect(third.result.model.docs?.sites[0]?.pages[0]?.html).toContain('Postings, balances and journals.');
    expect(shown(third.result)).toBe(shown((await run(rewritten)).result));
  });

  it('keeps nothing across another code version or other custom kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-repo-cache-'));
    dirs.push(dir);
    const org = baseOrg();
    await run(org, { dir });
    expect((await run(org, { dir, version: 'v2' })).counts).toEqual({ kept: 0, read: 3 });
    expect((await run(org, { dir, version: 'v2' })).counts).toEqual({ kept: 3, read: 0 });
    const kinds = { kinds: [{ apiVersion: 'acme.com/v1', kind: 'Thing' }] };
    expect((await run(org, { dir, version: 'v2', kinds })).counts).toEqual({ kept: 0, read: 3 });
  });

  it('never keeps a repo that reads another, and reads a kept repo again when a changed one reaches into it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-repo-cache-'));
    dirs.push(dir);
    const org = baseOrg();
    await run(org, { dir });
    // `people` changes to point a Location at the catalog file of `orders`, which is unchanged and kept: read
    // alone, `people` would parse that file a second time and every entity in it would be a duplicate.
    const location = `---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: extra\nspec:\n  targets: [https://github.com/acme/orders/blob/main/catalog-info.yaml]\n`;
    const linked: Org = { ...org, people: { 'catalog-info.yaml': team + location } };
    const next = await run(linked, { dir });
    expect(new Set(next.result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.repo} ${d.code}`))).toEqual(new Set(['payments schema']));
    expect(shown(next.result)).toBe(shown((await run(linked)).result));
    // Neither `people` nor `orders` was kept this time, so the next run reads both again.
    const after = await run(linked, { dir });
    expect(after.counts).toEqual({ kept: 1, read: 0 });
    expect(shown(after.result)).toBe(shown(next.result));
  });
});
