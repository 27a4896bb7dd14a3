// The validator's issue shape (its home is `./validate/index.ts`; this copy keeps the reader
// independent of the validator until both have landed).

export interface ValidationIssue {
  code: 'schema' | 'unknown-kind' | 'foreign-root-field';
  message: string;
  hint?: string;
  path: Array<string | number>;
  /** Blame the key of the node at `path` rather than its value (e.g. an unknown field). */
  onKey?: boolean;
}
