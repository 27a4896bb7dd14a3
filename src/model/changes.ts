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

/** What `backlot diff` and the history both say of a changed entity. */
export interface ChangedEntity {
  /** Canonical ref: the head's, or the base's for a removed entity. */
  ref: string;
  kind: string;
  change: ChangeKind;
  /** For `renamed`: the base's ref. */
  from?: string;
  /** Canonical owner ref, the head's when present. */
  owner?: string;
  fields: FieldChange[];
  /** Removed, renamed (refs to the old name dangle) or an API definition with breaking changes. */
  breaking: boolean;
}

/** A history entry; relations are left out (they follow from the fields, and would double the file). */
export interface HistoryEntry extends ChangedEntity {
  /** When the build that saw the change ran (ISO 8601). */
  at: string;
  /** The API definition's breaking changes, when there were any. */
  api?: ApiChange[];
  /** Entities of other owners a breaking change reached. */
  affectsOthers?: number;
  /** The commit (and its author) of the entity's repo at that build, where the crawl knows them. */
  commit?: string;
  author?: string;
}
