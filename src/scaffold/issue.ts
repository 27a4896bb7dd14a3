// The issue path: a scaffold request filed with .github/ISSUE_TEMPLATE/scaffold.yml. The issue is the
// audit trail: the workflow checks the author, comments progress and the template's output, and closes it.

import type { ScaffoldConfig } from '../config/types.ts';
import { allowedTeamsFor, checkAuthor } from './access.ts';
import type { GithubApi } from './github.ts';
import { templateRef } from './load.ts';

import { TEMPLATE_LABEL, VALUES_LABEL } from '../model/scaffoldIssue.ts';

export interface IssueEvent {
  action?: string;
  issue: { number: number; body?: string | null; user: { login: string; type?: string }; html_url?: string; pull_request?: unknown };
  repository: { full_name: string; owner: { login: string }; html_url?: string };
}

export type ParsedRequest = { ok: true; templateRef: string; values: unknown } | { ok: false; error: string };

/** `### Label` sections of an issue form's body. */
function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = body.replace(/\r\n/g, '\n').split(/^###[ \t]+(.+)$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!.trim().toLowerCase(), (parts[i + 1] ?? '').trim());
  return out;
}

const NO_RESPONSE = '_No response_';

export function parseIssueBody(body: string | null | undefined): ParsedRequest {
  const found = sections(body ?? '');
  const refText = (found.get(TEMPLATE_LABEL.toLowerCase()) ?? '').replace(/^`+|`+$/g, '').trim();
  if (!refText || refText === NO_RESPONSE) return { ok: false, error: `the "${TEMPLATE_LABEL}" field is empty` };
  let ref: string;
  try {
    ref = templateRef(refText);
  } catch {
    ref = '';
  }
  // Checked strictly: the ref is echoed in comments, so nothing but ref characters may pass.
  if (!/^[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/.test(ref)) {
    return { ok: false, error: `the "${TEMPLATE_LABEL}" field is not a template reference such as template:default/node-service` };
  }
  const valuesText = found.get(VALUES_LABEL.toLowerCase()) ?? '';
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1\s*$/m.exec(valuesText);
  const json = (fenced ? fenced[2]! : valuesText).trim();
  if (!json || json === NO_RESPONSE) return { ok: true, templateRef: ref, values: {} };
  try {
    return { ok: true, templateRef: ref, values: JSON.parse(json) };
  } catch (err) {
    return { ok: false, error: `the "${VALUES_LABEL}" field is not valid JSON: ${(err as Error).message}` };
  }
}

/** Text from outside (error messages, values) shown verbatim in a comment, unable to break out of its block. */
export function codeBlock(text: string): string {
  return `~~~text\n${text.replace(/~{3,}/g, '~~')}\n~~~`;
}

export interface IssueRunResult {
  /** Markdown with the template's output links and text. */
  markdown: string;
}

export interface HandleIssueOptions {
  event: IssueEvent;
  /** Client for the portal repo's host (comments, membership). */
  gh: GithubApi;
  config?: ScaffoldConfig;
  /** Link to this workflow run, for the progress comment. */
  runUrl?: string;
  /** The live step log (a check run), linked from the progress and result comments. */
  logUrl?: string;
  /** Told why the request did not run to the end (refused, unreadable, failed). */
  failed?: (message: string) => void;
  /** Runs the template for the author; throws with a message the author can act on. */
  run: (templateRef: string, values: unknown, login: string) => Promise<IssueRunResult>;
  log?: (line: string) => void;
}

/** Handles one scaffold issue end to end; returns the exit code (0 when scaffolded). */
export async function handleIssue(options: HandleIssueOptions): Promise<number> {
  const { event, gh } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const [owner, repo] = event.repository.full_name.split('/');
  const issue = event.issue.number;
  const login = event.issue.user.login;
  const comment = (body: string) => gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issue, body });
  const close = (reason: 'completed' | 'not_planned') =>
    gh.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: issue, state: 'closed', state_reason: reason });

  if (event.issue.pull_request) {
    log('not an issue: a pull request; nothing to do');
    return 0;
  }
  const failed = options.failed ?? (() => {});
  const stepLog = options.logUrl ? `[the step log](${options.logUrl})` : undefined;
  const request = parseIssueBody(event.issue.body);
  if (!request.ok) {
    log(`cannot read the request: ${request.error}`);
    failed(`cannot read the request: ${request.error}`);
    await comment(`I could not read this scaffold request: ${request.error}.\n\nPlease open a new one from the portal's **Create** page, which fills the form in for you.`);
    await close('not_planned');
    return 1;
  }
  const org = options.config?.org ?? event.repository.owner.login;
  const teams = allowedTeamsFor(options.config, request.templateRef);
  const decision = await checkAuthor(gh, org, login, teams);
  if (!decision.allowed) {
    log(`refused: ${decision.reason}`);
    failed(`refused: ${decision.reason}`);
    await comment(`Sorry @${login}, this request was refused: ${decision.reason}. Nothing was created.`);
    await close('not_planned');
    return 1;
  }
  log(`@${login} may run ${request.templateRef}${decision.teams.length ? ` (team ${decision.teams.join(', ')})` : ''}`);
  const follow = stepLog ? ` Follow along in ${stepLog}${options.runUrl ? ` or [the workflow run](${options.runUrl})` : ''}.` : options.runUrl ? ` Follow along in [the workflow run](${options.runUrl}).` : '';
  await comment(`Running \`${request.templateRef}\` for @${login}…${follow}`);
  try {
    const result = await options.run(request.templateRef, request.values, login);
    await comment(`Done: \`${request.templateRef}\` ran for @${login}${stepLog ? ` (${stepLog})` : ''}.\n\n${result.markdown}`);
    await close('completed');
    return 0;
  } catch (err) {
    log(`failed: ${(err as Error).message}`);
    failed((err as Error).message);
    const where = stepLog ? ` (${stepLog}${options.runUrl ? `, [workflow run](${options.runUrl})` : ''})` : options.runUrl ? ` ([log](${options.runUrl}))` : '';
    await comment(
      `\`${request.templateRef}\` failed${where}:\n\n${codeBlock((err as Error).message)}\n\nFix the values and open a new request; this one stays open for reference.`,
    );
    return 1;
  }
}
