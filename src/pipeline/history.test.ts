import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../diff/history.ts';
import type { PortalModel } from '../model/portal.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { keepHistoryCopy, readPreviousSite, recordHistory } from './history.ts';

// What the "live site" answers, per path under /portal/; a path not listed is a 404.
let answers: Record<string, { status: number; body: string }> = {};
let server: Server;
let site: string;
const tmp = mkdtempSync(join(tmpdir(), 'backlot-history-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers[new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/portal\//, '')];
    res.writeHead(answer?.status ?? 404, { 'content-type': 'application/json' }).end(answer?.body ?? 'Not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(tmp, { recursive: true, force: true });
});

const json = (data: unknown) => ({ status: 200, body: JSON.stringify(data) });
const old: History = { version: 1, entries: [{ at: '2026-11-01T09:00:00.000Z', ref: 'component:default/a', kind: 'Component', change: 'added', fields: [], breaking: false }] };
const group = (name: string) => entity('Group', name, { type: 'team', children: [] });
const service = (owner: string) => entity('Component', 'orders', { type: 'service', lifecycle: 'production', owner });
const catalog = [group('team-a'), service('team-a')];

function modelOf(entities = catalog, repos: PortalModel['repos'] = []): PortalModel {
  return {
    site: { title: 't', base: '/' },
    generatedAt: '',
    repos,
    entities: entities.map((e) => portalEntity(e, { repo: 'orders' })),
    diagnostics: [],
    apis: {},
    docs: { sites: [], redirects: [] },
  };
}

describe('readPreviousSite', () => {
  it('reads the live catalog and history, and appends this build\'s diff with the commit of the entity\'s repo', async () => {
    answers = { 'api/catalog/entities.json': json(catalog), 'api/catalog/changes.json': json(old) };
    const previous = await readPreviousSite(site);
    expect(previous.diagnostics).toEqual([]);
    const next = [group('team-a'), group('team-b'), service('team-b')];
    const crawled = { name: 'orders', owner: 'acme', host: 'github.com', defaultBranch: 'main', commit: 'c0ffee', author: 'octocat', url: 'https://github.com/acme/orders' };
    const history = await recordHistory(modelOf(next, [crawled]), previous, { at: new Date('2026-12-01T09:00:00Z'), days: 180 });
    expect(history.entries.map((e) => [e.change, e.ref, e.commit, e.author, e.fields.map((f) => `${f.field} ${f.before} → ${f.after}`).join()])).toEqual([
      ['changed', 'component:default/orders', 'c0ffee', 'octocat', 'owner group:default/team-a → group:default/team-b'],
      ['added', 'group:default/team-b', 'c0ffee', 'octocat', ''],
      ['added', 'component:default/a', undefined, undefined, ''],
    ]);
    // A local folder's "commit" is a content hash: not shown as a commit.
    const local = await recordHistory(modelOf(next, [{ ...crawled, local: true }]), previous, { at: new Date('2026-12-01T09:00:00Z'), days: 180 });
    expect(local.entries[0]!.commit).toBeUndefined();
    expect(local.entries[0]!.author).toBeUndefined();
    // Bounded: a month later, with 20 days kept, the entry of November is gone.
    expect((await recordHistory(modelOf(), previous, { at: new Date('2026-12-01T09:00:00Z'), days: 20 })).entries.map((e) => e.ref)).not.toContain('component:default/a');
  });

  it('starts quietly on a first deploy, and when the site predates history', async () => {
    answers = {};
    const first = await readPreviousSite(site);
    expect(first).toMatchObject({ diagnostics: [], notes: [expect.stringContaining('history starts with the next deploy')] });
    expect(first.entities).toBeUndefined();
    expect((await recordHistory(modelOf(), first, { at: new Date(), days: 180 })).entries).toEqual([]);
    answers = { 'api/catalog/entities.json': json(catalog) };
    const before = await readPreviousSite(site);
    expect(before.diagnostics).toEqual([]);
    expect(before.notes).toEqual([expect.stringContaining('it starts with this build')]);
  });

  it('never cuts history short: a failed changes.json is replaced by the kept copy, a failed catalog adds nothing', async () => {
    const cacheFile = join(tmp, 'history', 'changes.json');
    answers = { 'api/catalog/entities.json': json(catalog), 'api/catalog/changes.json': { status: 503, body: 'busy' } };
    const lost = await readPreviousSite(site, { cacheFile });
    expect(lost.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'history-unreadable', repo: site.slice(0, -1), file: 'api/catalog/changes.json', message: expect.stringContaining('(HTTP 503) and no copy was kept') }),
    ]);
    keepHistoryCopy(cacheFile, old);
    const kept = await readPreviousSite(site, { cacheFile });
    expect(kept.history).toEqual(old);
    expect(kept.diagnostics[0]!.message).toContain('the copy kept by the last build is used instead');
    // Not JSON (a proxy's HTML page) counts as failed, not as "no history".
    answers['api/catalog/changes.json'] = { status: 200, body: '<html>' };
    expect((await readPreviousSite(site, { cacheFile })).history).toEqual(old);

    answers = { 'api/catalog/entities.json': { status: 500, body: '' }, 'api/catalog/changes.json': json(old) };
    const noCatalog = await readPreviousSite(site);
    expect(noCatalog.entities).toBeUndefined();
    expect(noCatalog.diagnostics).toEqual([expect.objectContaining({ file: 'api/catalog/entities.json', message: expect.stringContaining('adds nothing to the history') })]);
    expect((await recordHistory(modelOf(), noCatalog, { at: new Date('2026-11-02T00:00:00Z'), days: 180 })).entries).toEqual(old.entries);
  });

  it('warns with the reason when the site does not answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const down = await readPreviousSite(`http://127.0.0.1:${port}/portal/`);
    expect(down.diagnostics.map((d) => d.file)).toEqual(['api/catalog/entities.json', 'api/catalog/changes.json']);
    expect(down.diagnostics[0]!.message).toMatch(/ECONNREFUSED/);
  });

  it("reads a catalog in parts (the index and each part it names), and warns, adding nothing, when a part fails", async () => {
    const index = { version: 1, totalItems: 3, parts: ['entities/part-1.json', 'entities/part-2.json'] };
    answers = {
      'api/catalog/entities.json': json(index),
      'api/catalog/entities/part-1.json': json(catalog),
      'api/catalog/entities/part-2.json': json([group('team-b')]),
      'api/catalog/changes.json': json(old),
    };
    const parts = await readPreviousSite(site);
    expect(parts.diagnostics).toEqual([]);
    expect(parts.entities!.map((e) => e.metadata.name)).toEqual(['team-a', 'orders', 'team-b']);

    answers['api/catalog/entities/part-2.json'] = { status: 502, body: '' };
    const broken = await readPreviousSite(site);
    expect(broken.entities).toBeUndefined();
    expect(broken.diagnostics).toEqual([
      expect.objectContaining({ code: 'history-unreadable', file: 'api/catalog/entities.json', message: expect.stringContaining('(entities/part-2.json: HTTP 502), so this build adds nothing') }),
    ]);
    expect(broken.history).toEqual(old);

    // And from a folder: the parts beside the index.
    const dir = join(tmp, 'parts-site');
    keepHistoryCopy(join(dir, 'api/catalog/entities.json'), index as never);
    keepHistoryCopy(join(dir, 'api/catalog/entities/part-1.json'), catalog as never);
    keepHistoryCopy(join(dir, 'api/catalog/entities/part-2.json'), [group('team-b')] as never);
    expect((await readPreviousSite(dir)).entities).toHaveLength(3);
  });

  it('reads a built site from a folder too', async () => {
    keepHistoryCopy(join(tmp, 'site', 'api/catalog/changes.json'), old);
    keepHistoryCopy(join(tmp, 'site', 'api/catalog/entities.json'), catalog as never);
    const previous = await readPreviousSite(join(tmp, 'site'));
    expect(previous).toMatchObject({ history: old, diagnostics: [] });
    expect(previous.entities).toHaveLength(2);
  });
});
