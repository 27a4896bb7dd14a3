// The no-token way to run a template: a link that opens the portal repo's scaffold issue form pre-filled
// (.github/ISSUE_TEMPLATE/scaffold.yml; `src/scaffold/issue.ts` reads the issue GitHub makes of it).

import { SCAFFOLD_ISSUE_FORM, TEMPLATE_FIELD_ID, TEMPLATE_LABEL, VALUES_FIELD_ID, VALUES_LABEL } from '../../model/scaffoldIssue.ts';
import type { GithubTarget } from './github.ts';
import type { Values } from './values.ts';

/**
 * Longest pre-filled issue link we hand out, in characters. GitHub answers longer request lines with an
 * error page (its front end allows about 8 KB); 8,000 leaves room for the browser's own headers' budget.
 */
export const MAX_ISSUE_URL_LENGTH = 8000;


/** The values as they go into the issue: indented JSON, readable in the issue that stays as the audit trail. */
export function issueValuesText(values: Values): string {
  return JSON.stringify(values, null, 2);
}

export type IssueLink =
  | { ok: true; url: string; length: number }
  | { ok: false; reason: 'no-repo' }
  | { ok: false; reason: 'too-long'; length: number; limit: number };

export function scaffoldIssueUrl(target: GithubTarget, templateRef: string, values: Values, limit = MAX_ISSUE_URL_LENGTH): IssueLink {
  if (!target.repo) return { ok: false, reason: 'no-repo' };
  const query = [
    ['template', SCAFFOLD_ISSUE_FORM],
    ['title', `Scaffold request: ${templateRef}`],
    [TEMPLATE_FIELD_ID, templateRef],
    [VALUES_FIELD_ID, issueValuesText(values)],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
  const url = `${target.web}/${target.repo}/issues/new?${query}`;
  return url.length > limit ? { ok: false, reason: 'too-long', length: url.length, limit } : { ok: true, url, length: url.length };
}

/**
 * The issue body GitHub writes when that form is submitted unchanged: one `### <label>` section per field,
 * the values textarea (`render: json`) inside a json fence. Kept here to test the round trip.
 */
export function scaffoldIssueBody(templateRef: string, values: Values): string {
  return `### ${TEMPLATE_LABEL}\n\n${templateRef}\n\n### ${VALUES_LABEL}\n\n\`\`\`json\n${issueValuesText(values)}\n\`\`\`\n`;
}

/** The field whose value takes the most room in the link, to name it when the link is too long. */
export function longestValue(values: Values): { name: string; length: number } | undefined {
  let best: { name: string; length: number } | undefined;
  for (const [name, value] of Object.entries(values)) {
    const length = encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value)).length;
    if (!best || length > best.length) best = { name, length };
  }
  return best;
}
