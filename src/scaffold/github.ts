// The REST client the GitHub actions and the issue path use: octokit with retries and GitHub's pacing
// of write requests (secondary rate limits punish bursts of repo/commit creation).

import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export interface GithubApi {
  request<T = any>(route: string, params?: Record<string, unknown>): Promise<{ status: number; data: T }>;
}

export interface GithubApiOptions {
  token: string;
  baseUrl: string;
  /** Space write requests a second apart (GitHub's advice); off for emulators in tests. */
  throttle?: boolean;
}

const Client = Octokit.plugin(retry, throttling);

export function createGithubApi(options: GithubApiOptions): GithubApi {
  const client = new Client({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'backlot-scaffold',
    throttle: {
      enabled: options.throttle !== false,
      onRateLimit: (_after: number, _opts: unknown, _o: unknown, retryCount: number) => retryCount < 2,
      onSecondaryRateLimit: (_after: number, _opts: unknown, _o: unknown, retryCount: number) => retryCount < 2,
    },
    ...(options.throttle === false ? { retry: { enabled: false } } : {}),
  });
  return {
    async request(route, params) {
      const res = await client.request(route, params ?? {});
      return { status: res.status, data: res.data as never };
    },
  };
}

/** REST base for a web host: `GITHUB_API_URL` when Actions runs on that host, else GitHub's usual layout. */
export function apiBaseUrlFor(host: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.BACKLOT_GITHUB_API_URL) return env.BACKLOT_GITHUB_API_URL;
  const server = env.GITHUB_SERVER_URL ? safeHost(env.GITHUB_SERVER_URL) : 'github.com';
  if (env.GITHUB_API_URL && server === host) return env.GITHUB_API_URL;
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The message of a failed request (octokit puts GitHub's own message there), or of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Status of a failed octokit request, if it was one. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}
