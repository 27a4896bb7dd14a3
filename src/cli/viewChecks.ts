// Problems only the view stage can find (a template whose Create form cannot be built), added to the pipeline's
// diagnostics by the commands that report them, before anything renders: the pipeline never imports the views.

import { compareDiagnostics } from '../model/diagnostic.ts';
import type { PipelineResult } from '../pipeline/index.ts';
import { formDiagnostics } from '../views/create/page-data.ts';

export function addViewDiagnostics(result: PipelineResult): void {
  const found = formDiagnostics(result.model);
  if (found.length === 0) return;
  result.diagnostics = [...result.diagnostics, ...found].sort(compareDiagnostics);
  result.model.diagnostics = result.diagnostics;
}
