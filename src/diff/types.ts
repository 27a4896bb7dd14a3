// What `backlot diff` reports: plain JSON, the `--format json` output as it is.

export type { ApiChange, ChangedEntity, ChangeKind, FieldChange, RelationChange } from '../model/changes.ts';
import type { ApiChange, ChangedEntity, RelationChange } from '../model/changes.ts';

export interface ApiDiff {
  /** `spec.type`, lower-cased. */
  type: string;
  breaking: ApiChange[];
  nonBreaking: ApiChange[];
  /** Set when either side cannot be read: no rules were applied. */
  unreadable?: string;
}

/** A changed entity as `backlot diff` reports it: with its relations and its API definition's changes. */
export interface EntityChange extends ChangedEntity {
  relationsAdded: RelationChange[];
  relationsRemoved: RelationChange[];
  api?: ApiDiff;
}

export type ImpactVia = 'consumer' | 'dependent' | 'child' | 'member' | 'owned' | 'part';

export interface AffectedEntity {
  ref: string;
  via: ImpactVia;
  /** 1 for a direct relation; more through dependents of dependents. */
  depth: number;
  owner?: string;
  /** Owned by someone other than the changed entity's owner. */
  otherOwner: boolean;
}

/** A TechDocs page that links to the changed entity (its page or its docs). */
export interface AffectedDocsPage {
  title: string;
  /** The page's URL path, with the site's base. */
  url: string;
  /** Whose docs the page is. */
  entity: string;
  owner?: string;
  otherOwner: boolean;
}

export interface Impact {
  /** The changed entity (base ref for removed and renamed ones). */
  ref: string;
  owner?: string;
  reason: 'removed' | 'renamed' | 'breaking-api';
  affected: AffectedEntity[];
  /** Docs pages linking to it, when the head's docs were built (not from catalog files alone); bounded like `affected`. */
  docs?: AffectedDocsPage[];
  /** The bound cut the list short. */
  truncated?: true;
}

export interface DiffSummary {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
  breaking: number;
  /** Breaking changes that affect an entity of another owner. */
  breakingOtherOwner: number;
}

export interface CatalogDiff {
  summary: DiffSummary;
  /** Sorted: breaking first, then by ref. */
  changes: EntityChange[];
  impacts: Impact[];
}
