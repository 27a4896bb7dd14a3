// The run panel's live step log: what the scaffold workflow keeps in its check run (src/model/scaffoldRunLog.ts),
// shown as steps with status, duration and log tail, the error first. Everything goes in as text.

import { h } from '../dom.ts';
import { href } from '../../render/href.ts';
import { entityPath } from '../../../model/routes.ts';
import { formatDuration, type RunLog, type RunLogStep } from '../../../model/scaffoldRunLog.ts';
import type { RunLink, RunLogState } from './run.ts';

const STATUS: Record<RunLogStep['status'], string> = { pending: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed', skipped: 'Skipped' };

export function linkItem(link: RunLink): HTMLElement {
  if (link.url && /^https?:\/\//i.test(link.url)) return h('li', {}, h('a', { href: link.url, rel: 'noopener noreferrer' }, link.title));
  try {
    return h('li', {}, h('a', { href: href(entityPath(link.entityRef!)) }, link.title), ` (${link.entityRef})`);
  } catch {
    return h('li', {}, `${link.title}: ${link.entityRef ?? link.url ?? ''}`);
  }
}

function logLines(lines: readonly string[], dropped: number, label: string): Array<HTMLElement | null> {
  return [
    dropped ? h('p', { class: 'muted', 'data-log-dropped': dropped }, `${dropped.toLocaleString('en')} earlier line${dropped === 1 ? '' : 's'} not shown.`) : null,
    lines.length ? h('pre', { class: 'run-log-lines', tabindex: 0, 'aria-label': label, 'data-step-log': true }, lines.join('\n')) : null,
  ];
}

function stepItem(step: RunLogStep): HTMLElement {
  const head = [
    h('span', { class: `run-log-status status-${step.status}` }, STATUS[step.status]),
    ' ',
    h('span', { class: 'run-log-name' }, step.name),
    ' ',
    h('code', {}, step.action),
    step.ms !== undefined ? h('span', { class: 'muted', 'data-step-duration': true }, ` ${formatDuration(step.ms)}`) : null,
  ];
  const item = h('li', { 'data-step': step.id, 'data-step-status': step.status });
  if (!step.lines.length && !step.dropped) item.append(h('div', { class: 'run-log-step' }, ...head));
  else {
    const open = step.status === 'running' || step.status === 'failed';
    item.append(h('details', { open }, h('summary', {}, ...head), ...logLines(step.lines, step.dropped, `Log of ${step.name}`)));
  }
  return item;
}

function failure(log: RunLog): HTMLElement | null {
  if (!log.error) return null;
  const step = log.steps.find((s) => s.id === log.failedStep);
  return h(
    'div',
    { class: 'run-log-error', role: 'alert', 'data-run-log-error': true },
    h('p', {}, h('strong', {}, step ? `Failed at step “${step.name}”` : 'The run failed')),
    h('pre', { class: 'run-log-lines' }, log.error),
  );
}

/** The log as the panel shows it; `htmlUrl` links to the check run on GitHub. */
export function renderRunLog(state: RunLogState): HTMLElement {
  const { log } = state;
  const box = h('div', { class: 'run-log', 'data-run-log': log?.state ?? 'unknown' }, h('h4', {}, 'Step log'));
  if (!log) {
    box.append(h('p', {}, 'The step log is not readable here. ', state.htmlUrl ? h('a', { href: state.htmlUrl, rel: 'noopener noreferrer' }, 'Read it on GitHub') : null));
    return box;
  }
  box.append(failure(log) ?? '');
  if (log.notes.length) box.append(h('details', { class: 'run-log-notes' }, h('summary', {}, 'Run'), ...logLines(log.notes, log.notesDropped, 'Log of the run')));
  box.append(h('ol', { class: 'run-log-steps', 'data-run-log-steps': true }, ...log.steps.map(stepItem)));
  if (log.links.length) box.append(h('h4', {}, 'Output'), h('ul', { class: 'run-links', 'data-run-links': true }, ...log.links.map(linkItem)));
  for (const text of log.text) {
    box.append(h('section', { class: 'run-log-text' }, text.title ? h('h5', {}, text.title) : null, text.content ? h('pre', { class: 'run-log-lines' }, text.content) : null));
  }
  if (state.htmlUrl) box.append(h('p', {}, h('a', { href: state.htmlUrl, rel: 'noopener noreferrer', 'data-run-log-link': true }, 'The step log on GitHub')));
  return box;
}
