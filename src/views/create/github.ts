// Where the Create pages send people and requests: the portal repo on GitHub (or GHES), from the model's site.

import type { PortalModel } from '../../model/portal.ts';

/** The workflow (`.github/workflows/`) and the issue form (`.github/ISSUE_TEMPLATE/`) that run templates. */
import { SCAFFOLD_WORKFLOW } from '../../model/scaffoldIssue.ts';

export { SCAFFOLD_ISSUE_FORM, SCAFFOLD_WORKFLOW } from '../../model/scaffoldIssue.ts';

export interface GithubTarget {
  /** Web origin (plus path prefix), no trailing slash: `https://github.com`. */
  web: string;
  /** REST API base, no trailing slash: `https://api.github.com` or `https://ghes.example/api/v3`. */
  api: string;
  /** `owner/name` of the portal repo, when configured. */
  repo?: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** Defaults: github.com and api.github.com; a GHES web URL implies its `/api/v3`. */
export function githubTarget(site: PortalModel['site']): GithubTarget {
  const web = trim(site.githubUrl ?? 'https://github.com');
  const api = trim(site.githubApiUrl ?? (/^https:\/\/github\.com$/i.test(web) ? 'https://api.github.com' : `${web}/api/v3`));
  return { web, api, ...(site.repo ? { repo: site.repo } : {}) };
}

/** The scaffold workflow's page, where runs are listed and started by hand. */
export function workflowPageUrl(target: GithubTarget): string | undefined {
  return target.repo ? `${target.web}/${target.repo}/actions/workflows/${SCAFFOLD_WORKFLOW}` : undefined;
}

/** GitHub's page for creating a fine-grained token. */
export function newTokenUrl(target: GithubTarget): string {
  return `${target.web}/settings/personal-access-tokens/new`;
}
