// The vocabulary of change: what `backlot diff` reports for an entity and what the catalog's history keeps.
// Here (not in diff/) because the portal model carries the history and the model imports no stage.

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

/** A spec or metadata field people care about: a value before and after, or the items a list gained and lost. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
  added?: string[];
  removed?: string[];
}

export interface RelationChange {
  type: string;
  targetRef: string;
}

/** One change inside an API definition, e.g. `GET /pets` · `response 200 field "name" removed`. */
export interface ApiChange {
  breaking: boolean;
  /** Operation, channel, type or message the change is in. */
  where: string;
  message: string;
}

export interface HistoryEntry {
  /** When the build that saw the change ran (ISO 8601). */
  at: string;
  ref: string;
  kind: string;
  change: ChangeKind;
  from?: string;
  owner?: string;
  /** Field changes; relations are left out (they follow from the fields, and would double the file). */
  fields: FieldChange[];
  breaking: boolean;
  /** The API definition's breaking changes, when there were any. */
  api?: ApiChange[];
  /** Entities of other owners a breaking change reached. */
  affectsOthers?: number;
  /** The commit (and its author) of the entity's repo at that build, where the crawl knows them. */
  commit?: string;
  author?: string;
}
