// Pull-request routes on repos created through the API: reading refs and commits, opening a pull request,
// finding an open one by head branch, requesting reviewers. Refusals carry GitHub's messages.

import type { CreatedRepo, ScaffoldState } from './rest-scaffold.ts';
import type { RestRequest, RestResponse } from './rest.ts';

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  reviewers: string[];
  teams: string[];
}

const error = (status: number, message: string): RestResponse => ({ status, json: { message, documentation_url: 'https://docs.github.com/rest' } });

function pullJson(r: CreatedRepo, pr: PullRequest) {
  const url = `https://github.com/${r.owner}/${r.name}/pull/${pr.number}`;
  return {
    number: pr.number,
    html_url: url,
    state: pr.state,
    draft: pr.draft,
    title: pr.title,
    body: pr.body,
    head: { ref: pr.head, sha: r.refs.get(pr.head) ?? null, label: `${r.owner}:${pr.head}` },
    base: { ref: pr.base, sha: r.refs.get(pr.base) ?? null },
    requested_reviewers: pr.reviewers.map((login) => ({ login })),
    requested_teams: pr.teams.map((slug) => ({ slug, name: slug })),
  };
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Answers the pull-request routes of a created repo (`rest` is the path after `/repos/{owner}/{repo}`). */
export function handlePullsRest(r: CreatedRepo, rest: string, req: RestRequest, state: ScaffoldState, changed: () => void): RestResponse | undefined {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  let m = /^\/git\/ref\/heads\/(.+)$/.exec(decodeURIComponent(rest));
  if (req.method === 'GET' && m) {
    const sha = r.refs.get(m[1]!);
    return sha ? { status: 200, json: { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } } } : error(404, 'Not Found');
  }
  m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest);
  if (req.method === 'GET' && m) {
    const commit = r.objects.get(m[1]!);
    if (commit?.type !== 'commit') return error(404, 'Not Found');
    return { status: 200, json: { sha: m[1], tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message } };
  }
  if (rest === '/pulls' && req.method === 'GET') {
    const head = req.query.get('head');
    const wanted = req.query.get('state') ?? 'open';
    const list = r.pulls.filter((pr) => (wanted === 'all' || pr.state === wanted) && (!head || `${r.owner}:${pr.head}`.toLowerCase() === head.toLowerCase()));
    return { status: 200, json: list.map((pr) => pullJson(r, pr)) };
  }
  if (rest === '/pulls' && req.method === 'POST') {
    const { title, head, base } = body;
    if (typeof title !== 'string' || typeof head !== 'string' || typeof base !== 'string') return error(422, 'Invalid request.\n\n"title", "head" and "base" are required.');
    if (!r.refs.has(base)) return error(422, `Validation Failed: base ${base} is invalid`);
    if (!r.refs.has(head)) return error(422, `Validation Failed: head ${head} is invalid`);
    if (r.refs.get(head) === r.refs.get(base)) return error(422, `Validation Failed: No commits between ${base} and ${head}`);
    if (r.pulls.some((pr) => pr.state === 'open' && pr.head === head)) return error(422, `Validation Failed: A pull request already exists for ${r.owner}:${head}.`);
    const pr: PullRequest = {
      number: r.pulls.length + 1, title, head, base, body: typeof body.body === 'string' ? body.body : '', draft: body.draft === true, state: 'open', reviewers: [], teams: [],
    };
    r.pulls.push(pr);
    changed();
    return { status: 201, json: pullJson(r, pr) };
  }
  m = /^\/pulls\/(\d+)(\/requested_reviewers)?$/.exec(rest);
  const pr = m ? r.pulls.find((p) => p.number === Number(m![1])) : undefined;
  if (m && !pr) return error(404, 'Not Found');
  if (m && pr && !m[2] && req.method === 'GET') return { status: 200, json: pullJson(r, pr) };
  if (m && pr && m[2] && req.method === 'POST') {
    const users = strings(body.reviewers ?? []);
    const teams = strings(body.team_reviewers ?? []);
    if (!users || !teams) return error(422, 'Invalid request.\n\n"reviewers" and "team_reviewers" must be lists of strings.');
    const org = state.orgs.get(r.owner.toLowerCase());
    const stranger = users.find((u) => !org?.members.has(u.toLowerCase())) ?? teams.find((t) => !org?.teams.has(t.toLowerCase()));
    if (stranger !== undefined) {
      return error(422, `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${r.owner}/${r.name} repository.`);
    }
    pr.reviewers.push(...users.filter((u) => !pr.reviewers.includes(u)));
    pr.teams.push(...teams.map((t) => t.toLowerCase()).filter((t) => !pr.teams.includes(t)));
    return { status: 201, json: pullJson(r, pr) };
  }
  return undefined;
}
