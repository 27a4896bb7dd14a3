// Which spec field produces which relation pair (Backstage's BuiltinKindsEntityProcessor + ScaffolderEntitiesProcessor).

export interface RelationPair {
  forward: string;
  reverse: string;
}

/** Backstage's relation pairs (catalog-model `kinds/relations.ts`), forward type first. */
export const RELATION_PAIRS: readonly RelationPair[] = [
  { forward: 'ownedBy', reverse: 'ownerOf' },
  { forward: 'providesApi', reverse: 'apiProvidedBy' },
  { forward: 'consumesApi', reverse: 'apiConsumedBy' },
  { forward: 'dependsOn', reverse: 'dependencyOf' },
  { forward: 'parentOf', reverse: 'childOf' },
  { forward: 'memberOf', reverse: 'hasMember' },
  { forward: 'partOf', reverse: 'hasPart' },
];

export interface RelationField {
  /** Key under `spec`. */
  field: string;
  /** Kind used when the ref has none; undefined means the author must write the kind. */
  defaultKind?: string;
  /** Relation from the entity to the target. */
  type: string;
  /** Relation from the target back to the entity. */
  reverse: string;
}

const owner: RelationField = { field: 'owner', defaultKind: 'Group', type: 'ownedBy', reverse: 'ownerOf' };
const system: RelationField = { field: 'system', defaultKind: 'System', type: 'partOf', reverse: 'hasPart' };
const dependsOn: RelationField = { field: 'dependsOn', type: 'dependsOn', reverse: 'dependencyOf' };
const dependencyOf: RelationField = { field: 'dependencyOf', type: 'dependencyOf', reverse: 'dependsOn' };

// Kinds match case-sensitively, as Backstage's kind schemas and processors do.
const FIELDS: Record<string, readonly RelationField[]> = {
  Component: [
    owner,
    { field: 'subcomponentOf', defaultKind: 'Component', type: 'partOf', reverse: 'hasPart' },
    { field: 'providesApis', defaultKind: 'API', type: 'providesApi', reverse: 'apiProvidedBy' },
    { field: 'consumesApis', defaultKind: 'API', type: 'consumesApi', reverse: 'apiConsumedBy' },
    dependsOn,
    dependencyOf,
    system,
  ],
  API: [owner, system],
  Resource: [owner, dependsOn, dependencyOf, system],
  User: [{ field: 'memberOf', defaultKind: 'Group', type: 'memberOf', reverse: 'hasMember' }],
  Group: [
    { field: 'parent', defaultKind: 'Group', type: 'childOf', reverse: 'parentOf' },
    { field: 'children', defaultKind: 'Group', type: 'parentOf', reverse: 'childOf' },
    { field: 'members', defaultKind: 'User', type: 'hasMember', reverse: 'memberOf' },
  ],
  System: [owner, { field: 'domain', defaultKind: 'Domain', type: 'partOf', reverse: 'hasPart' }],
  Domain: [owner, { field: 'subdomainOf', defaultKind: 'Domain', type: 'partOf', reverse: 'hasPart' }],
  Template: [owner],
};

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/**
 * The ref fields of a kind. Template fields apply only to v1beta3 when an apiVersion is given
 * (the scaffolder processor ignores other versions). Unknown kinds and Location have none.
 */
export function relationFields(kind: string, apiVersion?: string): readonly RelationField[] {
  if (kind === 'Template' && apiVersion !== undefined && apiVersion !== TEMPLATE_API_VERSION) return [];
  return Object.hasOwn(FIELDS, kind) ? (FIELDS[kind] ?? []) : [];
}
