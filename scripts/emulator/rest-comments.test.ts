import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server.ts';

const TOKEN = 'comments-test-token';
let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ repos: [{ owner: 'acme', name: 'svc', files: { 'README.md': 'svc' } }], token: TOKEN, scaffold: { viewer: 'ci-bot' } });
});
afterEach(() => em.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${em.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });
const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) });

describe('issue comment routes', () => {
  it('creates, lists and updates comments by id, with GitHub’s fields', async () => {
    const created = await post('/repos/acme/svc/issues/3/comments', { body: 'first' });
    expect(created.status).toBe(201);
    const comment = (await created.json()) as any;
    expect(comment).toMatchObject({ body: 'first', user: { login: 'ci-bot' }, html_url: `https://github.com/acme/svc/issues/3#issuecomment-${comment.id}` });
    expect(comment.url).toBe(`${em.url}/repos/acme/svc/issues/comments/${comment.id}`);

    const patched = await call(`/repos/acme/svc/issues/comments/${comment.id}`, { method: 'PATCH', body: JSON.stringify({ body: 'second' }) });
    expect(patched.status).toBe(200);
    const listed = (await (await call('/repos/acme/svc/issues/3/comments')).json()) as any[];
    expect(listed.map((c) => [c.id, c.body])).toEqual([[comment.id, 'second']]);
    expect(em.issues.threads.get('acme/svc#3')!.comments.map((c) => c.body)).toEqual(['second']);
  });

  it('keeps ids unique across issues and repos, and refuses a comment of another repo', async () => {
    const a = (await (await post('/repos/acme/svc/issues/1/comments', { body: 'a' })).json()) as any;
    const b = (await (await post('/repos/acme/svc/issues/2/comments', { body: 'b' })).json()) as any;
    expect(a.id).not.toBe(b.id);
    expect((await call(`/repos/acme/other/issues/comments/${a.id}`, { method: 'PATCH', body: '{"body":"x"}' })).status).toBe(404);
    expect((await call('/repos/acme/svc/issues/comments/999', { method: 'PATCH', body: '{"body":"x"}' })).status).toBe(404);
    expect((await post('/repos/acme/svc/issues/1/comments', { text: 'no body' })).status).toBe(422);
    expect((await post('/repos/acme/svc/issues/1/comments', { body: 'x'.repeat(65_537) })).status).toBe(422);
  });

  it('pages the list with per_page and page, and a Link header to the next and last pages', async () => {
    for (let i = 1; i <= 5; i++) await post('/repos/acme/svc/issues/9/comments', { body: `c${i}` });
    const first = await call('/repos/acme/svc/issues/9/comments?per_page=2');
    expect(((await first.json()) as any[]).map((c) => c.body)).toEqual(['c1', 'c2']);
    expect(first.headers.get('link')).toBe(
      `<${em.url}/repos/acme/svc/issues/9/comments?per_page=2&page=2>; rel="next", <${em.url}/repos/acme/svc/issues/9/comments?per_page=2&page=3>; rel="last"`,
    );
    const last = await call('/repos/acme/svc/issues/9/comments?per_page=2&page=3');
    expect(((await last.json()) as any[]).map((c) => c.body)).toEqual(['c5']);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    // GitHub's default page is 30.
    expect(((await (await call('/repos/acme/svc/issues/9/comments')).json()) as any[]).length).toBe(5);
  });

  it('adds and lists an issue’s labels, without duplicates', async () => {
    expect(await (await call('/repos/acme/svc/issues/4/labels')).json()).toEqual([]);
    expect((await post('/repos/acme/svc/issues/4/labels', { labels: ['catalog-breaking-ok', 'docs'] })).status).toBe(200);
    await post('/repos/acme/svc/issues/4/labels', ['Docs']);
    const labels = (await (await call('/repos/acme/svc/issues/4/labels')).json()) as any[];
    expect(labels.map((l) => l.name)).toEqual(['catalog-breaking-ok', 'docs']);
    expect((await post('/repos/acme/svc/issues/4/labels', { labels: 'docs' })).status).toBe(422);
  });

  it('answers 404 for a repo that does not exist, and 401 without the token', async () => {
    expect((await post('/repos/acme/nope/issues/1/comments', { body: 'x' })).status).toBe(404);
    expect((await fetch(`${em.url}/repos/acme/svc/issues/1/comments`)).status).toBe(401);
  });
});
