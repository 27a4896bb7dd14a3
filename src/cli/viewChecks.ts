// Problems only the view stage can find (a template whose Create form cannot be built), added to the pipeline's
// diagnostics by the commands that report them, before anything renders: the pipeline never imports the views.

import { compareDiagnostics } from '../model/diagnostic.ts';
import type { PipelineResult } from '../pipeline/index.ts';
import { templateForms, type TemplateForms } from '../views/create/page-data.ts';

/** Builds the templates' forms, adds their problems to the result and returns them for the pages. */
export function addViewDiagnostics(result: Pick<PipelineResult, 'model' | 'diagnostics'>): TemplateForms {
  const forms = templateForms(result.model);
  if (forms.diagnostics.length > 0) {
    result.diagnostics = [...result.diagnostics, ...forms.diagnostics].sort(compareDiagnostics);
    result.model.diagnostics = result.diagnostics;
  }
  return forms;
}
