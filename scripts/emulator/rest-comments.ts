// Issue and pull-request comments and labels, as GitHub's REST API has them: list (paginated, with a Link
// header), create, update by id (ids are unique across the whole API, as on GitHub), and an issue's labels.
// Pull requests are issues here too: `/issues/{n}/comments` of a PR number is the PR's conversation.

import type { RestRequest, RestResponse } from './rest.ts';

export interface IssueComment {
  id: number;
  body: string;
  /** Login of the token's user when it was written. */
  user: string;
  created_at: string;
  updated_at: string;
}

export interface IssueThread {
  comments: IssueComment[];
  labels: string[];
  /** Set by `PATCH /issues/{n}` (the scaffolder closes its request issues). */
  state?: string;
  state_reason?: string;
}

export interface IssueStore {
  /** By `owner/name#number`. */
  threads: Map<string, IssueThread>;
  byId: Map<number, { key: string; number: number; comment: IssueComment }>;
  nextId: number;
}

export function createIssueStore(): IssueStore {
  return { threads: new Map(), byId: new Map(), nextId: 1 };
}

/** The thread of `owner/name#number`, created empty on first use. */
export function threadOf(threads: Map<string, IssueThread>, key: string, number: number): IssueThread {
  const id = `${key}#${number}`;
  let thread = threads.get(id);
  if (!thread) threads.set(id, (thread = { comments: [], labels: [] }));
  return thread;
}

const error = (status: number, message: string): RestResponse => ({ status, json: { message, documentation_url: 'https://docs.github.com/rest' } });

function commentJson(apiUrl: string, key: string, number: number, c: IssueComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${apiUrl}/repos/${key}/issues/comments/${c.id}`,
    html_url: `https://github.com/${key}/issues/${number}#issuecomment-${c.id}`,
    issue_url: `${apiUrl}/repos/${key}/issues/${number}`,
    body: c.body,
    user: { login: c.user, type: 'User' },
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

const labelJson = (name: string) => ({ name, color: 'ededed', default: false, description: null });

/** GitHub's `per_page` (default 30, at most 100) and `page` (from 1), with the Link header's next/last. */
function page<T>(items: T[], req: RestRequest, url: string): RestResponse {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
  const number = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => `<${url}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
  const links = [...(number < last ? [link(number + 1, 'next'), link(last, 'last')] : []), ...(number > 1 ? [link(1, 'first'), link(number - 1, 'prev')] : [])];
  return { status: 200, json: items.slice((number - 1) * perPage, number * perPage), ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
}

/** Answers `rest` (after `/repos/{owner}/{name}`) of an existing repo `key`; `undefined` for other routes. */
export function handleCommentsRest(store: IssueStore, ctx: { apiUrl: string; viewer: string }, key: string, rest: string, req: RestRequest): RestResponse | undefined {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  let m = /^\/issues\/(\d+)\/(comments|labels)$/.exec(rest);
  if (m) {
    const number = Number(m[1]);
    const thread = threadOf(store.threads, key, number);
    const url = `${ctx.apiUrl}/repos/${key}/issues/${number}/${m[2]}`;
    if (m[2] === 'comments') {
      if (req.method === 'GET') return page(thread.comments.map((c) => commentJson(ctx.apiUrl, key, number, c)), req, url);
      if (req.method !== 'POST') return undefined;
      if (typeof body.body !== 'string') return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
      if (body.body.length > 65_536) return error(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
      const now = new Date().toISOString();
      const comment: IssueComment = { id: store.nextId++, body: body.body, user: ctx.viewer, created_at: now, updated_at: now };
      thread.comments.push(comment);
      store.byId.set(comment.id, { key, number, comment });
      return { status: 201, json: commentJson(ctx.apiUrl, key, number, comment) };
    }
    if (req.method === 'GET') return page(thread.labels.map(labelJson), req, url);
    // POST adds labels (a list of names, or `{ labels: [...] }`), as GitHub does.
    if (req.method !== 'POST') return undefined;
    const names = Array.isArray(req.body) ? req.body : body.labels;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n.trim())) return error(422, 'Invalid request.\n\n"labels" must be a list of names.');
    for (const name of names as string[]) if (!thread.labels.some((l) => l.toLowerCase() === name.toLowerCase())) thread.labels.push(name);
    return { status: 200, json: thread.labels.map(labelJson) };
  }
  m = /^\/issues\/comments\/(\d+)$/.exec(rest);
  if (m) {
    const found = store.byId.get(Number(m[1]));
    if (!found || found.key.toLowerCase() !== key.toLowerCase()) return error(404, 'Not Found');
    if (req.method === 'GET') return { status: 200, json: commentJson(ctx.apiUrl, found.key, found.number, found.comment) };
    if (req.method !== 'PATCH') return undefined;
    if (typeof body.body !== 'string') return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    if (body.body.length > 65_536) return error(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
    found.comment.body = body.body;
    found.comment.updated_at = new Date().toISOString();
    return { status: 200, json: commentJson(ctx.apiUrl, found.key, found.number, found.comment) };
  }
  return undefined;
}
