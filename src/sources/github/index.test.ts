import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitBlobId } from './fetch.ts';
import { componentYaml } from '../../testing/entities.ts';
import { entityRefs, harness, serviceRepos, type EmulatorRepo, type Harness } from './testing.ts';
import { staleRepoDiagnostics } from '../../pipeline/stale.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('listing', () => {
  it('pages through the whole org and takes the root catalog files with the listing', async () => {
    h = await harness(serviceRepos(230));
    const snapshot = await h.open({}, { pageSize: 100 });
    expect(snapshot.repos).toHaveLength(230);
    const first = snapshot.repos[0]!;
    expect(first).toMatchObject({ name: 'svc-000', owner: 'acme', host: 'github.com', defaultBranch: 'main', url: 'https://github.com/acme/svc-000', visibility: 'public' });
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(h.emulator.stats()).toMatchObject({ requests: 3, graphql: 3, blobs: 230, invalid: 0 });

    const refs = await entityRefs(snapshot);
    expect(refs).toHaveLength(230);
    expect(refs[0]).toBe('component:default/svc-000');
    // Every root catalog file came with the listing: reading them cost nothing more.
    expect(h.emulator.stats().requests).toBe(3);
    expect(snapshot.summary()).toMatchObject({ seen: 230, matched: 230, changed: 230, stale: 0, requests: 3, points: 3 });
  });

  it('knows who made each head commit: a GitHub login, else the git author name (same listing request)', async () => {
    const repos: EmulatorRepo[] = [
      { owner: 'acme', name: 'by-login', files: { 'catalog-info.yaml': componentYaml('by-login') }, github: { commits: [{ login: 'octocat', name: 'Mona', date: '2026-11-30T10:00:00Z' }] } },
      { owner: 'acme', name: 'by-name', files: { 'catalog-info.yaml': componentYaml('by-name') }, github: { commits: [{ name: 'Ada Lovelace', date: '2026-11-30T10:00:00Z' }] } },
    ];
    h = await harness(repos);
    const snapshot = await h.open();
    expect(snapshot.repos.map((r) => [r.name, r.author])).toEqual([['by-login', 'octocat'], ['by-name', 'Ada Lovelace']]);
    expect(h.emulator.stats()).toMatchObject({ requests: 1, invalid: 0 });
  });

  it("applies Backstage's discovery filters", async () => {
    const repos: EmulatorRepo[] = [
      { owner: 'acme', name: 'svc-plain', files: { 'catalog-info.yaml': componentYaml('svc-plain') } },
      { owner: 'acme', name: 'svc-archived', files: { 'catalog-info.yaml': componentYaml('svc-archived') }, archived: true },
      { owner: 'acme', name: 'svc-fork', files: { 'catalog-info.yaml': componentYaml('svc-fork') }, fork: true },
      { owner: 'acme', name: 'svc-topic', files: { 'catalog-info.yaml': componentYaml('svc-topic') }, topics: ['backstage'] },
      { owner: 'acme', name: 'svc-deprecated', files: { 'catalog-info.yaml': componentYaml('svc-deprecated') }, topics: ['backstage', 'deprecated'] },
      { owner: 'acme', name: 'svc-private', files: { 'catalog-info.yaml': componentYaml('svc-private') }, visibility: 'private', topics: ['backstage'] },
      { owner: 'acme', name: 'lib-other', files: { 'catalog-info.yaml': componentYaml('lib-other') }, topics: ['backstage'] },
      { owner: 'acme', name: 'svc-empty', files: {}, empty: true },
    ];
    h = await harness(repos);
    const names = async (filters: Parameters<Harness['source']>[0]) => (await h!.open(filters)).repos.map((r) => r.name).sort();

    // Defaults: archived out, forks in, repos with no default branch out.
    expect(await names({})).toEqual(['lib-other', 'svc-deprecated', 'svc-fork', 'svc-plain', 'svc-private', 'svc-topic']);
    expect(await names({ filters: { allowForks: false, allowArchived: true } })).toEqual([
      'lib-other',
      'svc-archived',
      'svc-deprecated',
      'svc-plain',
      'svc-private',
      'svc-topic',
    ]);
    expect(await names({ filters: { allowForks: true, allowArchived: false, repository: 'svc-.*', topic: { include: ['backstage'], exclude: ['deprecated'] } } })).toEqual([
      'svc-private',
      'svc-topic',
    ]);
    // The config schema only lets lower case through; GitHub answers in upper case.
    expect(await names({ filters: { allowForks: true, allowArchived: false, visibility: ['private'] } })).toEqual(['svc-private']);
    expect(await names({ filters: { allowForks: true, allowArchived: false, visibility: ['private', 'internal'] } })).toEqual(['svc-private']);
    expect(await names({ filters: { allowForks: true, allowArchived: false, topic: { exclude: ['deprecated'] } } })).toEqual([
      'lib-other',
      'svc-fork',
      'svc-plain',
      'svc-private',
      'svc-topic',
    ]);
  });

  it('reads the branch named by filters.branch and skips repos without it', async () => {
    h = await harness([
      { owner: 'acme', name: 'a', files: { 'catalog-info.yaml': componentYaml('a-main') }, branches: { release: { 'catalog-info.yaml': componentYaml('a-release') } } },
      { owner: 'acme', name: 'b', files: { 'catalog-info.yaml': componentYaml('b-main') } },
    ]);
    const snapshot = await h.open({ filters: { allowForks: true, allowArchived: false, branch: 'release' } });
    expect(snapshot.repos.map((r) => [r.name, r.defaultBranch])).toEqual([['a', 'release']]);
    expect(await entityRefs(snapshot)).toEqual(['component:default/a-release']);
  });

  it('reads a glob catalogPath from the repo trees, listed in batches', async () => {
    h = await harness(serviceRepos(30, (i) => ({ files: { [`services/svc-${i}/catalog-info.yaml`]: componentYaml(`svc-${i}`), 'README.md': 'hi' } })));
    const snapshot = await h.open({ catalogPath: '**/catalog-info.yaml' });
    const before = h.emulator.stats().requests;
    const { readCatalog } = await import('../../catalog/index.ts');
    const { createValidator } = await import('../../catalog/validate/index.ts');
    const result = await readCatalog(snapshot, { catalogPath: () => '**/catalog-info.yaml', validate: createValidator() });
    expect(result.entities).toHaveLength(30);
    // 30 trees in 2 queries (25 per query), 30 files in 1.
    expect(h.emulator.stats().requests - before).toBe(3);
  });

  it('fails clearly for an unknown org and a missing token', async () => {
    h = await harness(serviceRepos(1));
    await expect(h.open({ orgs: ['nobody'] })).rejects.toThrow(/organization "nobody" was not found, or the token cannot see it/);
    await expect(h.open({ tokenEnv: 'BACKLOT_NO_SUCH_TOKEN_VAR' })).rejects.toThrow(/environment variable BACKLOT_NO_SUCH_TOKEN_VAR is not set/);
  });
});

describe('batched reads', () => {
  it('reads Location targets of many repos in one batched round', async () => {
    const location = (name: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}\nspec:\n  targets:\n    - ./api.yaml\n    - ./worker.yaml\n`;
    h = await harness(
      serviceRepos(150, (i) => ({
        files: { 'catalog-info.yaml': location(`loc-${i}`), 'api.yaml': componentYaml(`api-${i}`), 'worker.yaml': componentYaml(`worker-${i}`) },
      })),
    );
    const snapshot = await h.open();
    h.emulator.resetStats();
    const refs = await entityRefs(snapshot);
    expect(refs.filter((r) => r.startsWith('component:'))).toHaveLength(300);
    // 300 target files of 150 repos: 3 queries of 100, not 300 requests.
    expect(h.emulator.stats()).toMatchObject({ requests: 3, blobs: 300 });
  });

  it('lists many repos at once and follows deep folders', async () => {
    const deep = { 'catalog-info.yaml': componentYaml('x'), 'docs/index.md': '# Docs', 'docs/a/b/c/d/e/deep.md': '# Deep' };
    h = await harness(serviceRepos(60, () => ({ files: deep })));
    const snapshot = await h.open({ catalogPath: '/none.yaml' });
    h.emulator.resetStats();
    const lists = await Promise.all(snapshot.repos.map((r) => snapshot.list(r.name)));
    expect(lists[0]).toEqual(['catalog-info.yaml', 'docs/a/b/c/d/e/deep.md', 'docs/index.md']);
    expect(lists.every((l) => l.length === 3)).toBe(true);
    // 60 root trees in 3 queries, then the 60 folders below depth 4 in 2 follow-ups.
    expect(h.emulator.stats().requests).toBe(5);
    // A listed tree answers "missing" without asking.
    const [missing] = await snapshot.read([{ repo: 'svc-000', path: 'mkdocs.yml' }]);
    expect(missing!.kind).toBe('missing');
    expect(h.emulator.stats().requests).toBe(5);
  });

  it("keeps git's executable bit from the tree listing, and lists again a cached tree that has no modes", async () => {
    const files = { 'catalog-info.yaml': componentYaml('x'), 'gradlew': '#!/bin/sh\n', 'scripts/deep/a/b/run.sh': 'echo\n', 'README.md': '# x' };
    h = await harness(serviceRepos(2, () => ({ files, executables: ['gradlew', 'scripts/deep/a/b/run.sh'] })));
    let snapshot = await h.open({ catalogPath: '/none.yaml' });
    expect([...(await snapshot.executables('svc-000'))].sort()).toEqual(['gradlew', 'scripts/deep/a/b/run.sh']);
    expect((await snapshot.executables('svc-001')).size).toBe(2);
    expect(await snapshot.executables('nope')).toEqual(new Set());
    // The second crawl answers from the cache: no tree is listed again.
    h.emulator.resetStats();
    snapshot = await h.open({ catalogPath: '/none.yaml' });
    expect([...(await snapshot.executables('svc-001'))].sort()).toEqual(['gradlew', 'scripts/deep/a/b/run.sh']);
    expect(h.emulator.stats().trees).toBe(0);
    // A cache written before modes were kept (a tree without the marker) is listed again, once.
    const cacheFiles = readdirSync(join(h.config.cacheDir!, 'github'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.startsWith('svc-000'));
    expect(cacheFiles).toHaveLength(1);
    const file = join(cacheFiles[0]!.parentPath, cacheFiles[0]!.name);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    delete cached.state.modes;
    cached.state.tree = cached.state.tree.map(([p, oid, size]: [string, string, number]) => [p, oid, size]);
    writeFileSync(file, JSON.stringify(cached));
    h.emulator.resetStats();
    snapshot = await h.open({ catalogPath: '/none.yaml' });
    expect([...(await snapshot.executables('svc-000'))].sort()).toEqual(['gradlew', 'scripts/deep/a/b/run.sh']);
    expect(h.emulator.stats().trees).toBeGreaterThan(0);
  });

  it('skips binary and oversized files and reads truncated texts whole', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]);
    const big = 'x'.repeat(600 * 1024);
    const huge = 'y'.repeat(5 * 1024 * 1024 + 1);
    h = await harness([{ owner: 'acme', name: 'assets', files: { 'catalog-info.yaml': componentYaml('assets'), 'img.png': png, 'big.md': big, 'huge.md': huge } }]);
    const snapshot = await h.open();
    const [img, bigFile, hugeFile, none] = await snapshot.read([
      { repo: 'assets', path: 'img.png' },
      { repo: 'assets', path: 'big.md' },
      { repo: 'assets', path: 'huge.md' },
      { repo: 'assets', path: 'nope.md' },
    ]);
    expect(img).toMatchObject({ kind: 'skipped', reason: 'binary', size: png.byteLength });
    expect(bigFile).toMatchObject({ kind: 'text' });
    expect(bigFile!.kind === 'text' && bigFile!.text.length).toBe(big.length);
    expect(hugeFile).toMatchObject({ kind: 'skipped', reason: 'too-large', size: huge.length });
    expect(none!.kind).toBe('missing');
    expect(await snapshot.readBytes({ repo: 'assets', path: 'img.png' })).toEqual(png);
    expect(await snapshot.readBytes({ repo: 'assets', path: 'nope.png' })).toBeUndefined();

    // Next crawl: the bytes and texts come from the cache.
    h.emulator.resetStats();
    const again = await h.open();
    expect(await again.readBytes({ repo: 'assets', path: 'img.png' })).toEqual(png);
    const [bigAgain] = await again.read([{ repo: 'assets', path: 'big.md' }]);
    expect(bigAgain!.kind).toBe('text');
    expect(h.emulator.stats()).toMatchObject({ requests: 1, rest: 0, blobs: 0 });
  });
});

describe('raw bytes', () => {
  it('keeps only the bytes some repo still refers to when the crawl finishes', async () => {
    const before = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
    const after = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 3, 4]);
    const repos: EmulatorRepo[] = [{ owner: 'acme', name: 'assets', files: { 'catalog-info.yaml': componentYaml('assets'), 'img.png': before } }];
    h = await harness(repos);
    const bytesDir = join(h.cacheDir, '.backlot-cache', 'github', 'bytes');
    const first = await h.open();
    expect(await first.readBytes({ repo: 'assets', path: 'img.png' })).toEqual(before);
    first.finish();
    expect(readdirSync(bytesDir)).toEqual([gitBlobId(before)]);

    repos[0]!.files['img.png'] = after;
    h.emulator.setRepos(repos);
    const second = await h.open();
    expect(await second.readBytes({ repo: 'assets', path: 'img.png' })).toEqual(after);
    second.finish();
    expect(readdirSync(bytesDir)).toEqual([gitBlobId(after)]);
    // The kept bytes still serve the next crawl without a request.
    h.emulator.resetStats();
    const third = await h.open();
    expect(await third.readBytes({ repo: 'assets', path: 'img.png' })).toEqual(after);
    expect(h.emulator.stats()).toMatchObject({ rest: 0 });
  });
});

describe('incremental crawls', () => {
  async function crawl(snapshot: Awaited<ReturnType<Harness['open']>>) {
    const refs = await entityRefs(snapshot);
    await Promise.all(snapshot.repos.map((r) => snapshot.list(r.name)));
    const docs = await snapshot.read(snapshot.repos.map((r) => ({ repo: r.name, path: 'docs/index.md' })));
    return { refs, docs };
  }

  it('a second crawl of an unchanged org costs only the listing and fetches no files', async () => {
    h = await harness(serviceRepos(120, (i) => ({ files: { 'catalog-info.yaml': componentYaml(`svc-${i}`), 'docs/index.md': `# Docs ${i}` } })));
    const first = await crawl(await h.open());
    expect(first.refs).toHaveLength(120);
    h.emulator.resetStats();

    const snapshot = await h.open();
    const second = await crawl(snapshot);
    expect(second).toEqual(first);
    expect(h.emulator.stats()).toMatchObject({ requests: 2, blobs: 0, trees: 0 });
    expect(snapshot.summary()).toMatchObject({ changed: 0, files: 0, requests: 2 });
  });

  it('a repo whose head moved fetches only the files that changed', async () => {
    const repos = serviceRepos(10, (i) => ({ files: { 'catalog-info.yaml': componentYaml(`svc-${i}`), 'docs/index.md': `# Docs ${i}`, 'docs/other.md': 'same' } }));
    h = await harness(repos);
    await crawl(await h.open());
    repos[3]!.files['docs/index.md'] = '# Changed';
    h.emulator.setRepos(repos);
    h.emulator.resetStats();

    const snapshot = await h.open();
    const { docs } = await crawl(snapshot);
    expect(docs[3]).toMatchObject({ kind: 'text', text: '# Changed' });
    expect(snapshot.summary().changed).toBe(1);
    // Listing, the tree of the one changed repo, and its one changed file (the catalog file's blob id did not change).
    expect(h.emulator.stats()).toMatchObject({ requests: 3, blobs: 1 });
  });

  it('a deleted catalog file or a deleted repo takes its entities with it', async () => {
    const repos = serviceRepos(5);
    h = await harness(repos);
    expect(await entityRefs(await h.open())).toHaveLength(5);
    delete repos[1]!.files['catalog-info.yaml'];
    repos[1]!.files['README.md'] = 'moved away from Backlot';
    h.emulator.setRepos(repos.filter((r) => r.name !== 'svc-002'));

    const snapshot = await h.open();
    expect(await entityRefs(snapshot)).toEqual(['component:default/svc-000', 'component:default/svc-003', 'component:default/svc-004']);
    expect(snapshot.staleRepos()).toEqual([]);
  });
});

describe('failures keep the last good snapshot', () => {
  it('a crawl where a third of the repos fail keeps all their entities, marked stale', async () => {
    const repos = serviceRepos(30);
    h = await harness(repos);
    const before = await entityRefs(await h.open());
    expect(before).toHaveLength(30);

    const failing = repos.filter((_, i) => i % 3 === 0).map((r) => r.name);
    // Half of the failing repos also moved on: their new content cannot be read, so the old one stays.
    for (const r of repos.filter((_, i) => i % 6 === 0)) r.files['catalog-info.yaml'] = componentYaml(`${r.name}-renamed`);
    h.emulator.setRepos(repos);
    h.emulator.setFaults({ failRepos: failing });

    const snapshot = await h.open();
    expect(await entityRefs(snapshot)).toEqual(before);
    const stale = snapshot.staleRepos();
    expect(stale.map((r) => r.name).sort()).toEqual([...failing].sort());
    expect(stale[0]!.stale!.reason).toMatch(/Could not read git data/);
    expect(snapshot.repos.filter((r) => !r.stale)).toHaveLength(20);
    const warnings = staleRepoDiagnostics(snapshot.repos);
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toMatchObject({ severity: 'warning', code: 'stale-repo', file: 'catalog-info.yaml', repo: stale[0]!.name });

    // Once GitHub answers again, the moved repos show their new content.
    h.emulator.setFaults({});
    const healed = await h.open();
    expect(healed.staleRepos()).toEqual([]);
    expect(await entityRefs(healed)).toContain('component:default/svc-000-renamed');
  });

  it('isolates a repo that fails whole requests, without losing its neighbours', async () => {
    const repos = serviceRepos(8, (i) => ({ files: { 'catalog-info.yaml': componentYaml(`svc-${i}`), 'docs/index.md': `# ${i}` } }));
    h = await harness(repos);
    await h.open();
    h.emulator.setFaults({ failRepos: ['svc-005'], failMode: 'request' });
    const snapshot = await h.open({}, { client: { retries: 1, retryBaseMs: 1 } });
    // The page that holds svc-005 could only be listed without its blobs; every repo still lists.
    expect(snapshot.repos).toHaveLength(8);
    const docs = await snapshot.read(snapshot.repos.map((r) => ({ repo: r.name, path: 'docs/index.md' })));
    expect(docs.filter((d) => d.kind === 'text')).toHaveLength(8 - snapshot.staleRepos().length);
    expect(snapshot.staleRepos().map((r) => r.name)).toContain('svc-005');
    expect(await entityRefs(snapshot)).toHaveLength(8);
  });

  it('a listing that fails part-way keeps the repos it could not list, marked stale', async () => {
    h = await harness(serviceRepos(30));
    expect(await entityRefs(await h.open({}, { pageSize: 10 }))).toHaveLength(30);
    let calls = 0;
    const emulator = h.emulator;
    const snapshot = await h.open(
      {},
      {
        pageSize: 10,
        client: { retries: 1, retryBaseMs: 1 },
        fetch: (input, init) => {
          if (++calls === 2) emulator.setFaults({ serverErrors: 1000 });
          return fetch(input, init);
        },
      },
    );
    emulator.setFaults({});
    expect(snapshot.repos).toHaveLength(30);
    expect(snapshot.staleRepos()).toHaveLength(20);
    expect(snapshot.staleRepos()[0]!.stale!.reason).toMatch(/^listing failed: .*502/);
    expect(await entityRefs(snapshot)).toHaveLength(30);
    expect(h.logs.some((l) => /listing acme stopped early/.test(l))).toBe(true);
  });

  it('a first crawl that cannot list the org fails instead of building an empty portal', async () => {
    h = await harness(serviceRepos(3), { serverErrors: 1000 });
    await expect(h.open({}, { client: { retries: 1, retryBaseMs: 1 } })).rejects.toThrow(/could not list the repos of acme .*no earlier crawl/);
  });
});

describe('GitHub Enterprise Server', () => {
  it('crawls through an API base URL ending in /api', async () => {
    h = await harness(serviceRepos(3, (i) => ({ files: { 'catalog-info.yaml': componentYaml(`svc-${i}`), 'docs/logo.png': new Uint8Array([1, 0, 2]) } })));
    const urls: string[] = [];
    const snapshot = await h.open(
      { apiBaseUrl: `${h.emulator.url}/api`, host: 'ghes.example.com' },
      {
        fetch: (input, init) => {
          urls.push(String(input));
          return fetch(input, init);
        },
      },
    );
    expect(snapshot.repos[0]!.url).toBe('https://ghes.example.com/acme/svc-000');
    expect(await entityRefs(snapshot)).toHaveLength(3);
    expect(await snapshot.readBytes({ repo: 'svc-001', path: 'docs/logo.png' })).toEqual(new Uint8Array([1, 0, 2]));
    expect(urls[0]).toBe(`${h.emulator.url}/api/graphql`);
    expect(urls.at(-1)).toMatch(new RegExp(`^${h.emulator.url}/api/v3/repos/acme/svc-001/contents/docs%2Flogo.png\\?ref=[0-9a-f]{40}$`));
  });
});

describe('the token', () => {
  it('appears nowhere: not in logs, errors, the cache or the built output', async () => {
    const { runPipeline } = await import('../../pipeline/index.ts');
    const { writeCatalogApi } = await import('../../pipeline/writeApi.ts');
    const { readTree } = await import('./testing.ts');
    const { inspect } = await import('node:util');
    const repos = serviceRepos(12, (i) => ({ files: { 'catalog-info.yaml': componentYaml(`svc-${i}`), 'docs/index.md': '# hi', 'docs/img.png': new Uint8Array([0, 1]) } }));
    h = await harness(repos, { serverErrors: 2, secondaryRateLimits: 1, retryAfter: 0.01 });
    const { token } = h;

    const outputs: string[] = [];
    for (let run = 0; run < 2; run++) {
      const snapshot = await h.open({}, { pageSize: 5 });
      await Promise.all(snapshot.repos.map((r) => snapshot.list(r.name)));
      await snapshot.read(snapshot.repos.map((r) => ({ repo: r.name, path: 'docs/index.md' })));
      await snapshot.readBytes({ repo: 'svc-000', path: 'docs/img.png' });
      const result = await runPipeline(h.config, snapshot, { catalogPath: () => '/catalog-info.yaml' });
      await writeCatalogApi(result.model, h.config.site.outDir);
      outputs.push(JSON.stringify(result.model));
      snapshot.finish();
      h.emulator.setFaults({ failRepos: ['svc-003'], serverErrors: 1 });
    }
    // Errors: a refused token and a failing org listing.
    const refused = await h.open({}, { fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), authorization: 'token nope' } }) }).catch((e: unknown) => e);
    h.emulator.setFaults({ serverErrors: 1000 });
    const failed = await h.open({ orgs: ['acme', 'other'] }, { client: { retries: 0 } }).catch((e: unknown) => e);
    for (const err of [refused, failed]) {
      expect(err).toBeInstanceOf(Error);
      outputs.push(String((err as Error).message), inspect(err, { depth: 10 }));
    }

    expect(h.logs.length).toBeGreaterThan(3);
    expect(h.logs.some((l) => /retry/.test(l))).toBe(true);
    const files = await readTree(h.cacheDir);
    expect(files.some((f) => f.file.includes('.backlot-cache'))).toBe(true);
    expect(files.some((f) => f.file.includes('dist'))).toBe(true);
    for (const text of [...h.logs, ...outputs, ...files.map((f) => f.text)]) expect(text).not.toContain(token);
    // Nor its tail, in case something shortens it.
    for (const text of [...h.logs, ...outputs, ...files.map((f) => f.text)]) expect(text).not.toContain(token.slice(-16));
  });
});

describe('progress and summary', () => {
  it('logs plain progress lines and a closing summary when there is no terminal', async () => {
    h = await harness(serviceRepos(40));
    const snapshot = await h.open({}, { pageSize: 10 });
    await snapshot.read(snapshot.repos.map((r) => ({ repo: r.name, path: 'README.md' })));
    snapshot.finish();
    expect(h.logs).toContainEqual(expect.stringMatching(/^GitHub: repos of acme listed 40\/40 · 40 files fetched · 4 requests · 4 points$/));
    expect(h.logs).toContainEqual('GitHub: listed 40 repos of acme: 40 matched, 40 changed (4 requests, 4 points)');
    expect(h.logs.at(-1)).toMatch(/^GitHub acme: 40 repos seen, 40 matched, 40 changed; 80 files fetched in 5 requests, 5 points, \d+\.\d s; rate limit 4995\/5000 left until \d\d:\d\d UTC$/);
  });
});
