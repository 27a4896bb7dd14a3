// The one way the GitHub source talks to GitHub: @octokit/core with our own retry and rate-limit
// handling. (plugin-throttling spaces every GraphQL query a second apart through a limiter shared by
// all clients in the process and does not recognise GHES's /api/graphql; batching already keeps the
// request count low, so a small concurrency cap plus honest retries is the better fit.)

import { Octokit } from '@octokit/core';
import { GraphqlResponseError } from '@octokit/graphql';

export interface GithubClientOptions {
  /** `https://api.github.com`, or `https://HOST/api` for GitHub Enterprise Server. */
  apiBaseUrl: string;
  token: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Retries after the first attempt, for 5xx, timeouts and secondary rate limits. */
  retries?: number;
  /** Backoff unit: the n-th retry waits `retryBaseMs × n²` (unless GitHub says `retry-after`). */
  retryBaseMs?: number;
  /** Per attempt, whole answer included. */
  timeoutMs?: number;
  /** The longest wait for a `retry-after` or a rate-limit reset before giving up. */
  maxWaitMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  /** GraphQL points spent (from `rateLimit { cost }`). */
  points: number;
  rateLimit?: RateLimitState;
}

export interface GraphqlError {
  message: string;
  type?: string;
  path?: Array<string | number>;
}

export interface GraphqlResult<T> {
  data: T | null;
  errors: GraphqlError[];
}

export interface GithubClient {
  /** Data and field errors; throws only when the request as a whole failed. */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** Raw bytes of a REST route answered with `application/vnd.github.raw`. */
  raw(route: string, params: Record<string, string>): Promise<Uint8Array | undefined>;
  stats: ClientStats;
  /** The wait before asking again for the nodes a partial answer failed, or undefined once those retries are spent. */
  partialRetryWait(round: number): number | undefined;
  /** Removes the token from any text. */
  redact(text: string): string;
}

/** A failure that is safe to show: no request object, no headers, no token. */
export class GithubError extends Error {
  status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'GithubError';
    this.status = status;
  }
}

interface HttpError {
  status?: number;
  message?: string;
  name?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The REST base for an API base: GHES's REST API lives under `/api/v3`. */
export function restBaseUrl(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, '');
  return /\/api$/.test(base) ? `${base}/v3` : base;
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const retries = options.retries ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const log = options.log ?? (() => {});
  const baseFetch = options.fetch ?? globalThis.fetch;
  const stats: ClientStats = { requests: 0, retries: 0, points: 0 };
  const token = options.token;
  const redact = (text: string) => (token ? text.split(token).join('[REDACTED]') : text);

  // One timeout over the whole exchange: a body that never finishes is a timeout too.
  const timedFetch: typeof fetch = async (input, init) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await baseFetch(input, { ...init, signal });
    const body = res.status === 204 || res.status === 205 || res.status === 304 ? null : await res.arrayBuffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  let active = 0;
  const waiting: Array<() => void> = [];
  const concurrency = Math.max(1, options.concurrency ?? 2);
  async function slot<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  let warnedAt = Infinity;
  function observe(headers: Record<string, string | undefined> | undefined): void {
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    const limit = Number(headers?.['x-ratelimit-limit']);
    const reset = Number(headers?.['x-ratelimit-reset']);
    if (!Number.isFinite(remaining) || !Number.isFinite(limit) || !Number.isFinite(reset)) return;
    setRateLimit({ limit, remaining, resetAt: new Date(reset * 1000) });
  }
  function setRateLimit(rate: RateLimitState): void {
    stats.rateLimit = rate;
    // Say so once at 10 %, then again at each halving, so a long crawl cannot run out silently.
    if (rate.remaining < rate.limit * 0.1 && rate.remaining < warnedAt / 2) {
      warnedAt = Math.max(rate.remaining, 1);
      log(`GitHub rate limit low: ${rate.remaining} of ${rate.limit} left, resets at ${rate.resetAt.toISOString()} (${untilText(rate.resetAt)})`);
    }
  }

  const octokit = new Octokit({
    baseUrl: restBaseUrl(options.apiBaseUrl),
    auth: token,
    userAgent: 'backlot',
    request: { fetch: timedFetch },
  });

  /** How long to wait before retrying, or undefined when the failure is final. */
  function retryDelay(err: HttpError, attempt: number): number | undefined {
    if (attempt >= retries) return undefined;
    const status = err.status ?? 0;
    const headers = err.response?.headers ?? {};
    const message = String(err.message ?? '');
    const retryAfter = Number(headers['retry-after']);
    if (status === 403 || status === 429) {
      if (headers['x-ratelimit-remaining'] === '0') {
        const wait = Number(headers['x-ratelimit-reset']) * 1000 - Date.now() + 1000;
        return wait <= maxWaitMs ? Math.max(wait, 0) : undefined;
      }
      if (Number.isFinite(retryAfter)) return retryAfter * 1000 <= maxWaitMs ? retryAfter * 1000 : undefined;
      if (/secondary rate limit|abuse/i.test(message) || status === 429) return Math.min(60_000, maxWaitMs, retryBaseMs * 60);
      return undefined;
    }
    if (status >= 500 || status === 0 || err.name === 'TimeoutError' || err.name === 'AbortError') return retryBaseMs * (attempt + 1) ** 2;
    return undefined;
  }

  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await slot(async () => {
          stats.requests++;
          return await request(requestOptions);
        });
        observe(response.headers as Record<string, string | undefined>);
        const data = response.data as { data?: unknown; errors?: GraphqlError[] } | undefined;
        const errors = data && typeof data === 'object' && Array.isArray(data.errors) ? data.errors : [];
        if (errors.some((e) => e.type === 'RATE_LIMITED')) {
          throw Object.assign(new Error('GitHub GraphQL rate limit exceeded'), { status: 403, response: { headers: { ...response.headers, 'x-ratelimit-remaining': '0' } } });
        }
        if (!data?.data && errors.some((e) => /Something went wrong while executing your query/.test(e.message))) {
          throw Object.assign(new Error(errors[0]!.message), { status: 502, response });
        }
        return response;
      } catch (caught) {
        const err = caught as HttpError;
        observe(err.response?.headers);
        const wait = retryDelay(err, attempt);
        if (wait === undefined) throw caught;
        stats.retries++;
        log(`GitHub: ${describe(err)}; retry ${attempt + 1} of ${retries} in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait);
      }
    }
  });

  function failure(caught: unknown, what: string): GithubError {
    const err = caught as HttpError;
    const status = err.status ?? 0;
    const headers = err.response?.headers ?? {};
    let message = `${what}: ${describe(err)}`;
    if (status === 401) message = `${what}: GitHub refused the token (401 Bad credentials)`;
    if (headers['x-ratelimit-remaining'] === '0') {
      const reset = new Date(Number(headers['x-ratelimit-reset']) * 1000);
      message = `${what}: GitHub rate limit exhausted until ${reset.toISOString()} (${untilText(reset)})`;
    }
    return new GithubError(redact(message), status);
  }

  return {
    stats,
    redact,
    // At most 3 rounds (1 + 4 + 9 s by default): a node that fails that long is kept stale, not waited for.
    partialRetryWait: (round) => (round < Math.min(retries, 3) ? retryBaseMs * (round + 1) ** 2 : undefined),
    async graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>> {
      let result: GraphqlResult<T>;
      try {
        result = { data: (await octokit.graphql<T>(query, variables)) ?? null, errors: [] };
      } catch (caught) {
        if (caught instanceof GraphqlResponseError) {
          result = { data: (caught.data as T | undefined) ?? null, errors: (caught.errors ?? []) as GraphqlError[] };
          if (!result.data) throw new GithubError(redact(`GitHub GraphQL: ${result.errors.map((e) => e.message).join('; ')}`), 200);
        } else {
          throw failure(caught, 'GitHub GraphQL request failed');
        }
      }
      const rate = (result.data as { rateLimit?: { cost?: number; remaining?: number; limit?: number; resetAt?: string } } | null)?.rateLimit;
      if (rate) {
        stats.points += rate.cost ?? 0;
        if (rate.remaining !== undefined && rate.limit !== undefined && rate.resetAt) {
          setRateLimit({ limit: rate.limit, remaining: rate.remaining, resetAt: new Date(rate.resetAt) });
        }
      }
      return result;
    },
    async raw(route, params) {
      try {
        const res = await octokit.request(route, { ...params, headers: { accept: 'application/vnd.github.raw' }, request: { parseSuccessResponseBody: false } });
        const body = res.data as unknown as ReadableStream<Uint8Array> | null;
        return body ? new Uint8Array(await new Response(body).arrayBuffer()) : new Uint8Array();
      } catch (caught) {
        if ((caught as HttpError).status === 404) return undefined;
        throw failure(caught, `GitHub ${route}`);
      }
    },
  };
}

function describe(err: HttpError): string {
  const status = err.status ? `${err.status} ` : '';
  const first = String(err.message ?? err.name ?? 'failed').split('\n')[0];
  return `${status}${first}`.trim();
}

function untilText(at: Date): string {
  const minutes = Math.max(0, Math.round((at.getTime() - Date.now()) / 60_000));
  return minutes < 1 ? 'in under a minute' : `in ${minutes} min`;
}
