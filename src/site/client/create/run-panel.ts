// The review step's three ways to run the template: a pre-filled GitHub issue (no token), a workflow dispatch
// with the user's token (kept in sessionStorage), and a `gh` command to copy. Nothing but GitHub sees values.

import { h } from '../dom.ts';
import { ghWorkflowCommand } from '../../../views/create/gh-command.ts';
import { longestValue, scaffoldIssueUrl } from '../../../views/create/issue-url.ts';
import type { CreatePageData } from '../../../views/create/page-data.ts';
import { sensitiveFields } from '../../../views/create/review.ts';
import { GithubApiError, dispatchScaffold, findDispatchedRun, findRunLog, followRun, getRunLog, runLinks, type RunClient, type RunLogState, type RunState } from './run.ts';
import { linkItem, renderRunLog } from './run-log.ts';
import { RUN_LOG_CHECK_NAME } from '../../../model/scaffoldRunLog.ts';
import type { Values } from '../../../views/create/values.ts';
import { forgetToken, readToken, saveToken } from './token.ts';

const fmt = (n: number) => n.toLocaleString('en');

function issueSection(data: CreatePageData, values: Values): HTMLElement {
  const { form, github } = data;
  const section = h('section', { class: 'run-way', 'data-run-issue': true }, h('h3', {}, 'Ask for it in a GitHub issue'));
  const refuse = (...text: Array<string | Node>) => section.append(h('p', { class: 'run-refused', role: 'alert', 'data-issue-refused': true }, ...text));
  const sensitive = sensitiveFields(form, values);
  if (!github.repo) {
    refuse('This portal does not name its own repository (site.repo in backlot.config.yaml), so it cannot open a request. Use the command below instead.');
    return section;
  }
  if (sensitive.length) {
    refuse(`${sensitive.map((f) => `“${f.title}”`).join(' and ')} should stay private, and an issue shows its values to everyone who can read ${github.repo}. Run the template with a token or with the command below instead.`);
    return section;
  }
  const link = scaffoldIssueUrl(github, form.ref, values, data.maxIssueUrl);
  if (!link.ok) {
    const longest = link.reason === 'too-long' ? longestValue(values) : undefined;
    const title = longest ? (form.pages.flatMap((p) => p.fields).find((f) => f.name === longest.name)?.title ?? longest.name) : undefined;
    refuse(
      `The values are too long to hand to GitHub in a link: it would be ${fmt(link.reason === 'too-long' ? link.length : 0)} characters, and GitHub takes at most about ${fmt(data.maxIssueUrl)}.`,
      title ? ` The longest is “${title}”; shorten it, or run the template with a token or with the command below.` : ' Run the template with a token or with the command below.',
    );
    return section;
  }
  section.append(
    h('p', {}, `GitHub opens a new issue in ${github.repo} with the template and these values filled in. Submit it: a workflow checks that you may use the template, runs it, comments the result on the issue and closes it. Its first comment links to the live step log.`),
    h('p', {}, h('a', { class: 'button primary', href: link.url, target: '_blank', rel: 'noopener noreferrer', 'data-issue-link': true }, `${form.buttons.create} — open the issue on GitHub`)),
  );
  return section;
}

const STATUS_TEXT: Record<string, string> = {
  queued: 'Queued: waiting for a runner.',
  waiting: 'Waiting for approval.',
  pending: 'Queued: waiting for a runner.',
  requested: 'Queued: waiting for a runner.',
  in_progress: 'Running…',
};

function statusText(run: RunState): string {
  if (run.status !== 'completed') return STATUS_TEXT[run.status] ?? `Status: ${run.status}.`;
  return run.conclusion === 'success' ? 'Done: the template ran successfully.' : `Finished: ${run.conclusion ?? 'unknown'}. The run’s log says why.`;
}

function tokenSection(data: CreatePageData, values: Values): HTMLElement | null {
  const { github, form } = data;
  if (!github.repo) return null;
  const section = h('section', { class: 'run-way', 'data-run-token': true }, h('h3', {}, 'Run it now with your GitHub token'));
  const status = h('div', { class: 'run-status', role: 'status', 'aria-live': 'polite', 'data-run-status': true });
  const problem = h('p', { class: 'run-refused', role: 'alert', hidden: true, 'data-run-error': true });
  const logBox = h('div', { 'data-run-log-box': true });
  const runButton = h('button', { type: 'button', class: 'button primary', 'data-run-now': true }, `${form.buttons.create} — run now`);
  const tokenInput = h('input', { type: 'password', id: 'github-token', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'github-token-help' });
  const tokenBox = h(
    'div',
    { class: 'field', 'data-token-box': true },
    h('label', { for: 'github-token' }, 'Fine-grained personal access token'),
    tokenInput,
    h(
      'p',
      { id: 'github-token-help', class: 'field-help' },
      'Give it access to ',
      h('strong', {}, github.repo),
      ' only, with the permissions “Actions: Read and write” and “Checks: Read” (for the live step log and the output links). ',
      h('a', { href: data.tokenUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Create one on GitHub'),
      '. It is kept in this browser tab only and sent to nothing but the GitHub API.',
    ),
  );
  const forget = h('button', { type: 'button', class: 'button small', 'data-forget-token': true }, 'Forget the token');
  const saved = h('p', { 'data-token-saved': true }, 'Your token is kept for this browser tab. ', forget);
  const syncToken = () => {
    const has = !!readToken();
    tokenBox.hidden = has;
    saved.hidden = !has;
  };
  forget.addEventListener('click', () => {
    forgetToken();
    syncToken();
    tokenInput.focus();
  });
  syncToken();

  runButton.addEventListener('click', () => {
    const typed = tokenInput.value.trim();
    if (typed) {
      saveToken(typed);
      tokenInput.value = '';
      syncToken();
    }
    const token = readToken();
    problem.hidden = true;
    if (!token) {
      problem.textContent = 'Paste a token first.';
      problem.hidden = false;
      tokenInput.focus();
      return;
    }
    runButton.disabled = true;
    void run({ api: github.api, repo: github.repo!, token });
  });

  async function run(client: RunClient): Promise<void> {
    status.replaceChildren(h('p', {}, 'Starting the scaffold workflow…'));
    logBox.replaceChildren();
    // The live step log: found on the run's commit once the workflow has created it, then read on every poll.
    let checkRunId: number | undefined;
    let lastLog: RunLogState | undefined;
    let reading: Promise<void> | undefined;
    const readLog = (s: RunState) =>
      (reading ??= (async () => {
        try {
          checkRunId ??= await findRunLog(client, s);
          if (checkRunId === undefined) return;
          lastLog = await getRunLog(client, checkRunId);
          logBox.replaceChildren(renderRunLog(lastLog));
        } catch {
          // A token without "Checks: Read": the run's status still shows, and its page has the log.
        } finally {
          reading = undefined;
        }
      })());
    try {
      const dispatched = await dispatchScaffold(client, form.ref, values);
      let state: RunState | undefined = dispatched.runId ? { id: dispatched.runId, status: 'queued', conclusion: null, ...(dispatched.htmlUrl ? { htmlUrl: dispatched.htmlUrl } : {}) } : await findDispatchedRun(client, dispatched);
      if (!state) {
        status.replaceChildren(h('p', {}, 'The workflow was started, but its run did not show up yet. '), data.workflowUrl ? h('a', { href: data.workflowUrl }, 'See the workflow’s runs on GitHub') : '');
        return;
      }
      const runLink = (s: RunState) => (s.htmlUrl ? h('a', { href: s.htmlUrl, rel: 'noopener noreferrer', 'data-run-link': true }, 'Follow the run on GitHub') : null);
      const update = (s: RunState) => {
        status.replaceChildren(h('p', { 'data-run-state': s.status }, statusText(s), ' ', runLink(s)));
        if (s.status !== 'queued') void readLog(s);
      };
      update(state);
      state = await followRun(client, state.id, { onUpdate: update });
      // The log's last words, once the run is over.
      await reading;
      await readLog(state);
      if (state.conclusion !== 'success') {
        runButton.disabled = false;
        return;
      }
      if (lastLog?.log?.links.length) return;
      const links = await runLinks(client, state.id).catch(() => undefined);
      if (links?.length) status.append(h('h4', {}, 'Output'), h('ul', { class: 'run-links', 'data-run-links': true }, ...links.map(linkItem)));
      else if (!links) status.append(h('p', {}, 'The output links are on the run’s page (reading them here needs “Checks: Read” on the token).'));
    } catch (err) {
      problem.textContent = err instanceof Error ? err.message : String(err);
      problem.hidden = false;
      if (err instanceof GithubApiError && err.status === 401) {
        forgetToken();
        syncToken();
      }
      status.replaceChildren();
      runButton.disabled = false;
    }
  }

  section.append(
    h('p', {}, `Starts the scaffold workflow in ${github.repo} straight away and shows its progress here.`),
    tokenBox,
    saved,
    h('p', {}, runButton),
    problem,
    status,
    logBox,
  );
  return section;
}

function commandSection(data: CreatePageData, values: Values): HTMLElement {
  const command = ghWorkflowCommand(data.github.repo, data.form.ref, values);
  const copy = h('button', { type: 'button', class: 'button small', 'data-copy-command': true }, 'Copy');
  const copied = h('span', { role: 'status', class: 'muted' });
  copy.addEventListener('click', () => {
    void navigator.clipboard
      ?.writeText(command)
      .then(() => (copied.textContent = ' Copied.'))
      .catch(() => (copied.textContent = ' Select the command and copy it.'));
  });
  return h(
    'section',
    { class: 'run-way', 'data-run-command': true },
    h('h3', {}, 'Run it from a terminal'),
    h('p', {}, 'With the GitHub CLI, in bash or zsh', data.github.repo ? ':' : ', inside a clone of the portal repository:'),
    h('pre', { class: 'command' }, h('code', { 'data-gh-command': true }, command)),
    h('p', {}, copy, copied, data.workflowUrl ? ' ' : null, data.workflowUrl ? h('a', { href: data.workflowUrl, 'data-workflow-link': true }, 'The scaffold workflow on GitHub') : null),
    h('p', { class: 'muted' }, 'Follow it with ', h('code', {}, 'gh run watch'), ': its log starts with a link to the live step log, also listed among the checks of the portal repo’s latest commit as “', RUN_LOG_CHECK_NAME, '”.'),
  );
}

export function renderRunPanel(data: CreatePageData, values: Values): HTMLElement {
  return h('div', { class: 'run-panel', 'data-run-panel': true }, issueSection(data, values), tokenSection(data, values), commandSection(data, values));
}
