// Diagnostics sliced the ways the pages show them.

import { compareDiagnostics, type Diagnostic } from '../../model/diagnostic.ts';

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** The entity's own problems, in file order. */
export function diagnosticsForEntity(diagnostics: readonly Diagnostic[], ref: string): Diagnostic[] {
  const want = ref.toLowerCase();
  return diagnostics.filter((d) => d.entity?.toLowerCase() === want).sort(compareDiagnostics);
}

export interface RepoDiagnostics extends SeverityCounts {
  repo: string;
  diagnostics: Diagnostic[];
}

/** Grouped by repo (repos sorted by name), each group in file order. */
export function diagnosticsByRepo(diagnostics: readonly Diagnostic[]): RepoDiagnostics[] {
  const byRepo = new Map<string, Diagnostic[]>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const list = byRepo.get(d.repo) ?? [];
    list.push(d);
    byRepo.set(d.repo, list);
  }
  return [...byRepo].map(([repo, list]) => ({ repo, diagnostics: list, ...countSeverities(list) }));
}

/** `file:line:col`; line 0 means no position, so only the file. */
export function diagnosticLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (d.line <= 0) return d.file;
  return d.column > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
}
