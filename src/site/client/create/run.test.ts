import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, updateRun, type Emulator } from '../../../../scripts/github-emulator.ts';
import { createGithubApi } from '../../../scaffold/github.ts';
import { createRunLog } from '../../../scaffold/runLog.ts';
import { GithubApiError, dispatchScaffold, findDispatchedRun, findRunLog, followRun, getRun, getRunLog, linksFromAnnotations, pickDispatchedRun, runLinks, type RunClient } from './run.ts';

const TOKEN = 'github_pat_run_test';
let em: Emulator;
let client: RunClient;
beforeAll(async () => {
  em = await startEmulator({ repos: [{ owner: 'acme', name: 'portal', files: { 'README.md': 'x' }, defaultBranch: 'trunk' }], token: TOKEN, scaffold: { viewer: 'ada' } });
  client = { api: em.url, repo: 'acme/portal', token: TOKEN };
});
afterAll(() => em.close());

const lastRun = () => em.runs().get('acme/portal')![0]!;

describe('dispatching the scaffold workflow', () => {
  it('dispatches on the default branch with the template and the values as a JSON string, and gets the run id', async () => {
    const values = { name: 'pickup', port: 8080 };
    const dispatched = await dispatchScaffold(client, 'template:default/node-service', values);
    expect(dispatched).toMatchObject({ ref: 'trunk', runId: lastRun().id, htmlUrl: `https://github.com/acme/portal/actions/runs/${lastRun().id}` });
    expect(lastRun()).toMatchObject({ workflow_id: 'scaffold.yml', head_branch: 'trunk', inputs: { template: 'template:default/node-service', values: JSON.stringify(values) } });
  });

  it('follows the run to the end and reads its output links from the notice annotations', async () => {
    const { runId } = await dispatchScaffold(client, 'template:default/x', {});
    const seen: string[] = [];
    const followed = followRun(client, runId!, { interval: 20, maxInterval: 40, onUpdate: (r) => seen.push(r.status) });
    await new Promise((ok) => setTimeout(ok, 60));
    updateRun(lastRun(), { status: 'in_progress' });
    await new Promise((ok) => setTimeout(ok, 100));
    updateRun(lastRun(), {
      status: 'completed',
      notices: [
        { title: 'Repository', message: 'https://github.com/acme/pickup' },
        { title: 'Open in catalog', message: 'component:default/pickup' },
      ],
    });
    const end = await followed;
    expect(end).toMatchObject({ id: runId, status: 'completed', conclusion: 'success' });
    expect(seen[0]).toBe('queued');
    expect(seen).toContain('in_progress');
    expect(await runLinks(client, runId!)).toEqual([
      { title: 'Repository', url: 'https://github.com/acme/pickup' },
      { title: 'Open in catalog', entityRef: 'component:default/pickup' },
    ]);
  });

  it('finds the run by listing when GitHub answers the dispatch with 204 and no id', async () => {
    // An older GitHub: the dispatch ignores return_run_details.
    const oldGithub: typeof fetch = (input, init) => {
      if (init?.method === 'POST' && typeof init.body === 'string') {
        const { return_run_details: _ignored, ...body } = JSON.parse(init.body) as Record<string, unknown>;
        return fetch(input, { ...init, body: JSON.stringify(body) });
      }
      return fetch(input, init);
    };
    const dispatched = await dispatchScaffold({ ...client, fetch: oldGithub }, 'template:default/x', {});
    expect(dispatched.runId).toBeUndefined();
    const found = await findDispatchedRun(client, dispatched, { wait: async () => {} });
    expect(found).toMatchObject({ id: lastRun().id, status: 'queued' });
  });

  it('explains GitHub’s refusals', async () => {
    await expect(getRun({ ...client, token: 'wrong' }, 1)).rejects.toThrow(/did not accept the token/);
    const err = await getRun({ ...client, repo: 'acme/other' }, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubApiError);
    expect((err as GithubApiError).status).toBe(404);
    expect((err as Error).message).toMatch(/cannot run workflows in acme\/other .*Actions: Read and write/);
  });
});

describe('the run’s live step log', () => {
  /** What the scaffold workflow does: a check run on the run's commit, named by the run's id. */
  async function workflowLog(runId: number, headSha: string) {
    const log = createRunLog({
      gh: createGithubApi({ token: TOKEN, baseUrl: em.url, throttle: false }),
      owner: 'acme',
      repo: 'portal',
      headSha,
      template: 'template:default/x',
      externalId: String(runId),
      redact: (s) => s,
      minInterval: 0,
    });
    await log.start();
    return log;
  }

  it('is found on the run’s commit by the run’s id, among other runs’ logs, and read back', async () => {
    const first = await dispatchScaffold(client, 'template:default/x', {});
    const second = await dispatchScaffold(client, 'template:default/x', {});
    const run = await getRun(client, second.runId!);
    expect(run.headSha).toMatch(/^[0-9a-f]{40}$/);
    expect(await findRunLog(client, run)).toBeUndefined();

    await workflowLog(first.runId!, run.headSha!);
    const log = await workflowLog(second.runId!, run.headSha!);
    log.step({ type: 'plan', steps: [{ id: 'a', name: 'Fetch', action: 'fetch:template' }, { id: 'b', name: 'Publish', action: 'publish:github' }] });
    log.step({ type: 'start', id: 'a' });
    log.line('[a]   wrote 3 files');
    log.step({ type: 'end', id: 'a', status: 'done', ms: 1234 });
    await log.fail('step "b" (publish:github) failed: repo exists', 'b');

    const id = await findRunLog(client, run);
    expect(id).toBe(em.checkRuns().find((c) => c.external_id === String(second.runId))!.id);
    const read = await getRunLog(client, id!);
    expect(read).toMatchObject({ status: 'completed', conclusion: 'failure', htmlUrl: `https://github.com/acme/portal/runs/${id}` });
    expect(read.log).toMatchObject({
      state: 'failed',
      error: 'step "b" (publish:github) failed: repo exists',
      failedStep: 'b',
      steps: [
        { id: 'a', status: 'done', ms: 1234, lines: ['wrote 3 files'] },
        { id: 'b', status: 'failed', lines: [] },
      ],
    });
  });
});

describe('pickDispatchedRun', () => {
  const at = new Date('2026-05-01T10:00:00Z');
  const run = (id: number, created: string, extra: Record<string, unknown> = {}) => ({ id, created_at: created, event: 'workflow_dispatch', head_branch: 'main', actor: { login: 'ada' }, ...extra });
  it('takes the earliest new dispatch run on the branch since the dispatch, by the token’s user', () => {
    const runs = [
      run(5, '2026-05-01T10:00:09Z', { actor: { login: 'bob' } }),
      run(4, '2026-05-01T10:00:05Z'),
      run(3, '2026-05-01T10:00:02Z', { head_branch: 'other' }),
      run(2, '2026-05-01T10:00:01Z', { event: 'push' }),
      run(1, '2026-05-01T09:50:00Z'),
    ];
    expect(pickDispatchedRun(runs, { at, ref: 'main', known: [] }, 'ada')?.id).toBe(4);
    expect(pickDispatchedRun(runs, { at, ref: 'main', known: [] }, 'bob')?.id).toBe(5);
    expect(pickDispatchedRun(runs, { at, ref: 'main', known: [] })?.id).toBe(4);
    expect(pickDispatchedRun(runs, { at, ref: 'main', known: [4] })?.id).toBe(5);
    expect(pickDispatchedRun([run(1, '2026-05-01T09:50:00Z')], { at, ref: 'main', known: [] })).toBeUndefined();
  });
});

describe('linksFromAnnotations', () => {
  it('keeps notices with a URL or an entity ref, nothing else', () => {
    expect(
      linksFromAnnotations([
        { annotation_level: 'notice', title: 'Repo', message: 'https://github.com/a/b' },
        { annotation_level: 'warning', title: 'x', message: 'https://evil.example' },
        { annotation_level: 'notice', title: null, message: 'javascript:alert(1)' },
        { annotation_level: 'notice', title: '', message: 'component:default/b' },
        { annotation_level: 'notice', message: 'just words here' },
      ]),
    ).toEqual([
      { title: 'Repo', url: 'https://github.com/a/b' },
      { title: 'Link', entityRef: 'component:default/b' },
    ]);
  });
});
