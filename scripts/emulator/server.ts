// A GitHub API emulator on 127.0.0.1: GraphQL over GitHub's real schema, a few REST routes,
// a bearer token check, request and cost counting, and injected faults.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runGraphql, type GraphqlContext } from './graphql.ts';
import { buildRepo, type BuiltRepo, type EmulatorRepo } from './repos.ts';
import { createIssueStore, type IssueStore } from './rest-comments.ts';
import { handleRest, type CheckRun, type WorkflowRun } from './rest.ts';
import { createScaffoldState, handleScaffoldRest, type ScaffoldSetup, type ScaffoldState } from './rest-scaffold.ts';

export interface EmulatorFaults {
  /** The next N API requests answer `serverErrorStatus` (502). */
  serverErrors?: number;
  serverErrorStatus?: number;
  /** The next N API requests answer 403 "secondary rate limit" with `retry-after`. */
  secondaryRateLimits?: number;
  /** Seconds in the secondary rate limit's `retry-after` header (default 1). */
  retryAfter?: number;
  /** Delay answers by `ms`; only the next `count` requests when given. */
  slow?: { ms: number; count?: number };
  /** Repos (`name` or `owner/name`) whose git data fails every time. */
  failRepos?: string[];
  /** `field`: a GraphQL error on the repo's fields, partial data for the rest (default). `request`: the whole request answers 502. */
  failMode?: 'field' | 'request';
  /** GitHub under load: some repos answered as `null` with an `errors` entry whose `path` points at them. */
  partial?: PartialFault;
  /** GraphQL points per hour (default 5,000). */
  rateLimit?: number;
  /**
   * Fields GitHub refuses the token ("Resource not accessible by integration", a GitHub App token without that
   * permission), e.g. `pullRequests`, `checkSuites`: an error at the field, and null up to a nullable parent.
   */
  forbiddenFields?: string[];
}

export interface PartialFault {
  /** Repos (`name` or `owner/name`) that fail. */
  repos?: string[];
  /** Or this share of all repos, picked by a hash of `owner/name` (the same repos on every run). */
  fraction?: number;
  /** `listing`: the org's `repositories.nodes`; `batch`: aliased `repository(owner:, name:)` lookups. Default both. */
  in?: Array<'listing' | 'batch'>;
  /** Each repo fails this many times per place, then answers; every time when unset. */
  times?: number;
}

export interface EmulatorStats {
  /** API requests answered, faults included (not `/_emulator/*`). */
  requests: number;
  graphql: number;
  rest: number;
  /** GraphQL rate-limit cost spent. */
  points: number;
  /** Blob texts served. */
  blobs: number;
  /** Tree listings served. */
  trees: number;
  /** Answers that were injected faults. */
  faults: number;
  /** Repo nodes answered `null` by the `partial` fault. */
  partial: number;
  /** Queries refused as invalid against the schema or GitHub's limits. */
  invalid: number;
  unauthorized: number;
  /** Largest single-query cost and node count seen. */
  maxCost: number;
  maxNodes: number;
}

export interface EmulatorOptions {
  repos: EmulatorRepo[];
  faults?: EmulatorFaults;
  /** The only token accepted; any non-empty token when unset. */
  token?: string;
  port?: number;
  /** Orgs, members and teams for the scaffolder's routes (rest-scaffold.ts). */
  scaffold?: ScaffoldSetup;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`; GraphQL at `/graphql`, GHES-style at `/api/graphql` and `/api/v3/…`. */
  url: string;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(faults: EmulatorFaults): void;
  setRepos(repos: EmulatorRepo[]): void;
  /** Workflow runs created by dispatches, by `owner/name`. */
  runs(): Map<string, WorkflowRun[]>;
  /** Check runs created through the API (rest-checks.ts), in creation order. */
  checkRuns(): CheckRun[];
  /** What the scaffolder's routes did: repos created and pushed, dispatches, issues closed. */
  scaffold: ScaffoldState;
  /** Issue and pull-request comments and labels (`scaffold.issues` is `issues.threads`). */
  issues: IssueStore;
  close(): Promise<void>;
}

const emptyStats = (): EmulatorStats => ({
  requests: 0,
  graphql: 0,
  rest: 0,
  points: 0,
  blobs: 0,
  trees: 0,
  faults: 0,
  partial: 0,
  invalid: 0,
  unauthorized: 0,
  maxCost: 0,
  maxNodes: 0,
});

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  let stats = emptyStats();
  let faults: EmulatorFaults = { ...options.faults };
  let byKey = new Map<string, BuiltRepo>();
  let byOwner = new Map<string, BuiltRepo[]>();
  const runs = new Map<string, WorkflowRun[]>();
  const checkRuns: CheckRun[] = [];
  const rateLimit = { limit: 5000, remaining: 5000, used: 0, resetAt: new Date(Date.now() + 3600_000) };

  let current: EmulatorRepo[] = [];
  let origin = 'http://127.0.0.1';
  const issues = createIssueStore();
  const scaffold = createScaffoldState(options.scaffold, issues.threads);
  const scaffoldHost = {
    exists: (owner: string, name: string) => byKey.has(`${owner}/${name}`.toLowerCase()),
    owners: () => [...byOwner.keys()],
    publish: (r: EmulatorRepo) => setRepos([...current.filter((c) => `${c.owner}/${c.name}`.toLowerCase() !== `${r.owner}/${r.name}`.toLowerCase()), r]),
  };

  function setRepos(repos: EmulatorRepo[]): void {
    current = repos;
    byKey = new Map();
    byOwner = new Map();
    for (const r of [...repos].sort((a, b) => a.name.localeCompare(b.name))) {
      const built = buildRepo(r);
      byKey.set(`${r.owner}/${r.name}`.toLowerCase(), built);
      byOwner.set(r.owner.toLowerCase(), [...(byOwner.get(r.owner.toLowerCase()) ?? []), built]);
    }
  }
  // How often each repo failed per place, for `partial.times`.
  let partialCounts = new Map<string, number>();
  function setFaults(next: EmulatorFaults): void {
    faults = { ...next };
    partialCounts = new Map();
    const limit = next.rateLimit ?? 5000;
    rateLimit.limit = limit;
    rateLimit.remaining = Math.max(0, limit - rateLimit.used);
  }
  setRepos(options.repos);
  setFaults(faults);

  const failing = (owner: string, name: string) =>
    (faults.failRepos ?? []).some((f) => f.toLowerCase() === name.toLowerCase() || f.toLowerCase() === `${owner}/${name}`.toLowerCase());
  const repo = (owner: string, name: string) => byKey.get(`${owner}/${name}`.toLowerCase());
  const partialFails = (owner: string, name: string, place: 'listing' | 'batch'): boolean => {
    const p = faults.partial;
    if (!p || !(p.in ?? ['listing', 'batch']).includes(place)) return false;
    const key = `${owner}/${name}`.toLowerCase();
    const named = (p.repos ?? []).some((f) => f.toLowerCase() === name.toLowerCase() || f.toLowerCase() === key);
    if (!named && !(p.fraction !== undefined && share(key) < p.fraction)) return false;
    const seen = partialCounts.get(`${place}:${key}`) ?? 0;
    if (p.times !== undefined && seen >= p.times) return false;
    partialCounts.set(`${place}:${key}`, seen + 1);
    stats.partial++;
    return true;
  };

  function rateHeaders(resource: 'graphql' | 'core'): Record<string, string> {
    return {
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remaining': String(rateLimit.remaining),
      'x-ratelimit-used': String(rateLimit.used),
      'x-ratelimit-reset': String(Math.floor(rateLimit.resetAt.getTime() / 1000)),
      'x-ratelimit-resource': resource,
    };
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (body instanceof Uint8Array) {
      res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength), ...headers });
      res.end(body);
      return;
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    // CORS as api.github.com answers it, so a page (the portal's Create form) can call the emulator.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'ETag, Link, Location, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-GitHub-Request-Id');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
        'access-control-allow-headers': 'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, X-GitHub-Api-Version',
        'access-control-max-age': '86400',
      });
      res.end();
      return;
    }

    if (url.pathname === '/_emulator/stats' && req.method === 'GET') return send(res, 200, stats);
    if (url.pathname === '/_emulator/faults' && req.method === 'POST') {
      setFaults(JSON.parse(raw || '{}') as EmulatorFaults);
      return send(res, 200, faults);
    }
    if (url.pathname === '/_emulator/reset' && req.method === 'POST') {
      stats = emptyStats();
      return send(res, 200, stats);
    }

    stats.requests++;
    const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth || (options.token !== undefined && auth[1] !== options.token)) {
      stats.unauthorized++;
      return send(res, 401, { message: auth ? 'Bad credentials' : 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    }

    const isGraphql = req.method === 'POST' && (url.pathname === '/graphql' || url.pathname === '/api/graphql');
    if (isGraphql) stats.graphql++;
    else stats.rest++;

    if (faults.slow && (faults.slow.count === undefined || faults.slow.count > 0)) {
      if (faults.slow.count !== undefined) faults.slow.count--;
      await new Promise((r) => setTimeout(r, faults.slow!.ms));
    }
    if ((faults.serverErrors ?? 0) > 0) {
      faults.serverErrors!--;
      stats.faults++;
      return send(res, faults.serverErrorStatus ?? 502, { message: 'Server Error' });
    }
    if ((faults.secondaryRateLimits ?? 0) > 0) {
      faults.secondaryRateLimits!--;
      stats.faults++;
      return send(
        res,
        403,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
        { 'retry-after': String(faults.retryAfter ?? 1) },
      );
    }

    if (isGraphql) {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        stats.invalid++;
        return send(res, 400, { message: 'Problems parsing JSON' });
      }
      const counts = { blobs: 0, trees: 0 };
      const ctx: GraphqlContext = {
        repo,
        reposOf: (owner) => byOwner.get(owner.toLowerCase()) ?? [],
        failing,
        partialFails,
        failMode: faults.failMode ?? 'field',
        rateLimit,
        counts,
        forbidden: new Set(faults.forbiddenFields ?? []),
      };
      const outcome = await runGraphql(ctx, request);
      stats.blobs += counts.blobs;
      stats.trees += counts.trees;
      if (outcome.kind === 'invalid') {
        stats.invalid++;
        return send(res, 200, { errors: outcome.errors }, rateHeaders('graphql'));
      }
      if (outcome.kind === 'rate-limited') return send(res, 200, { errors: outcome.errors }, rateHeaders('graphql'));
      if (outcome.kind === 'fatal') {
        stats.faults++;
        return send(res, 502, { message: 'Server Error' });
      }
      stats.points += outcome.cost;
      stats.maxCost = Math.max(stats.maxCost, outcome.cost);
      stats.maxNodes = Math.max(stats.maxNodes, outcome.nodes);
      return send(res, 200, outcome.body, rateHeaders('graphql'));
    }

    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, { message: 'Problems parsing JSON' });
    }
    const path = url.pathname.startsWith('/api/v3/') ? url.pathname.slice('/api/v3'.length) : url.pathname;
    const own = handleScaffoldRest(scaffold, scaffoldHost, { method: req.method ?? 'GET', path, query: url.searchParams, accept: String(req.headers.accept ?? ''), body });
    if (own) return send(res, own.status, own.raw ?? own.json, { ...rateHeaders('core'), ...own.headers });
    const out = handleRest({ repo, failing, runs, checkRuns, issues, rateLimit, apiUrl: origin, viewer: scaffold.viewer }, { method: req.method ?? 'GET', path, query: url.searchParams, accept: String(req.headers.accept ?? ''), body });
    if (out.status === 502) stats.faults++;
    return send(res, out.status, out.raw ?? out.json, { ...rateHeaders('core'), ...out.headers });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, 500, { message: `emulator error: ${err.message}` });
      else res.destroy();
    });
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = emptyStats();
    },
    setFaults,
    setRepos,
    runs: () => runs,
    checkRuns: () => checkRuns,
    scaffold,
    issues,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A stable number in [0, 1) for a repo (FNV-1a, mixed), so a `fraction` picks the same repos every run. */
function share(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // murmur3's finaliser: FNV alone leaves names that differ in their last letters in the same high bits.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
