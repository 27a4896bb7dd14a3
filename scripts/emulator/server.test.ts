import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reposFromFolder, type EmulatorRepo } from './repos.ts';
import { startEmulator, type Emulator } from './server.ts';

const TOKEN = 'emulator-test-token';
const repos: EmulatorRepo[] = [
  { owner: 'acme', name: 'alpha', files: { 'catalog-info.yaml': 'kind: Component\n', 'docs/index.md': '# Alpha\n', 'img.bin': new Uint8Array([0, 1, 2]) }, topics: ['backstage'] },
  { owner: 'acme', name: 'beta', files: { 'README.md': 'beta' }, archived: true, visibility: 'private' },
  { owner: 'acme', name: 'gamma', files: { 'README.md': 'gamma' }, fork: true },
];

let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ repos, token: TOKEN });
});
afterEach(() => em.close());

async function gql(query: string, variables: Record<string, unknown> = {}, path = '/graphql') {
  const res = await fetch(`${em.url}${path}`, {
    method: 'POST',
    headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[] } };
}

describe('GraphQL against GitHub’s schema', () => {
  it('requires a token, and the right one', async () => {
    const none = await fetch(`${em.url}/graphql`, { method: 'POST', body: '{"query":"{ viewer { login } }"}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: 'Requires authentication' });
    const wrong = await fetch(`${em.url}/graphql`, { method: 'POST', headers: { authorization: 'token other' }, body: '{"query":"{ viewer { login } }"}' });
    expect(wrong.status).toBe(401);
    expect(em.stats().unauthorized).toBe(2);
  });

  it('rejects a query that is invalid against the schema, in GitHub’s error shape', async () => {
    const { status, body } = await gql('{ organization(login: "acme") { nope } }');
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringContaining('Cannot query field "nope" on type "Organization"'), locations: [{ line: 1, column: 33 }] }]);
    expect(em.stats().invalid).toBe(1);
  });

  it('enforces GitHub’s pagination rules', async () => {
    const missing = await gql('{ organization(login: "acme") { repositories { totalCount } } }');
    expect(missing.body.errors![0]).toMatchObject({ type: 'MISSING_PAGINATION_BOUNDARIES' });
    const tooMany = await gql('{ organization(login: "acme") { repositories(first: 101) { totalCount } } }');
    expect(tooMany.body.errors![0]).toMatchObject({ type: 'EXCESSIVE_PAGINATION', message: expect.stringContaining('exceeds the `first` limit of 100') });
    const huge = await gql('{ organization(login: "acme") { repositories(first: 100) { nodes { issues(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }');
    expect(huge.body.errors![0]).toMatchObject({ type: 'MAX_NODE_LIMIT_EXCEEDED' });
  });

  it('charges GitHub’s cost: connection requests over 100, at least 1', async () => {
    const q = '{ rateLimit { cost remaining nodeCount } organization(login: "acme") { repositories(first: 50) { nodes { issues(first: 50) { nodes { comments(first: 10) { totalCount } } } } } } }';
    const { body, headers } = await gql(q);
    // 1 + 50 + 2,500 requests → 26 points; 50 + 2,500 + 25,000 nodes.
    expect(body.data.rateLimit).toEqual({ cost: 26, remaining: 5000 - 26, nodeCount: 27_550 });
    expect(headers.get('x-ratelimit-remaining')).toBe(String(5000 - 26));
    const aliases = Array.from({ length: 200 }, (_, i) => `f${i}: object(expression: "HEAD:catalog-info.yaml") { oid }`).join(' ');
    const cheap = await gql(`{ rateLimit { cost } repository(owner: "acme", name: "alpha") { ${aliases} } }`);
    expect(cheap.body.data.rateLimit.cost).toBe(1);
    expect(em.stats()).toMatchObject({ points: 27, maxCost: 26, maxNodes: 27_550 });
  });

  it('pages through an org’s repositories with cursors and server-side filters', async () => {
    const q = 'query($after: String, $isArchived: Boolean) { organization(login: "acme") { repositories(first: 2, after: $after, isArchived: $isArchived) { totalCount pageInfo { hasNextPage endCursor } nodes { name isArchived isFork visibility repositoryTopics(first: 5) { nodes { topic { name } } } } } } }';
    const p1 = (await gql(q)).body.data.organization.repositories;
    expect(p1.nodes.map((n: { name: string }) => n.name)).toEqual(['alpha', 'beta']);
    expect(p1.nodes[0].repositoryTopics.nodes).toEqual([{ topic: { name: 'backstage' } }]);
    expect(p1.nodes[1]).toMatchObject({ isArchived: true, visibility: 'PRIVATE' });
    const p2 = (await gql(q, { after: p1.pageInfo.endCursor })).body.data.organization.repositories;
    expect(p2).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ name: 'gamma', isFork: true }] });
    const live = (await gql(q, { isArchived: false })).body.data.organization.repositories;
    expect(live.nodes.map((n: { name: string }) => n.name)).toEqual(['alpha', 'gamma']);
  });

  it('resolves object expressions to blobs and trees with real git ids', async () => {
    const q = `{ repository(owner: "acme", name: "alpha") {
      defaultBranchRef { name target { oid } }
      blob: object(expression: "HEAD:catalog-info.yaml") { ... on Blob { oid text byteSize isBinary } }
      bin: object(expression: "main:img.bin") { ... on Blob { text isBinary } }
      tree: object(expression: "HEAD:docs") { ... on Tree { entries { path type size } } }
      none: object(expression: "HEAD:missing.yaml") { oid } } }`;
    const { body } = await gql(q);
    const repo = body.data.repository;
    expect(repo.defaultBranchRef.name).toBe('main');
    // `printf 'kind: Component\n' | git hash-object --stdin`
    expect(repo.blob).toEqual({ oid: '8524aaf14a12f0fb7346501e6d6ac86270ba0ab5', text: 'kind: Component\n', byteSize: 16, isBinary: false });
    expect(repo.bin).toEqual({ text: null, isBinary: true });
    expect(repo.tree.entries).toEqual([{ path: 'docs/index.md', type: 'blob', size: 8 }]);
    expect(repo.none).toBeNull();
    const byCommit = await gql(`{ repository(owner: "acme", name: "alpha") { object(expression: "${repo.defaultBranchRef.target.oid}:docs/index.md") { ... on Blob { text } } } }`);
    expect(byCommit.body.data.repository.object.text).toBe('# Alpha\n');
  });

  it('answers unknown orgs and repos with GitHub’s NOT_FOUND', async () => {
    const { body } = await gql('{ organization(login: "nobody") { login } }');
    expect(body.data).toEqual({ organization: null });
    expect(body.errors![0]).toMatchObject({ type: 'NOT_FOUND', path: ['organization'] });
  });
});

describe('faults', () => {
  it('answers N requests with 5xx, then recovers', async () => {
    em.setFaults({ serverErrors: 2 });
    expect((await gql('{ viewer { login } }')).status).toBe(502);
    expect((await gql('{ viewer { login } }')).status).toBe(502);
    expect((await gql('{ viewer { login } }')).body.data).toEqual({ viewer: { login: 'emulator' } });
    expect(em.stats()).toMatchObject({ requests: 3, faults: 2 });
  });

  it('answers a secondary rate limit with retry-after', async () => {
    em.setFaults({ secondaryRateLimits: 1, retryAfter: 7 });
    const { status, headers, body } = await gql('{ viewer { login } }');
    expect(status).toBe(403);
    expect(headers.get('retry-after')).toBe('7');
    expect(body).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
  });

  it('slows answers down', async () => {
    em.setFaults({ slow: { ms: 150, count: 1 } });
    const t0 = performance.now();
    await gql('{ viewer { login } }');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    const t1 = performance.now();
    await gql('{ viewer { login } }');
    expect(performance.now() - t1).toBeLessThan(140);
  });

  it('fails a named repo every time: field errors with partial data, or whole requests', async () => {
    em.setFaults({ failRepos: ['acme/alpha'] });
    const q = '{ a: repository(owner: "acme", name: "alpha") { name object(expression: "HEAD:") { oid } } g: repository(owner: "acme", name: "gamma") { object(expression: "HEAD:README.md") { ... on Blob { text } } } }';
    for (let i = 0; i < 2; i++) {
      const { status, body } = await gql(q);
      expect(status).toBe(200);
      expect(body.data).toEqual({ a: { name: 'alpha', object: null }, g: { object: { text: 'gamma' } } });
      expect(body.errors).toEqual([expect.objectContaining({ path: ['a', 'object'], type: 'SERVICE_UNAVAILABLE' })]);
    }
    em.setFaults({ failRepos: ['alpha'], failMode: 'request' });
    expect((await gql(q)).status).toBe(502);
    const rest = await fetch(`${em.url}/repos/acme/alpha/contents/README.md`, { headers: { authorization: `token ${TOKEN}` } });
    expect(rest.status).toBe(502);
  });

  it('answers like GitHub under load: null nodes with errors pointing at them, in the listing and in batches', async () => {
    em.setFaults({ partial: { repos: ['beta'], times: 1 } });
    const list = '{ organization(login: "acme") { repositories(first: 10) { nodes { name defaultBranchRef { name } } } } }';
    const first = await gql(list);
    expect(first.status).toBe(200);
    expect(first.body.data.organization.repositories.nodes.map((n: { name: string } | null) => n?.name ?? null)).toEqual(['alpha', null, 'gamma']);
    expect(first.body.errors).toEqual([expect.objectContaining({ path: ['organization', 'repositories', 'nodes', 1], message: expect.stringMatching(/Something went wrong/) })]);
    // A page asked for names only is answered, and `times: 1` lets the repo through next time.
    expect((await gql('{ organization(login: "acme") { repositories(first: 10) { nodes { name } } } }')).body.errors).toBeUndefined();
    expect((await gql(list)).body.errors).toBeUndefined();

    const batch = '{ r0: repository(owner: "acme", name: "alpha") { name } r1: repository(owner: "acme", name: "beta") { name } }';
    const failed = await gql(batch);
    expect(failed.body.data).toEqual({ r0: { name: 'alpha' }, r1: null });
    expect(failed.body.errors).toEqual([expect.objectContaining({ path: ['r1'] })]);
    expect((await gql(batch)).body.data).toEqual({ r0: { name: 'alpha' }, r1: { name: 'beta' } });

    // A fraction picks the same repos every time, and `in` limits where they fail.
    em.setFaults({ partial: { fraction: 0.6, in: ['batch'] } });
    expect((await gql(list)).body.errors).toBeUndefined();
    const all = '{ r0: repository(owner: "acme", name: "alpha") { name } r1: repository(owner: "acme", name: "beta") { name } r2: repository(owner: "acme", name: "gamma") { name } }';
    for (let i = 0; i < 2; i++) expect((await gql(all)).body.data).toEqual({ r0: null, r1: null, r2: { name: 'gamma' } });
    expect(em.stats().partial).toBe(1 + 1 + 2 * 2);
  });

  it('sets faults and reports stats over HTTP', async () => {
    await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverErrors: 1 }) });
    expect((await gql('{ viewer { login } }')).status).toBe(502);
    const stats = await (await fetch(`${em.url}/_emulator/stats`)).json();
    expect(stats).toMatchObject({ requests: 1, graphql: 1, faults: 1 });
  });

  it('runs out of GraphQL points like GitHub does', async () => {
    em.setFaults({ rateLimit: 1 });
    expect((await gql('{ viewer { login } }')).body.data).toBeTruthy();
    const { body, headers } = await gql('{ viewer { login } }');
    expect(body.errors![0]).toMatchObject({ type: 'RATE_LIMITED' });
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('REST', () => {
  const get = (path: string, accept = 'application/vnd.github+json') => fetch(`${em.url}${path}`, { headers: { authorization: `token ${TOKEN}`, accept } });

  it('lists a recursive git tree', async () => {
    const body = await (await get('/repos/acme/alpha/git/trees/main?recursive=1')).json();
    expect(body.truncated).toBe(false);
    expect(body.tree.map((t: { path: string; type: string }) => `${t.type} ${t.path}`)).toEqual(['blob catalog-info.yaml', 'tree docs', 'blob docs/index.md', 'blob img.bin']);
  });

  it('serves contents as JSON, raw, and under GHES’s /api/v3', async () => {
    const json = await (await get('/repos/acme/alpha/contents/docs/index.md')).json();
    expect(Buffer.from(json.content, 'base64').toString()).toBe('# Alpha\n');
    const raw = await get('/api/v3/repos/acme/alpha/contents/img.bin?ref=main', 'application/vnd.github.raw');
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2]));
    expect((await get('/repos/acme/alpha/contents/nope')).status).toBe(404);
    const ghes = await gql('{ viewer { login } }', {}, '/api/graphql');
    expect(ghes.body.data.viewer.login).toBe('emulator');
  });

  it('records workflow dispatches as runs', async () => {
    const post = await fetch(`${em.url}/repos/acme/alpha/actions/workflows/build.yml/dispatches`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}` },
      body: JSON.stringify({ ref: 'main', inputs: { reason: 'test' } }),
    });
    expect(post.status).toBe(204);
    const runs = await (await get('/repos/acme/alpha/actions/runs')).json();
    expect(runs).toMatchObject({ total_count: 1, workflow_runs: [{ workflow_id: 'build.yml', head_branch: 'main', event: 'workflow_dispatch', inputs: { reason: 'test' } }] });
  });
});

describe('reposFromFolder', () => {
  it('serves each sub-folder as a repo of the org', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-folder-'));
    try {
      await mkdir(join(dir, 'one', 'docs'), { recursive: true });
      await mkdir(join(dir, 'two'));
      await writeFile(join(dir, 'one', 'catalog-info.yaml'), 'kind: Component\n');
      await writeFile(join(dir, 'one', 'docs', 'index.md'), '# One');
      await writeFile(join(dir, 'two', 'README.md'), 'two');
      const found = await reposFromFolder(dir, 'kestrel');
      expect(found.map((r) => [r.owner, r.name, Object.keys(r.files).sort()])).toEqual([
        ['kestrel', 'one', ['catalog-info.yaml', 'docs/index.md']],
        ['kestrel', 'two', ['README.md']],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
