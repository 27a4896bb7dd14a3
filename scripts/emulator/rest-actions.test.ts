import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateRun } from './rest-actions.ts';
import { buildRepo } from './repos.ts';
import { startEmulator, type Emulator } from './server.ts';

const TOKEN = 'actions-test-token';
const PORTAL = { owner: 'acme', name: 'portal', files: { 'README.md': 'portal' } };
// A dispatched run's head_sha: the branch's commit, on which its check runs are.
const HEAD = buildRepo(PORTAL).heads.get('main')!.oid;
let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ repos: [PORTAL], token: TOKEN, scaffold: { viewer: 'ada' } });
});
afterEach(() => em.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${em.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });

describe('Actions routes', () => {
  it('answers a dispatch with the run when asked (return_run_details), else 204', async () => {
    const detailed = await call('/repos/acme/portal/actions/workflows/scaffold.yml/dispatches', {
      method: 'POST',
      body: JSON.stringify({ ref: 'main', inputs: { template: 't' }, return_run_details: true }),
    });
    expect(detailed.status).toBe(200);
    expect(await detailed.json()).toEqual({
      workflow_run_id: 1,
      run_url: `${em.url}/repos/acme/portal/actions/runs/1`,
      html_url: 'https://github.com/acme/portal/actions/runs/1',
    });
    const plain = await call('/repos/acme/portal/actions/workflows/scaffold.yml/dispatches', { method: 'POST', body: JSON.stringify({ ref: 'main' }) });
    expect(plain.status).toBe(204);
    const listed = (await (await call('/repos/acme/portal/actions/workflows/scaffold.yml/runs?event=workflow_dispatch&branch=main')).json()) as any;
    expect(listed.workflow_runs.map((r: any) => [r.id, r.actor.login, r.status])).toEqual([
      [2, 'ada', 'queued'],
      [1, 'ada', 'queued'],
    ]);
    expect(listed.workflow_runs[0]).not.toHaveProperty('notices');
    expect((await (await call('/repos/acme/portal/actions/workflows/other.yml/runs')).json()) as any).toMatchObject({ total_count: 0 });
  });

  it('serves a run, its job and the job’s notice annotations as a test moves it along', async () => {
    await call('/repos/acme/portal/actions/workflows/scaffold.yml/dispatches', { method: 'POST', body: JSON.stringify({ ref: 'main', return_run_details: true }) });
    const run = em.runs().get('acme/portal')![0]!;
    updateRun(run, { status: 'completed', notices: [{ title: 'Repository', message: 'https://github.com/acme/new' }] });
    expect((await (await call('/repos/acme/portal/actions/runs/1')).json()) as any).toMatchObject({ id: 1, status: 'completed', conclusion: 'success', head_sha: HEAD });
    const jobs = (await (await call('/repos/acme/portal/actions/runs/1/jobs')).json()) as any;
    expect(jobs.jobs[0].check_run_url).toBe(`${em.url}/repos/acme/portal/check-runs/101`);
    const annotations = await (await call('/repos/acme/portal/check-runs/101/annotations')).json();
    expect(annotations).toEqual([
      { path: '.github', start_line: 1, end_line: 1, annotation_level: 'notice', title: 'Repository', message: 'https://github.com/acme/new', raw_details: null },
    ]);
    expect((await call('/repos/acme/portal/actions/runs/9')).status).toBe(404);
  });

  it('answers CORS preflights without a token, and allows any origin on answers', async () => {
    const pre = await fetch(`${em.url}/repos/acme/portal/actions/runs/1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    const denied = await fetch(`${em.url}/repos/acme/portal`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
    expect(em.stats().requests).toBe(1);
  });
});
