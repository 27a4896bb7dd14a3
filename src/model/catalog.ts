// An entity as the pipeline carries it: the entity plus where it came from.

import type { Entity } from './entity.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface EntitySource {
  repo: string;
  /** Repo-relative posix path of the YAML file. */
  file: string;
  /** Position of the YAML document's root node. */
  line: number;
  column: number;
  /**
   * Positions of the entity's YAML nodes by JSON pointer (`/spec/owner`, `/spec/dependsOn/0`),
   * so later stages can pin a diagnostic to the exact field.
   */
  positions: Record<string, SourcePosition>;
}

export interface CatalogEntity {
  /** Canonical lower-case `kind:namespace/name`. */
  ref: string;
  entity: Entity;
  source: EntitySource;
}
