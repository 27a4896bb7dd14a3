// `backlot diff --comment owner/repo#N`: keeps one "Catalog impact" comment on a pull request up to date (found
// again by a hidden marker, then edited, never posted twice), and reads the PR's labels for the override label.

import { formatDiff, type CatalogDiff } from '../diff/index.ts';
import { createGithubApi, messageOf, statusOf, type GithubApi } from '../scaffold/github.ts';
import { UsageError } from './errors.ts';

/** The first line of our comment, invisible on GitHub; how a later run finds the comment to edit. */
export const COMMENT_MARKER = '<!-- backlot:catalog-impact -->';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export function parsePullRequestRef(text: string): PullRequestRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)#(\d+)$/.exec(text.trim());
  if (!m || Number(m[3]) < 1) throw new UsageError(`--comment must be owner/repo#number (e.g. kestrel-freight/orders#42), not "${text}"`);
  return { owner: m[1]!, repo: m[2]!, number: Number(m[3]) };
}

/** A client for the API Actions names (`GITHUB_API_URL`), with `GITHUB_TOKEN`; the token is never shown. */
export function pullRequestClient(env: NodeJS.ProcessEnv = process.env): GithubApi {
  const token = env.GITHUB_TOKEN;
  if (!token) throw new UsageError('--comment needs a token in GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})');
  return createGithubApi({ token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', throttle: env.BACKLOT_GITHUB_THROTTLE !== 'off' });
}

/** What the check decided, said at the top of the comment. */
export type Verdict = { fails: false } | { fails: true; label?: string } | { fails: false; allowedBy: string };

export function commentBody(diff: CatalogDiff, verdict: Verdict): string {
  const [heading, ...rest] = formatDiff(diff, 'markdown').split('\n');
  let status = '';
  if ('allowedBy' in verdict) status = `✅ Something breaking affects other owners; the label \`${verdict.allowedBy}\` lets this pull request pass.`;
  else if (verdict.fails) {
    status = `❌ **Something breaking affects other owners.** Tell them (below) before merging${verdict.label ? `; once they agree, add the label \`${verdict.label}\` and run the check again` : ''}.`;
  }
  return [COMMENT_MARKER, heading, ...(status ? ['', status] : []), ...rest].join('\n');
}

const PER_PAGE = 100;

/** Every item of a paginated list: pages of 100 until a short one (GitHub's Link header says the same). */
async function all<T>(gh: GithubApi, route: string, pr: PullRequestRef): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { data } = await gh.request<T[]>(route, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: PER_PAGE, page });
    out.push(...data);
    if (data.length < PER_PAGE) return out;
  }
}

export async function pullRequestLabels(gh: GithubApi, pr: PullRequestRef): Promise<string[]> {
  return (await all<{ name: string }>(gh, 'GET /repos/{owner}/{repo}/issues/{issue_number}/labels', pr)).map((l) => l.name);
}

export type CommentOutcome = { action: 'created' | 'updated' | 'unchanged'; url: string } | { action: 'none' };

/**
 * Edits our earlier comment, else posts one. With `onlyUpdate` (nothing changed in the catalog) no new comment
 * is posted, but an earlier one is edited so it does not go on showing changes that are gone.
 */
export async function upsertComment(gh: GithubApi, pr: PullRequestRef, body: string, onlyUpdate = false): Promise<CommentOutcome> {
  const comments = await all<{ id: number; body?: string; html_url: string }>(gh, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', pr);
  const ours = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
  if (ours) {
    if (ours.body === body) return { action: 'unchanged', url: ours.html_url };
    const { data } = await gh.request<{ html_url: string }>('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
    return { action: 'updated', url: data.html_url };
  }
  if (onlyUpdate) return { action: 'none' };
  const { data } = await gh.request<{ html_url: string }>('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return { action: 'created', url: data.html_url };
}

/** GitHub's refusal, said so a person knows what to change. */
export function commentError(err: unknown, pr: PullRequestRef, doing: 'comment on' | 'read the labels of' = 'comment on'): string {
  const where = `${pr.owner}/${pr.repo}#${pr.number}`;
  const status = statusOf(err);
  if (status === 401) return `GitHub refused the token (401) for ${where}: check GITHUB_TOKEN`;
  if (status === 403) {
    const need = doing === 'comment on' ? 'write' : 'read';
    return `the token may not ${doing} ${where} (403): the job needs "permissions: pull-requests: ${need}" (a pull request from a fork gets a read-only token)`;
  }
  if (status === 404) return `${where} was not found (404), or the token cannot see it`;
  return `could not ${doing} ${where}: ${messageOf(err)}`;
}
