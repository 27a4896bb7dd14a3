// Small builders shared by the kind schemas. Backstage's kind schemas give every string field minLength 1.

export type JsonSchema = Record<string, unknown>;

/** A built-in kind: which apiVersions claim it and the JSON Schema of its `spec`. */
export interface KindDefinition {
  kind: string;
  apiVersions: readonly string[];
  /** Schema of `spec`; `required` on the entity when `specRequired`. */
  spec: JsonSchema;
  specRequired: boolean;
}

export const BACKSTAGE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

export function text(hint?: string): JsonSchema {
  return { type: 'string', minLength: 1, ...(hint ? { 'x-hint': hint } : {}) };
}

/** An entity reference; `defaultKind` is used when the ref has none ("" = the kind must be written). */
export function ref(defaultKind: string, hint?: string): JsonSchema {
  return { type: 'string', minLength: 1, 'x-ref': defaultKind, ...(hint ? { 'x-hint': hint } : {}) };
}

export function refList(defaultKind: string, hint?: string): JsonSchema {
  return { type: 'array', items: ref(defaultKind), ...(hint ? { 'x-hint': hint } : {}) };
}

export function stringList(hint?: string): JsonSchema {
  return { type: 'array', items: text(), ...(hint ? { 'x-hint': hint } : {}) };
}

/** Group and User `spec.profile`. */
export const profile: JsonSchema = {
  type: 'object',
  properties: { displayName: text(), email: text(), picture: text() },
};

export const OWNER_HINT = 'add spec.owner: the group or user that owns it, e.g. "group:team-a"';
export const LIFECYCLE_HINT = 'add spec.lifecycle, e.g. "production", "experimental" or "deprecated"';
