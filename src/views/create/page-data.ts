// What a template's Create page hands its script: the form, where GitHub is, and the limits it works with.

import type { PortalEntity, PortalModel } from '../../model/portal.ts';
import { buildForm, type TemplateForm } from './form.ts';
import { githubTarget, newTokenUrl, workflowPageUrl, type GithubTarget } from './github.ts';
import { MAX_ISSUE_URL_LENGTH } from './issue-url.ts';

export interface CreatePageData {
  form: TemplateForm;
  github: GithubTarget;
  /** The scaffold workflow's page on GitHub, when the portal repo is known. */
  workflowUrl?: string;
  tokenUrl: string;
  maxIssueUrl: number;
}

export function createPageData(model: PortalModel, template: PortalEntity): CreatePageData {
  const github = githubTarget(model.site);
  const workflowUrl = workflowPageUrl(github);
  return {
    form: safeForm(template, () => buildForm(template, model.entities, { defaultHost: new URL(github.web).host })),
    github,
    ...(workflowUrl ? { workflowUrl } : {}),
    tokenUrl: newTokenUrl(github),
    maxIssueUrl: MAX_ISSUE_URL_LENGTH,
  };
}

/**
 * A template whose parameters make the form generator throw costs that template's form only: its page shows
 * why instead of the wizard, and every other page of the portal is built.
 */
function safeForm(template: PortalEntity, build: () => TemplateForm): TemplateForm {
  try {
    return build();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const { source } = template;
    return {
      ref: template.ref,
      title: template.entity.metadata.name,
      pages: [],
      buttons: { back: 'Back', review: 'Review', create: 'Create' },
      failed: `${source.repo}: ${source.file}:${source.line}: the form of ${template.ref} could not be built from spec.parameters: ${message}`,
    };
  }
}

/** JSON for a `<script type="application/json">`: no `<` so no `</script>` can end it early. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
