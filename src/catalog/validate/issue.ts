// The validator's output type (re-exported by index.ts).

export interface ValidationIssue {
  code: 'schema' | 'unknown-kind' | 'foreign-root-field';
  /** Human, names the field and the bad value. */
  message: string;
  /** What to change. */
  hint?: string;
  /** Path of the offending node in the entity ([] = root). */
  path: Array<string | number>;
  /** True when the problem is the map KEY at `path` (bad label key, unknown root field). */
  onKey?: boolean;
}

/** An issue with the identity used to drop duplicates (the same check reported by two schemas). */
export interface KeyedIssue {
  key: string;
  issue: ValidationIssue;
}
