// One catalog file's text checked as a build checks it: the build's parser and validator, no I/O, so the register
// page runs the same rules in the browser. Browser-safe: no Node imports. Placeholders and references to other
// entities need the repo and the org; `backlot validate` checks those.

import { DEFAULT_NAMESPACE } from '../model/entity.ts';
import { parseCatalogFile } from './parse.ts';
import { findPosition } from './positions.ts';
import type { ValidationIssue } from './validate/index.ts';

export interface TextProblem {
  code: string;
  message: string;
  hint?: string;
  line: number;
  column: number;
  /** The field at fault, `['metadata', 'name']`; [] for the document or the file. */
  path: Array<string | number>;
}

export function checkCatalogText(text: string, validate: (entity: unknown) => ValidationIssue[]): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const doc of parseCatalogFile(text)) {
    if (doc.kind === 'error') {
      problems.push({ code: doc.code, message: doc.message, hint: doc.hint, line: doc.line, column: doc.column, path: [] });
      continue;
    }
    const value = structuredClone(doc.value);
    // As the catalog stage does before validating (src/catalog/document.ts).
    const meta = value.metadata;
    if (meta && typeof meta === 'object' && !Array.isArray(meta) && (meta as Record<string, unknown>).namespace === undefined) {
      (meta as Record<string, unknown>).namespace = DEFAULT_NAMESPACE;
    }
    for (const issue of validate(value)) {
      const at = findPosition(doc.positions, issue.path, issue.onKey) ?? doc.root;
      problems.push({ code: issue.code, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}), line: at.line, column: at.column, path: issue.path });
    }
  }
  return problems;
}
