// The catalog's data model, as Backstage's catalog-model defines it: plain types, no I/O.

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [key: string]: unknown;
}

export interface EntityRelation {
  type: string;
  /** Canonical, lower-case `kind:namespace/name`. */
  targetRef: string;
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  /** Output only: written by the graph stage. */
  relations?: EntityRelation[];
}

export const DEFAULT_NAMESPACE = 'default';

/** Annotations the catalog computes (Backstage's `location/annotation.ts`). */
export const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
export const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
export const ANNOTATION_EDIT_URL = 'backstage.io/edit-url';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
export const ANNOTATION_TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';
