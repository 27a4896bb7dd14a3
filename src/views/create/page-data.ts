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

/** A template's page data around its form, built once per build by templateForms. */
export function createPageData(model: PortalModel, template: PortalEntity, form: TemplateForm): CreatePageData {
  const github = githubTarget(model.site);
  const workflowUrl = workflowPageUrl(github);
  return {
    form,
    github,
    ...(workflowUrl ? { workflowUrl } : {}),
    tokenUrl: newTokenUrl(github),
    maxIssueUrl: MAX_ISSUE_URL_LENGTH,
    preview: previewOf(model, template),
  };
}

/**
 * Every template's Create form, by ref, and the templates whose form cannot be built as diagnostics for the
 * build's problems. Built once: the CLI adds the diagnostics before the site renders (the Problems page and
 * `backlot validate` show them) and hands the forms to the pages with the model.
 */
export interface TemplateForms {
  forms: Record<string, TemplateForm>;
  diagnostics: Diagnostic[];
}

export function templateForms(model: PortalModel): TemplateForms {
  const forms: Record<string, TemplateForm> = {};
  const diagnostics: Diagnostic[] = [];
  for (const template of model.entities) {
    if (!isTemplate(template)) continue;
    try {
      forms[template.ref] = buildForm(template, model.entities, formOptions(model));
    } catch (error) {
      // A template whose parameters make the form generator throw costs that template's form only: its page
      // shows why instead of the wizard, and every other page of the portal is built.
      const { repo, file, line, column } = template.source;
      const message = formFailure(template, error);
      forms[template.ref] = {
        ref: template.ref,
        title: template.entity.metadata.name,
        pages: [],
        buttons: { back: 'Back', review: 'Review', create: 'Create' },
        failed: `${repo}: ${file}:${line}: ${message}`,
      };
      diagnostics.push({
        severity: 'error',
        code: 'render-failed',
        message,
        hint: 'Check spec.parameters: each page must be a JSON Schema object, and picker options plain values.',
        repo,
        file,
        line,
        column,
        entity: template.ref,
      });
    }
  }
  return { forms, diagnostics };
}

const formOptions = (model: PortalModel) => ({ defaultHost: new URL(githubTarget(model.site).web).host });

function formFailure(template: PortalEntity, error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return `the form of ${template.ref} could not be built from spec.parameters: ${message}`;
}

/** JSON for a `<script type="application/json">`: no `<` so no `</script>` can end it early. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
