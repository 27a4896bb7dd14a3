// A list of diagnostics as HTML, the one renderer of the entity page's Problems section and the Problems page:
// file:line:col linked into its repo, severity, code, message and hint, and a cut row's count of the rest with a
// link to the complete diagnostics.json. On the Problems page each row also carries what its filters read
// (client/problems.ts moves the rows between groups by these attributes), its repo and its entity.
// Everything shown comes from crawled repos: text goes through escapeHtml, attributes through attribute().

import { CATALOG_API, withBase } from '../../model/routes.ts';
import { formatCount } from '../../views/count.ts';
import { diagnosticLocation, type DiagnosticItem } from '../../views/diagnostics.ts';
import type { EntityIndex } from '../../views/entities.ts';
import type { ProblemItem } from '../../views/problems.ts';
import { attribute } from './entity-cards-html.ts';
import { refLinkHtml } from './entity-html.ts';
import { ELLIPSIS, escapeHtml as text } from './html.ts';

/** The Problems page's part: the entity index (entity links) and the owners' names. */
export interface ProblemsListContext {
  index: EntityIndex;
  labels: Record<string, string>;
}

export function diagnosticListHtml(items: readonly DiagnosticItem[], base: string): string;
export function diagnosticListHtml(items: readonly ProblemItem[], base: string, problems: ProblemsListContext): string;
export function diagnosticListHtml(items: readonly (DiagnosticItem | ProblemItem)[], base: string, problems?: ProblemsListContext): string {
  let out = '<ul class="diagnostics"> ';
  for (const item of items) out += problems ? itemHtml(item, base, item as ProblemItem, problems) : itemHtml(item, base);
  return `${out} </ul>`;
}

function itemHtml(item: DiagnosticItem, base: string, facts?: ProblemItem, problems?: ProblemsListContext): string {
  const d = item.diagnostic;
  const attrs = facts
    ? ` data-problem="true"${attribute('data-severity', facts.severity)}${attribute('data-code', facts.code)}${attribute('data-repo', facts.repo)}` +
      `${attribute('data-owner', facts.owner)}${attribute('data-teams', facts.teams.join(' '))}${attribute('data-weight', facts.weight)}`
    : '';
  if (item.more) {
    const file = facts ? `${d.repo}/${d.file}` : d.file;
    return (
      `<li class="diag-more"${attribute('data-more-code', item.more.code)}${attribute('data-more-count', item.more.count)}${attrs}> <p class="diag-hint"> ` +
      `${ELLIPSIS} and ${text(formatCount(item.more.count))} more <code>${text(item.more.code)}</code> in <code>${text(file)}</code>: every problem is in <a${attribute('href', withBase(CATALOG_API.diagnostics, base))}>diagnostics.json</a>.` +
      ' </p> </li>'
    );
  }
  const where = text(diagnosticLocation(d));
  const link = item.url ? `<a class="mono"${attribute('href', item.url)}${facts ? ' title="Open this line on GitHub"' : ''}>${where}</a>` : `<code>${where}</code>`;
  let out =
    `<li${attribute('class', `diag diag-${d.severity}`)}${attrs || `${attribute('data-severity', d.severity)}${attribute('data-code', d.code)}`}> <div class="diag-line"> ` +
    `${facts ? `<span class="badge problem-repo">${text(d.repo)}</span> ` : ''}${link} ` +
    `<span${attribute('class', `badge ${d.severity}`)}>${text(d.severity)}</span> <code>${text(d.code)}</code> <span class="diag-message">${text(d.message)}</span> </div> ` +
    `${d.hint ? `<p class="diag-hint">Hint: ${text(d.hint)}</p>` : ''} `;
  if (facts && problems && d.entity) {
    const owner = facts.owner ? `<span class="muted"> · owner ${text(problems.labels[facts.owner] ?? facts.owner)}</span>` : '';
    out += `<p class="diag-entity">\nEntity: ${refLinkHtml(d.entity, problems.index, base, undefined, 'not in catalog')} ${owner} </p>`;
  }
  return `${out} </li>`;
}
