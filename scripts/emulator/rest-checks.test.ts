import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubApi, statusOf, type GithubApi } from '../../src/scaffold/github.ts';
import { buildRepo, type EmulatorRepo } from './repos.ts';
import { startEmulator, type Emulator } from './server.ts';

const TOKEN = 'checks-test-token';
const PORTAL: EmulatorRepo = { owner: 'acme', name: 'portal', files: { 'README.md': 'portal' } };
// The default branch's commit, as Actions gives it to a run in GITHUB_SHA.
const SHA = buildRepo(PORTAL).heads.get('main')!.oid;

let em: Emulator;
let gh: GithubApi;
beforeEach(async () => {
  em = await startEmulator({ repos: [PORTAL], token: TOKEN });
  gh = createGithubApi({ token: TOKEN, baseUrl: em.url, throttle: false });
});
afterEach(() => em.close());

const repo = { owner: 'acme', repo: 'portal' };
const create = (body: Record<string, unknown>) => gh.request<any>('POST /repos/{owner}/{repo}/check-runs', { ...repo, ...body });
const update = (id: number, body: Record<string, unknown>) => gh.request<any>('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: id, ...body });
const get = (id: number) => gh.request<any>('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: id });
const list = (ref: string, query: Record<string, unknown> = {}) => gh.request<any>('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repo, ref, ...query });
const statusOfFailure = (p: Promise<unknown>) => p.then(() => 0, (err) => statusOf(err));

describe('check-runs routes', () => {
  it('creates a check run on a commit, updates its output, completes it and lists it', async () => {
    const created = await create({ name: 'Scaffold', head_sha: SHA, status: 'in_progress', external_id: '42', details_url: 'https://github.com/acme/portal/actions/runs/42', output: { title: 'Starting', summary: 'no steps yet' } });
    expect(created.status).toBe(201);
    const id = created.data.id as number;
    expect(created.data).toMatchObject({ name: 'Scaffold', head_sha: SHA, status: 'in_progress', conclusion: null, external_id: '42', output: { title: 'Starting', summary: 'no steps yet', text: null } });
    expect(created.data.url).toBe(`${em.url}/repos/acme/portal/check-runs/${id}`);
    expect(created.data.html_url).toBe(`https://github.com/acme/portal/runs/${id}`);

    await update(id, { output: { title: 'Step 1 of 2', summary: 'one', text: 'log 1' } });
    // A conclusion completes the run, as on GitHub; output left out stays.
    const done = await update(id, { conclusion: 'failure' });
    expect(done.data).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Step 1 of 2', summary: 'one', text: 'log 1' } });
    expect(done.data.completed_at).toEqual(expect.any(String));
    expect((await get(id)).data).toMatchObject({ id, status: 'completed' });
    expect(em.checkRuns()[0]!.updates).toBe(2);

    // Listed by branch or sha; `latest` (the default) keeps the newest of each name, `all` every one.
    const second = await create({ name: 'Scaffold', head_sha: SHA, external_id: '43' });
    await create({ name: 'Other', head_sha: SHA });
    expect((await list('main')).data.check_runs.map((r: any) => r.external_id)).toEqual(['', '43']);
    const all = await list(SHA, { check_name: 'Scaffold', filter: 'all' });
    expect(all.data.total_count).toBe(2);
    expect(all.data.check_runs.map((r: any) => r.id)).toEqual([second.data.id, id]);
    expect((await list(SHA, { status: 'completed', filter: 'all' })).data.check_runs.map((r: any) => r.id)).toEqual([id]);
  });

  it('refuses what GitHub refuses', async () => {
    expect(await statusOfFailure(create({ name: 'Scaffold', head_sha: 'f'.repeat(40) }))).toBe(422);
    expect(await statusOfFailure(create({ head_sha: SHA }))).toBe(422);
    expect(await statusOfFailure(create({ name: 'Scaffold', head_sha: SHA, status: 'completed' }))).toBe(422);
    expect(await statusOfFailure(create({ name: 'Scaffold', head_sha: SHA, output: { title: 'no summary' } }))).toBe(422);
    const id = (await create({ name: 'Scaffold', head_sha: SHA, status: 'in_progress' })).data.id as number;
    // Each of summary and text holds at most 65,535 characters; a refused update changes nothing.
    expect(await statusOfFailure(update(id, { status: 'completed', conclusion: 'success', output: { title: 't', summary: 's', text: 'x'.repeat(65_536) } }))).toBe(422);
    expect((await get(id)).data).toMatchObject({ status: 'in_progress', output: { title: null } });
    expect(await statusOfFailure(update(id, { output: { title: 't', summary: 's', text: 'x'.repeat(65_535) } }))).toBe(0);
    expect(await statusOfFailure(update(id, { conclusion: 'fine' }))).toBe(422);
    expect(await statusOfFailure(get(id + 1000))).toBe(404);
    expect(await statusOfFailure(list('no-such-branch'))).toBe(422);
  });
});
