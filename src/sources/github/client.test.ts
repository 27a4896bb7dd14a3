import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../scripts/emulator/server.ts';
import { createGithubClient, GithubError, restBaseUrl, type GithubClientOptions } from './client.ts';
import { serviceRepos } from './testing.ts';

const TOKEN = 'ghp_clientTestToken0123456789abcdef';
const QUERY = 'query($org: String!) { rateLimit { cost remaining limit resetAt } organization(login: $org) { repositories(first: 10) { totalCount } } }';

let emulator: Emulator;
let logs: string[];
beforeEach(async () => {
  emulator = await startEmulator({ repos: serviceRepos(3), token: TOKEN });
  logs = [];
});
afterEach(() => emulator.close());

// A 30 s request timeout (the timeout test sets its own): at 2 s the emulator's first GraphQL answer on 2 busy
// cores was cut off and retried, and the first test counted 2 requests.
const client = (over: Partial<GithubClientOptions> = {}) =>
  createGithubClient({ apiBaseUrl: emulator.url, token: TOKEN, log: (l) => logs.push(l), retryBaseMs: 5, timeoutMs: 30_000, maxWaitMs: 5000, ...over });

describe('GitHub client', () => {
  it('authenticates with the token and counts requests and points', async () => {
    const c = client();
    const res = await c.graphql<{ organization: { repositories: { totalCount: number } } }>(QUERY, { org: 'acme' });
    expect(res.data?.organization.repositories.totalCount).toBe(3);
    expect(c.stats).toMatchObject({ requests: 1, retries: 0, points: 1 });
    expect(c.stats.rateLimit?.remaining).toBe(4999);
  });

  it('retries 5xx answers with backoff, then succeeds', async () => {
    emulator.setFaults({ serverErrors: 2 });
    const c = client();
    const res = await c.graphql<{ organization: unknown }>(QUERY, { org: 'acme' });
    expect(res.data?.organization).toBeTruthy();
    expect(c.stats).toMatchObject({ requests: 3, retries: 2 });
    expect(emulator.stats().faults).toBe(2);
    expect(logs[0]).toMatch(/502 .*retry 1 of 4/);
  });

  it('gives up after its retries with a clear error', async () => {
    emulator.setFaults({ serverErrors: 10 });
    const c = client({ retries: 2 });
    await expect(c.graphql(QUERY, { org: 'acme' })).rejects.toThrow(/GitHub GraphQL request failed: 502/);
    expect(c.stats.requests).toBe(3);
  });

  it('waits out a secondary rate limit for as long as retry-after says', async () => {
    emulator.setFaults({ secondaryRateLimits: 1, retryAfter: 0.3 });
    const c = client({ retryBaseMs: 1 });
    const t0 = performance.now();
    await c.graphql(QUERY, { org: 'acme' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(c.stats).toMatchObject({ requests: 2, retries: 1 });
    expect(logs[0]).toMatch(/403 You have exceeded a secondary rate limit.*retry 1/);
  });

  it('does not wait longer than maxWaitMs for a retry-after', async () => {
    emulator.setFaults({ secondaryRateLimits: 1, retryAfter: 60 });
    await expect(client({ maxWaitMs: 1000 }).graphql(QUERY, { org: 'acme' })).rejects.toThrow(/403 You have exceeded a secondary rate limit/);
  });

  it('retries a request that timed out', async () => {
    emulator.setFaults({ slow: { ms: 400, count: 1 } });
    const c = client({ timeoutMs: 150 });
    const res = await c.graphql<{ organization: unknown }>(QUERY, { org: 'acme' });
    expect(res.data?.organization).toBeTruthy();
    expect(c.stats.retries).toBe(1);
  });

  it('says when the primary rate limit runs out, and when it resets', async () => {
    emulator.setFaults({ rateLimit: 12 });
    const c = client();
    for (let i = 0; i < 11; i++) await c.graphql(QUERY, { org: 'acme' });
    expect(logs.some((l) => /GitHub rate limit low: 1 of 12 left, resets at \d{4}-/.test(l))).toBe(true);
    await c.graphql(QUERY, { org: 'acme' });
    await expect(c.graphql(QUERY, { org: 'acme' })).rejects.toThrow(/rate limit exhausted until \d{4}-.*in \d+ min/);
  });

  it('does not retry a refused token, and never repeats it', async () => {
    const wrong = 'ghp_wrongTokenShouldNotLeak987654321';
    const c = createGithubClient({ apiBaseUrl: emulator.url, token: wrong, retryBaseMs: 1 });
    const err = await c.graphql(QUERY, { org: 'acme' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as GithubError).message).toMatch(/refused the token \(401/);
    expect(c.stats.requests).toBe(1);
    const { inspect } = await import('node:util');
    expect(inspect(err, { depth: 10 })).not.toContain(wrong);
  });

  it('returns partial data with the field errors of a failing repo', async () => {
    emulator.setFaults({ failRepos: ['svc-001'] });
    const c = client();
    const res = await c.graphql<Record<string, unknown>>(
      'query { a: repository(owner: "acme", name: "svc-000") { object(expression: "HEAD:catalog-info.yaml") { oid } } b: repository(owner: "acme", name: "svc-001") { object(expression: "HEAD:catalog-info.yaml") { oid } } }',
      {},
    );
    expect(res.data?.a).toBeTruthy();
    expect(res.errors).toEqual([expect.objectContaining({ path: ['b', 'object'], type: 'SERVICE_UNAVAILABLE' })]);
  });

  it('talks to GitHub Enterprise Server under /api/graphql and /api/v3', async () => {
    const seen: string[] = [];
    const c = client({
      apiBaseUrl: `${emulator.url}/api`,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await c.graphql(QUERY, { org: 'acme' });
    const bytes = await c.raw('GET /repos/{owner}/{repo}/contents/{path}', { owner: 'acme', repo: 'svc-000', path: 'catalog-info.yaml', ref: 'HEAD' });
    expect(new TextDecoder().decode(bytes)).toMatch(/name: svc-000/);
    expect(seen).toEqual([`${emulator.url}/api/graphql`, `${emulator.url}/api/v3/repos/acme/svc-000/contents/catalog-info.yaml?ref=HEAD`]);
    expect(restBaseUrl('https://api.github.com')).toBe('https://api.github.com');
    expect(restBaseUrl('https://ghes.example.com/api/')).toBe('https://ghes.example.com/api/v3');
  });
});
