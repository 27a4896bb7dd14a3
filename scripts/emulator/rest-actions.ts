// GitHub Actions REST routes: workflow dispatch (with `return_run_details`), runs (listed, by id), a run's jobs
// and their check-run annotations. Runs stay where a test puts them: `updateRun` moves one along and gives it
// the `::notice` annotations a real run's log would have produced.

import type { RestRequest, RestResponse } from './rest.ts';

export interface RunNotice {
  title?: string;
  message: string;
}

export interface WorkflowRun {
  id: number;
  name: string;
  workflow_id: string;
  path: string;
  event: 'workflow_dispatch';
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  head_branch: string;
  /** The branch's commit when the run was dispatched (the commit a run's check runs are on). */
  head_sha: string;
  inputs: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  html_url: string;
  actor: { login: string };
  triggering_actor: { login: string };
  /** Emulator only (not served on the run): the annotations its job has. */
  notices: RunNotice[];
}

export interface ActionsContext {
  runs: Map<string, WorkflowRun[]>;
  /** Origin the emulator answers on, for the API URLs in answers. */
  apiUrl: string;
  /** Login of the token's user, shown as the runs' actor. */
  viewer: string;
  /** The commit a branch points at, for a dispatched run's `head_sha`. */
  headSha?: (branch: string) => string | undefined;
}

/** Moves a run to a new status; `completed` defaults to success. */
export function updateRun(run: WorkflowRun, update: { status: WorkflowRun['status']; conclusion?: WorkflowRun['conclusion']; notices?: RunNotice[] }): void {
  run.status = update.status;
  run.conclusion = update.status === 'completed' ? (update.conclusion ?? 'success') : null;
  if (update.notices) run.notices = update.notices;
  run.updated_at = new Date().toISOString();
}

const notFound: RestResponse = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

function runJson(ctx: ActionsContext, key: string, run: WorkflowRun) {
  const { notices: _notices, ...shown } = run;
  return { ...shown, url: `${ctx.apiUrl}/repos/${key}/actions/runs/${run.id}`, jobs_url: `${ctx.apiUrl}/repos/${key}/actions/runs/${run.id}/jobs` };
}

const jobId = (run: WorkflowRun) => run.id * 100 + 1;

/** Answers `rest` (the part after `/repos/{owner}/{name}`) of an existing repo `key`; `undefined` for other routes. */
export function handleActionsRest(ctx: ActionsContext, key: string, rest: string, req: RestRequest): RestResponse | undefined {
  const runs = ctx.runs.get(key) ?? [];

  let hit = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest);
  if (req.method === 'POST' && hit) {
    const body = (req.body ?? {}) as { ref?: unknown; inputs?: unknown; return_run_details?: unknown };
    if (typeof body.ref !== 'string') return { status: 422, json: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' } };
    const inputs = (body.inputs ?? {}) as Record<string, unknown>;
    const workflow = decodeURIComponent(hit[1]!);
    const id = runs.length + 1;
    const now = new Date().toISOString();
    runs.unshift({
      id,
      name: workflow,
      workflow_id: workflow,
      path: `.github/workflows/${workflow}`,
      event: 'workflow_dispatch',
      status: 'queued',
      conclusion: null,
      head_branch: body.ref.replace(/^refs\/heads\//, ''),
      head_sha: ctx.headSha?.(body.ref) ?? '0'.repeat(40),
      inputs,
      created_at: now,
      updated_at: now,
      html_url: `https://github.com/${key}/actions/runs/${id}`,
      actor: { login: ctx.viewer },
      triggering_actor: { login: ctx.viewer },
      notices: [],
    });
    ctx.runs.set(key, runs);
    // GitHub's 2026 addition: with return_run_details the dispatch answers 200 with the run.
    if (body.return_run_details === true) {
      return { status: 200, json: { workflow_run_id: id, run_url: `${ctx.apiUrl}/repos/${key}/actions/runs/${id}`, html_url: runs[0]!.html_url } };
    }
    return { status: 204 };
  }
  if (req.method !== 'GET') return undefined;

  hit = /^\/actions(?:\/workflows\/([^/]+))?\/runs$/.exec(rest);
  if (hit) {
    const workflow = hit[1] === undefined ? undefined : decodeURIComponent(hit[1]);
    const event = req.query.get('event');
    const branch = req.query.get('branch');
    const perPage = Math.min(100, Number(req.query.get('per_page') ?? 30) || 30);
    const listed = runs.filter((r) => (!workflow || r.workflow_id === workflow) && (!event || r.event === event) && (!branch || r.head_branch === branch));
    return { status: 200, json: { total_count: listed.length, workflow_runs: listed.slice(0, perPage).map((r) => runJson(ctx, key, r)) } };
  }
  hit = /^\/actions\/runs\/(\d+)(\/jobs)?$/.exec(rest);
  if (hit) {
    const run = runs.find((r) => r.id === Number(hit![1]));
    if (!run) return notFound;
    if (!hit[2]) return { status: 200, json: runJson(ctx, key, run) };
    const job = {
      id: jobId(run),
      run_id: run.id,
      name: 'scaffold',
      status: run.status,
      conclusion: run.conclusion,
      html_url: `${run.html_url}/job/${jobId(run)}`,
      check_run_url: `${ctx.apiUrl}/repos/${key}/check-runs/${jobId(run)}`,
    };
    return { status: 200, json: { total_count: 1, jobs: [job] } };
  }
  hit = /^\/check-runs\/(\d+)\/annotations$/.exec(rest);
  if (hit) {
    const run = runs.find((r) => jobId(r) === Number(hit![1]));
    if (!run) return notFound;
    const annotations = run.notices.map((n) => ({
      path: '.github',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      title: n.title ?? null,
      message: n.message,
      raw_details: null,
    }));
    return { status: 200, json: annotations };
  }
  return undefined;
}
