// The few REST routes Backlot uses or will use: git trees and blobs, contents, workflow dispatch and runs, check
// runs, issue and pull-request comments and labels.

import type { GitObject } from './git.ts';
import { resolvePath, resolveRevision, type BuiltRepo } from './repos.ts';
import { handleActionsRest, type WorkflowRun } from './rest-actions.ts';
import { handleChecksRest, type CheckRun } from './rest-checks.ts';
import { handleCommentsRest, type IssueStore } from './rest-comments.ts';

export type { WorkflowRun } from './rest-actions.ts';
export type { CheckRun } from './rest-checks.ts';

export interface RestRequest {
  method: string;
  /** Path without the GHES `/api/v3` prefix. */
  path: string;
  query: URLSearchParams;
  accept: string;
  body: unknown;
}

export interface RestResponse {
  status: number;
  json?: unknown;
  raw?: Uint8Array;
  /** Extra headers, e.g. a paginated list's `link`. */
  headers?: Record<string, string>;
}

export interface RestContext {
  repo(owner: string, name: string): BuiltRepo | undefined;
  failing(owner: string, name: string): boolean;
  runs: Map<string, WorkflowRun[]>;
  /** Check runs created through the API, every repo's, in creation order. */
  checkRuns: CheckRun[];
  issues: IssueStore;
  /** Origin the emulator answers on and the token's login, for the Actions routes' answers. */
  apiUrl?: string;
  viewer?: string;
  rateLimit: { limit: number; remaining: number; used: number; resetAt: Date };
}

const notFound: RestResponse = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

export function handleRest(ctx: RestContext, req: RestRequest): RestResponse {
  if (req.method === 'GET' && req.path === '/rate_limit') {
    const core = { limit: ctx.rateLimit.limit, remaining: ctx.rateLimit.remaining, used: ctx.rateLimit.used, reset: Math.floor(ctx.rateLimit.resetAt.getTime() / 1000) };
    return { status: 200, json: { resources: { core }, rate: core } };
  }
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
  if (!m) return notFound;
  const owner = decodeURIComponent(m[1]!);
  const name = decodeURIComponent(m[2]!);
  const rest = m[3] ?? '';
  const built = ctx.repo(owner, name);
  if (!built) return notFound;
  if (ctx.failing(owner, name)) return { status: 502, json: { message: 'Server Error' } };
  const key = `${owner}/${name}`;

  if (req.method === 'GET' && rest === '') {
    return {
      status: 200,
      json: {
        name,
        full_name: key,
        owner: { login: owner },
        default_branch: built.defaultBranch,
        archived: !!built.repo.archived,
        fork: !!built.repo.fork,
        visibility: built.repo.visibility ?? 'public',
        topics: built.repo.topics ?? [],
      },
    };
  }

  let hit = /^\/git\/trees\/(.+)$/.exec(rest);
  if (req.method === 'GET' && hit) {
    const sha = decodeURIComponent(hit[1]!);
    const commit = resolveRevision(built, sha);
    const tree = built.objects.get(commit ? commit.tree : sha);
    if (tree?.type !== 'tree') return notFound;
    const out: Array<{ path: string; mode: string; type: string; sha: string; size?: number }> = [];
    const walk = (t: GitObject | undefined, dir: string, deep: boolean) => {
      if (t?.type !== 'tree') return;
      for (const e of t.entries) {
        const path = dir ? `${dir}/${e.name}` : e.name;
        const obj = built.objects.get(e.oid);
        out.push({ path, mode: e.mode === '40000' ? '040000' : e.mode, type: e.type, sha: e.oid, ...(obj?.type === 'blob' ? { size: obj.bytes.byteLength } : {}) });
        if (deep && e.type === 'tree') walk(obj, path, deep);
      }
    };
    walk(tree, '', req.query.get('recursive') !== null && req.query.get('recursive') !== '0' && req.query.get('recursive') !== 'false');
    return { status: 200, json: { sha: tree.oid, tree: out, truncated: false } };
  }

  hit = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
  if (req.method === 'GET' && hit) {
    const blob = built.objects.get(hit[1]!);
    if (blob?.type !== 'blob') return notFound;
    if (req.accept.includes('raw')) return { status: 200, raw: blob.bytes };
    return { status: 200, json: { sha: blob.oid, size: blob.bytes.byteLength, encoding: 'base64', content: Buffer.from(blob.bytes).toString('base64') } };
  }

  hit = /^\/contents(?:\/(.*))?$/.exec(rest);
  if (req.method === 'GET' && hit) {
    const path = decodeURIComponent(hit[1] ?? '').replace(/^\/+|\/+$/g, '');
    const commit = resolveRevision(built, req.query.get('ref') ?? 'HEAD');
    const obj = commit ? resolvePath(built, commit, path) : undefined;
    if (!obj || obj.type === 'commit') return notFound;
    if (obj.type === 'tree') {
      return {
        status: 200,
        json: obj.entries.map((e) => ({ name: e.name, path: path ? `${path}/${e.name}` : e.name, sha: e.oid, type: e.type === 'tree' ? 'dir' : 'file' })),
      };
    }
    if (req.accept.includes('raw')) return { status: 200, raw: obj.bytes };
    return {
      status: 200,
      json: { type: 'file', name: path.split('/').pop(), path, sha: obj.oid, size: obj.bytes.byteLength, encoding: 'base64', content: Buffer.from(obj.bytes).toString('base64') },
    };
  }

  const comments = handleCommentsRest(ctx.issues, { apiUrl: ctx.apiUrl ?? 'https://api.github.com', viewer: ctx.viewer ?? 'backlot-bot' }, key, rest, req);
  if (comments) return comments;
  const actions = handleActionsRest(
    { runs: ctx.runs, apiUrl: ctx.apiUrl ?? 'https://api.github.com', viewer: ctx.viewer ?? 'backlot-bot', headSha: (ref) => resolveRevision(built, ref)?.oid },
    key,
    rest,
    req,
  );
  if (actions) return actions;
  const checks = handleChecksRest({ checkRuns: ctx.checkRuns, apiUrl: ctx.apiUrl ?? 'https://api.github.com' }, built, key, rest, req);
  if (checks) return checks;
  return notFound;
}
