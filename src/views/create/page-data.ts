// What a template's Create page hands its script: the form, where GitHub is, and the limits it works with.

import type { Diagnostic } from '../../model/diagnostic.ts';
import type { PortalEntity, PortalModel } from '../../model/portal.ts';
import { buildForm, type TemplateForm } from './form.ts';
import { isTemplate } from './templates.ts';
import { githubTarget, newTokenUrl, workflowPageUrl, type GithubTarget } from './github.ts';
import { MAX_ISSUE_URL_LENGTH } from './issue-url.ts';
import { templatePreviewPath } from '../../model/routes.ts';

export interface CreatePageData {
  form: TemplateForm;
  github: GithubTarget;
  /** The scaffold workflow's page on GitHub, when the portal repo is known. */
  workflowUrl?: string;
  tokenUrl: string;
  maxIssueUrl: number;
  /** The preview's data file (relative to the site's base), or why the template has no preview. */
  preview: { path: string } | { unavailable: string };
}

function previewOf(model: PortalModel, template: PortalEntity): CreatePageData['preview'] {
  const preview = model.templatePreviews?.[template.ref];
  if (!preview) return { unavailable: 'the build did not read this template’s repo, so there is nothing to preview' };
  return 'data' in preview ? { path: templatePreviewPath(template.ref) } : { unavailable: preview.unavailable };
}

export function createPageData(model: PortalModel, template: PortalEntity): CreatePageData {
  const github = githubTarget(model.site);
  const workflowUrl = workflowPageUrl(github);
  return {
    form: safeForm(template, () => buildForm(template, model.entities, formOptions(model))),
    github,
    ...(workflowUrl ? { workflowUrl } : {}),
    tokenUrl: newTokenUrl(github),
    maxIssueUrl: MAX_ISSUE_URL_LENGTH,
    preview: previewOf(model, template),
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
    const { source } = template;
    return {
      ref: template.ref,
      title: template.entity.metadata.name,
      pages: [],
      buttons: { back: 'Back', review: 'Review', create: 'Create' },
      failed: `${source.repo}: ${source.file}:${source.line}: ${formFailure(template, error)}`,
    };
  }
}

const formOptions = (model: PortalModel) => ({ defaultHost: new URL(githubTarget(model.site).web).host });

function formFailure(template: PortalEntity, error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return `the form of ${template.ref} could not be built from spec.parameters: ${message}`;
}

/**
 * The templates whose form cannot be built, as diagnostics for the build's problems (the CLI adds them to the
 * model's diagnostics before the site renders): the Create page says why, and so do the Problems page and
 * `backlot validate`.
 */
export function formDiagnostics(model: PortalModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const template of model.entities) {
    if (!isTemplate(template)) continue;
    try {
      buildForm(template, model.entities, formOptions(model));
    } catch (error) {
      const { repo, file, line, column } = template.source;
      out.push({
        severity: 'error',
        code: 'render-failed',
        message: formFailure(template, error),
        hint: 'Check spec.parameters: each page must be a JSON Schema object, and picker options plain values.',
        repo,
        file,
        line,
        column,
        entity: template.ref,
      });
    }
  }
  return out;
}

/** JSON for a `<script type="application/json">`: no `<` so no `</script>` can end it early. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
