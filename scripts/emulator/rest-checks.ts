// GitHub's check-runs REST routes: create, update, get, and list a commit's check runs, with GitHub's
// checks (a known head_sha, a conclusion whenever the run is completed, output fields at most 65,535 characters).

import { resolveRevision, type BuiltRepo } from './repos.ts';
import type { RestRequest, RestResponse } from './rest.ts';

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

export interface CheckRun {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  external_id: string;
  details_url: string | null;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  output: CheckRunOutput;
  /** Emulator only: how many times it was updated (tests see a live log being written). */
  updates: number;
}

export interface ChecksContext {
  /** Every check run, in creation order. */
  checkRuns: CheckRun[];
  /** Origin the emulator answers on, for `url`. */
  apiUrl: string;
}

/** GitHub's limit on each of `output.summary` and `output.text`. */
export const OUTPUT_LIMIT = 65_535;
const STATUSES = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];
// Far from the ids rest-actions.ts gives jobs' check runs (run id × 100 + 1).
const FIRST_ID = 7_000_001;

const notFound: RestResponse = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/checks/runs' } };
const invalid = (message: string): RestResponse => ({ status: 422, json: { message, documentation_url: 'https://docs.github.com/rest/checks/runs' } });

function runJson(ctx: ChecksContext, run: CheckRun) {
  const { repo, updates: _updates, ...shown } = run;
  return {
    ...shown,
    node_id: `CR_${run.id}`,
    url: `${ctx.apiUrl}/repos/${repo}/check-runs/${run.id}`,
    html_url: `https://github.com/${repo}/runs/${run.id}`,
    output: { ...run.output, annotations_count: 0, annotations_url: `${ctx.apiUrl}/repos/${repo}/check-runs/${run.id}/annotations` },
    check_suite: { id: run.id },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}

/** Applies a create or update body; an error message when GitHub would answer 422. */
function apply(run: CheckRun, body: Record<string, unknown>): string | undefined {
  if (body.name !== undefined && (typeof body.name !== 'string' || !body.name)) return 'Invalid request.\n\n"name" must be a non-empty string.';
  if (body.status !== undefined && !STATUSES.includes(String(body.status))) return `Invalid request.\n\n"status" must be one of ${STATUSES.join(', ')}.`;
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(String(body.conclusion))) return `Invalid request.\n\n"conclusion" must be one of ${CONCLUSIONS.join(', ')}.`;
  const output = body.output as Record<string, unknown> | undefined;
  if (output !== undefined) {
    if (!output || typeof output !== 'object') return 'Invalid request.\n\n"output" must be an object.';
    if (typeof output.title !== 'string' || typeof output.summary !== 'string') return 'Invalid request.\n\n"title" and "summary" are required keys of "output".';
    for (const key of ['summary', 'text'] as const) {
      const value = output[key];
      if (typeof value === 'string' && value.length > OUTPUT_LIMIT) return `Invalid request.\n\nOnly ${OUTPUT_LIMIT} characters are allowed; ${value.length} were supplied (output.${key}).`;
    }
  }
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.external_id === 'string') run.external_id = body.external_id;
  if (typeof body.details_url === 'string') run.details_url = body.details_url;
  if (typeof body.started_at === 'string') run.started_at = body.started_at;
  if (body.status !== undefined) run.status = body.status as CheckRun['status'];
  // As GitHub: giving a conclusion completes the run.
  if (body.conclusion !== undefined) {
    run.conclusion = String(body.conclusion);
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.conclusion) return 'Invalid request.\n\n"conclusion" is required when "status" is "completed".';
  if (run.status === 'completed') run.completed_at = typeof body.completed_at === 'string' ? body.completed_at : new Date().toISOString();
  if (output) run.output = { title: output.title as string, summary: output.summary as string, text: typeof output.text === 'string' ? output.text : run.output.text };
  return undefined;
}

/** Answers `rest` (after `/repos/{owner}/{name}`) of an existing repo; `undefined` for other routes. */
export function handleChecksRest(ctx: ChecksContext, built: BuiltRepo, key: string, rest: string, req: RestRequest): RestResponse | undefined {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const find = (id: string) => ctx.checkRuns.find((r) => r.id === Number(id) && r.repo.toLowerCase() === key.toLowerCase());

  if (req.method === 'POST' && rest === '/check-runs') {
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') return invalid('Invalid request.\n\n"name" and "head_sha" are required.');
    const commit = resolveRevision(built, body.head_sha);
    if (!commit || commit.oid !== body.head_sha) return invalid(`No commit found for SHA: ${body.head_sha}`);
    const run: CheckRun = {
      id: FIRST_ID + ctx.checkRuns.length,
      repo: key,
      name: body.name,
      head_sha: body.head_sha,
      external_id: '',
      details_url: null,
      status: 'queued',
      conclusion: null,
      started_at: new Date().toISOString(),
      completed_at: null,
      output: { title: null, summary: null, text: null },
      updates: 0,
    };
    const problem = apply(run, body);
    if (problem) return invalid(problem);
    ctx.checkRuns.push(run);
    return { status: 201, json: runJson(ctx, run) };
  }

  let hit = /^\/check-runs\/(\d+)$/.exec(rest);
  if (hit && (req.method === 'GET' || req.method === 'PATCH')) {
    const run = find(hit[1]!);
    if (!run) return notFound;
    if (req.method === 'PATCH') {
      // Checked on a copy, so a refused update changes nothing.
      const next = { ...run, output: { ...run.output } };
      const problem = apply(next, body);
      if (problem) return invalid(problem);
      Object.assign(run, next, { updates: run.updates + 1 });
    }
    return { status: 200, json: runJson(ctx, run) };
  }

  hit = /^\/commits\/([^/]+)\/check-runs$/.exec(rest);
  if (hit && req.method === 'GET') {
    const commit = resolveRevision(built, decodeURIComponent(hit[1]!));
    if (!commit) return invalid(`No commit found for SHA: ${decodeURIComponent(hit[1]!)}`);
    const name = req.query.get('check_name');
    const status = req.query.get('status');
    let listed = ctx.checkRuns.filter((r) => r.repo.toLowerCase() === key.toLowerCase() && r.head_sha === commit.oid && (!name || r.name === name) && (!status || r.status === status));
    // `filter=latest` (GitHub's default): the newest check run of each name only.
    if (req.query.get('filter') !== 'all') {
      const newest = new Map<string, CheckRun>();
      for (const r of listed) newest.set(r.name, r);
      listed = [...newest.values()];
    }
    listed = [...listed].reverse();
    const perPage = Math.min(100, Number(req.query.get('per_page') ?? 30) || 30);
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    return { status: 200, json: { total_count: listed.length, check_runs: listed.slice((page - 1) * perPage, page * perPage).map((r) => runJson(ctx, r)) } };
  }
  return undefined;
}
