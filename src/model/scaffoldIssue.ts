// The no-token way to run a template is an issue filed with the portal repo's form
// (.github/ISSUE_TEMPLATE/scaffold.yml): the portal's Create page fills it through the URL, and the scaffold
// workflow reads the issue GitHub makes of it. Both sides take the form's names from here. Browser-safe.

/** The issue form's file and the workflow file the portal dispatches. */
export const SCAFFOLD_ISSUE_FORM = 'scaffold.yml';
export const SCAFFOLD_WORKFLOW = 'scaffold.yml';

/** Ids of the form's fields, which GitHub fills from query parameters of the same name. */
export const TEMPLATE_FIELD_ID = 'template-ref';
export const VALUES_FIELD_ID = 'values';

/** Labels of the form's fields; GitHub renders each as a `### <label>` section of the issue body. */
export const TEMPLATE_LABEL = 'Template';
export const VALUES_LABEL = 'Values';
