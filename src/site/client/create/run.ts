// The token way to run a template: dispatch the scaffold workflow through GitHub's REST API from the browser,
// then follow the run and read its output links (one `::notice` annotation per link, see src/scaffold/output.ts).
// The token only ever travels in the Authorization header to the configured API; URLs carry no values.

import { SCAFFOLD_WORKFLOW } from '../../../views/create/github.ts';
import { parseRunLog, RUN_LOG_CHECK_NAME, type RunLog } from '../../../model/scaffoldRunLog.ts';

export interface RunClient {
  /** REST API base, no trailing slash. */
  api: string;
  /** `owner/name`. */
  repo: string;
  token: string;
  fetch?: typeof fetch;
}

export class GithubApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'GithubApiError';
    this.status = status;
  }
}

export interface RunState {
  id: number;
  status: string;
  conclusion: string | null;
  htmlUrl?: string;
  /** The commit the run is on, where its live step log (a check run) is. */
  headSha?: string;
}

export interface RunLink {
  title: string;
  /** An http(s) URL, or… */
  url?: string;
  /** …an entity ref, when the workflow did not know the portal's URL. */
  entityRef?: string;
}

export interface Dispatched {
  /** Branch the workflow ran on. */
  ref: string;
  runId?: number;
  htmlUrl?: string;
  /** When the dispatch was sent, and the runs there were just before: to find the new run by listing when
   * GitHub did not return its id (GHES and older APIs answer a dispatch with 204 only). */
  at: Date;
  known: number[];
}

function repoPath(client: RunClient): string {
  const [owner = '', name = ''] = client.repo.split('/');
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}

async function call<T>(client: RunClient, method: string, path: string, body?: unknown): Promise<{ status: number; data: T | undefined }> {
  const doFetch = client.fetch ?? globalThis.fetch.bind(globalThis);
  const res = await doFetch(`${client.api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${client.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const message = data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : res.statusText;
    throw new GithubApiError(res.status, explain(res.status, message, client.repo));
  }
  return { status: res.status, data: data as T | undefined };
}

/** GitHub's terse answers, said in terms of what to do about them. */
export function explain(status: number, message: string, repo: string): string {
  if (status === 401) return `GitHub did not accept the token (${message}). Check it, or forget it and paste a new one.`;
  if (status === 403 || status === 404) {
    return `The token cannot run workflows in ${repo} (${status} ${message}). It needs access to that repository with the permission "Actions: Read and write".`;
  }
  if (status === 422) return `GitHub refused the request: ${message}`;
  return `GitHub answered ${status}: ${message}`;
}

/** Dispatches the scaffold workflow on the repo's default branch, asking GitHub for the run's id. */
export async function dispatchScaffold(client: RunClient, templateRef: string, values: unknown): Promise<Dispatched> {
  const repo = await call<{ default_branch?: string }>(client, 'GET', repoPath(client));
  const ref = repo.data?.default_branch ?? 'main';
  const known = (await listRuns(client, ref).catch(() => [])).map((r) => r.id);
  const at = new Date();
  const res = await call<{ workflow_run_id?: number; html_url?: string }>(
    client,
    'POST',
    `${repoPath(client)}/actions/workflows/${encodeURIComponent(SCAFFOLD_WORKFLOW)}/dispatches`,
    { ref, inputs: { template: templateRef, values: JSON.stringify(values) }, return_run_details: true },
  );
  const runId = res.data?.workflow_run_id;
  return { ref, at, known, ...(typeof runId === 'number' ? { runId } : {}), ...(res.data?.html_url ? { htmlUrl: res.data.html_url } : {}) };
}

interface ApiRun {
  id: number;
  status?: string;
  conclusion?: string | null;
  html_url?: string;
  head_sha?: string;
  event?: string;
  created_at?: string;
  head_branch?: string;
  actor?: { login?: string };
  triggering_actor?: { login?: string };
}

const toState = (run: ApiRun): RunState => ({
  id: run.id,
  status: run.status ?? 'queued',
  conclusion: run.conclusion ?? null,
  ...(run.html_url ? { htmlUrl: run.html_url } : {}),
  ...(run.head_sha ? { headSha: run.head_sha } : {}),
});

async function listRuns(client: RunClient, ref: string): Promise<ApiRun[]> {
  const query = `?event=workflow_dispatch&branch=${encodeURIComponent(ref)}&per_page=20`;
  const list = await call<{ workflow_runs?: ApiRun[] }>(client, 'GET', `${repoPath(client)}/actions/workflows/${encodeURIComponent(SCAFFOLD_WORKFLOW)}/runs${query}`);
  return list.data?.workflow_runs ?? [];
}

/** Clocks differ; a run listed this long before the dispatch was sent can still be ours. */
const CLOCK_SKEW_MS = 60_000;

/**
 * The run a dispatch started, from a listing of the workflow's runs (for GitHub versions that answer a
 * dispatch with 204 and no id): the earliest workflow_dispatch run on the branch that was not there before
 * the dispatch, by the token's user when the listing says who started runs.
 */
export function pickDispatchedRun(runs: readonly ApiRun[], dispatched: Pick<Dispatched, 'at' | 'ref' | 'known'>, login?: string): ApiRun | undefined {
  const since = dispatched.at.getTime() - CLOCK_SKEW_MS;
  const known = new Set(dispatched.known);
  const candidates = runs.filter((r) => {
    if (known.has(r.id)) return false;
    if (r.event && r.event !== 'workflow_dispatch') return false;
    if (r.head_branch && r.head_branch !== dispatched.ref) return false;
    const created = r.created_at ? Date.parse(r.created_at) : NaN;
    if (!(created >= since)) return false;
    const by = r.triggering_actor?.login ?? r.actor?.login;
    return !login || !by || by.toLowerCase() === login.toLowerCase();
  });
  return candidates.sort((a, b) => Date.parse(a.created_at!) - Date.parse(b.created_at!) || a.id - b.id)[0];
}

/** Lists the workflow's recent dispatch runs until the new one shows up (a few tries, `wait` apart). */
export async function findDispatchedRun(client: RunClient, dispatched: Dispatched, options: { tries?: number; wait?: (ms: number) => Promise<void> } = {}): Promise<RunState | undefined> {
  const wait = options.wait ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  let login: string | undefined;
  try {
    login = (await call<{ login?: string }>(client, 'GET', '/user')).data?.login;
  } catch {
    login = undefined; // some tokens may not read the user; match on time and branch alone
  }
  for (let i = 0; i < (options.tries ?? 10); i++) {
    const run = pickDispatchedRun(await listRuns(client, dispatched.ref), dispatched, login);
    if (run) return toState(run);
    await wait(Math.min(1000 * 2 ** i, 5000));
  }
  return undefined;
}

export async function getRun(client: RunClient, id: number): Promise<RunState> {
  const res = await call<ApiRun>(client, 'GET', `${repoPath(client)}/actions/runs/${id}`);
  if (!res.data) throw new GithubApiError(res.status, 'GitHub sent no run');
  return toState(res.data);
}

interface ApiJob {
  id: number;
  check_run_url?: string;
}
interface ApiAnnotation {
  annotation_level?: string;
  title?: string | null;
  message?: string;
}

/** `notice` annotations of the run's jobs that carry a link (the scaffold workflow writes one per output link). */
export function linksFromAnnotations(annotations: readonly ApiAnnotation[]): RunLink[] {
  const links: RunLink[] = [];
  for (const a of annotations) {
    if (a.annotation_level !== 'notice' || typeof a.message !== 'string') continue;
    const text = a.message.trim();
    const title = a.title?.trim() || 'Link';
    if (/^https?:\/\/\S+$/i.test(text)) links.push({ title, url: text });
    else if (/^[a-z0-9][\w.-]*:([\w.-]+\/)?[\w.-]+$/i.test(text)) links.push({ title, entityRef: text });
  }
  return links;
}

/** The run's output links. Reading annotations needs "Checks: Read" on the token; without it, no links. */
export async function runLinks(client: RunClient, id: number): Promise<RunLink[]> {
  const jobs = await call<{ jobs?: ApiJob[] }>(client, 'GET', `${repoPath(client)}/actions/runs/${id}/jobs`);
  const links: RunLink[] = [];
  for (const job of jobs.data?.jobs ?? []) {
    const checkRun = /\/check-runs\/(\d+)$/.exec(job.check_run_url ?? '')?.[1] ?? String(job.id);
    const annotations = await call<ApiAnnotation[]>(client, 'GET', `${repoPath(client)}/check-runs/${checkRun}/annotations`);
    links.push(...linksFromAnnotations(annotations.data ?? []));
  }
  return links;
}

export interface FollowOptions {
  onUpdate: (run: RunState) => void;
  /** First wait between polls; it grows to `maxInterval`. */
  interval?: number;
  maxInterval?: number;
  signal?: AbortSignal;
}

/** Polls the run until it completes; returns its last state. */
export async function followRun(client: RunClient, id: number, options: FollowOptions): Promise<RunState> {
  let wait = options.interval ?? 2000;
  const max = options.maxInterval ?? 10_000;
  for (;;) {
    const run = await getRun(client, id);
    options.onUpdate(run);
    if (run.status === 'completed') return run;
    if (options.signal?.aborted) return run;
    await new Promise<void>((ok) => setTimeout(ok, wait));
    wait = Math.min(Math.round(wait * 1.5), max);
  }
}

export interface RunLogState {
  status: string;
  conclusion: string | null;
  htmlUrl?: string;
  /** `undefined` when the check run's output is not a log Backlot wrote. */
  log: RunLog | undefined;
}

interface ApiCheckRun {
  id: number;
  external_id?: string | null;
  status?: string;
  conclusion?: string | null;
  html_url?: string;
  output?: { summary?: string | null; text?: string | null };
}

/** The id of the run's live step log: the check run the workflow keeps on its commit, named by the run's id. */
export async function findRunLog(client: RunClient, run: RunState): Promise<number | undefined> {
  if (!run.headSha) return undefined;
  // `filter=all`: several runs on one commit each keep a check run of the same name.
  const query = `?check_name=${encodeURIComponent(RUN_LOG_CHECK_NAME)}&filter=all&per_page=100`;
  const res = await call<{ check_runs?: ApiCheckRun[] }>(client, 'GET', `${repoPath(client)}/commits/${encodeURIComponent(run.headSha)}/check-runs${query}`);
  return res.data?.check_runs?.find((c) => c.external_id === String(run.id))?.id;
}

export async function getRunLog(client: RunClient, checkRunId: number): Promise<RunLogState> {
  const res = await call<ApiCheckRun>(client, 'GET', `${repoPath(client)}/check-runs/${checkRunId}`);
  const run = res.data;
  return {
    status: run?.status ?? 'queued',
    conclusion: run?.conclusion ?? null,
    ...(run?.html_url ? { htmlUrl: run.html_url } : {}),
    log: run?.output ? parseRunLog(run.output) : undefined,
  };
}
