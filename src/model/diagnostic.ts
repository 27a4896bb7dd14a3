// A problem found in the org's input, pinned to the place that causes it.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `yaml-syntax`, `schema`, `duplicate-entity`, `dangling-ref`, `placeholder`, `unknown-kind`. */
  code: string;
  message: string;
  /** What to change, when we can say. */
  hint?: string;
  /** Repo name as the snapshot knows it. */
  repo: string;
  /** Repo-relative posix path, no leading slash. */
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. a missing file). */
  line: number;
  column: number;
  /** Canonical ref of the entity concerned, when there is one. */
  entity?: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.repo.localeCompare(b.repo) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.code.localeCompare(b.code)
  );
}
