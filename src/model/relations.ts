// The one relation table: Backstage's relation pairs (catalog-model `kinds/relations.ts`), their titles, how a
// graph draws them, and which spec field of which kind produces them (BuiltinKindsEntityProcessor and
// ScaffolderEntitiesProcessor). The graph stage, the pages and the graphs all read it from here.

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

export interface RelationPair {
  /** The type Backstage names first in the pair. */
  forward: string;
  reverse: string;
}

interface RelationTypeInfo {
  /** Backstage's UI title. */
  title: string;
  /** The pair's other side. */
  inverse: string;
  /**
   * Graphs draw each pair once, from the containing or acting side (owner → owned, system → part, provider →
   * API): true when an edge of this type is drawn from its target to its source.
   */
  drawnReversed: boolean;
}

// In the order the portal shows relation groups.
const TYPES: Record<string, RelationTypeInfo> = {
  ownedBy: { title: 'Owned by', inverse: 'ownerOf', drawnReversed: true },
  ownerOf: { title: 'Owner of', inverse: 'ownedBy', drawnReversed: false },
  partOf: { title: 'Part of', inverse: 'hasPart', drawnReversed: true },
  hasPart: { title: 'Has part', inverse: 'partOf', drawnReversed: false },
  providesApi: { title: 'Provides API', inverse: 'apiProvidedBy', drawnReversed: false },
  apiProvidedBy: { title: 'API provided by', inverse: 'providesApi', drawnReversed: true },
  consumesApi: { title: 'Consumes API', inverse: 'apiConsumedBy', drawnReversed: false },
  apiConsumedBy: { title: 'API consumed by', inverse: 'consumesApi', drawnReversed: true },
  dependsOn: { title: 'Depends on', inverse: 'dependencyOf', drawnReversed: false },
  dependencyOf: { title: 'Dependency of', inverse: 'dependsOn', drawnReversed: true },
  parentOf: { title: 'Parent of', inverse: 'childOf', drawnReversed: false },
  childOf: { title: 'Child of', inverse: 'parentOf', drawnReversed: true },
  memberOf: { title: 'Member of', inverse: 'hasMember', drawnReversed: true },
  hasMember: { title: 'Has member', inverse: 'memberOf', drawnReversed: false },
};

/** Backstage's relation pairs, forward type first, in catalog-model's order. */
export const RELATION_PAIRS: readonly RelationPair[] = [
  { forward: 'ownedBy', reverse: 'ownerOf' },
  { forward: 'providesApi', reverse: 'apiProvidedBy' },
  { forward: 'consumesApi', reverse: 'apiConsumedBy' },
  { forward: 'dependsOn', reverse: 'dependencyOf' },
  { forward: 'parentOf', reverse: 'childOf' },
  { forward: 'memberOf', reverse: 'hasMember' },
  { forward: 'partOf', reverse: 'hasPart' },
];

/** Built-in relation types in display order. */
export const RELATION_TYPES: readonly string[] = Object.keys(TYPES);

const known = (type: string): RelationTypeInfo | undefined => (Object.hasOwn(TYPES, type) ? TYPES[type] : undefined);

/** Display title of a relation type; unknown types are split from camelCase. */
export function relationTitle(type: string): string {
  const info = known(type);
  if (info) return info.title;
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The other side of a known relation pair (`ownedBy` → `ownerOf`); undefined for other types. */
export function inverseRelation(type: string): string | undefined {
  return known(type)?.inverse;
}

/** Where a type stands in the display order (unknown types last). */
export function relationRank(type: string): number {
  const i = RELATION_TYPES.indexOf(type);
  return i === -1 ? RELATION_TYPES.length : i;
}

/** The edge `from --type--> to` is drawn as: one direction and label per pair; unknown types as they are. */
export function drawnEdge(from: string, type: string, to: string): { from: string; to: string; label: string } {
  const info = known(type);
  if (!info) return { from, to, label: relationTitle(type).toLowerCase() };
  const drawnType = info.drawnReversed ? info.inverse : type;
  const label = TYPES[drawnType]!.title.toLowerCase().replace(/\bapi\b/, 'API');
  return info.drawnReversed ? { from: to, to: from, label } : { from, to, label };
}

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

const field = (name: string, type: string, defaultKind?: string): RelationField => ({
  field: name,
  type,
  reverse: TYPES[type]!.inverse,
  ...(defaultKind ? { defaultKind } : {}),
});
const owner = field('owner', 'ownedBy', 'Group');
const system = field('system', 'partOf', 'System');
const dependsOn = field('dependsOn', 'dependsOn');
const dependencyOf = field('dependencyOf', 'dependencyOf');

// Kinds match case-sensitively, as Backstage's kind schemas and processors do.
const FIELDS: Record<string, readonly RelationField[]> = {
  Component: [
    owner,
    field('subcomponentOf', 'partOf', 'Component'),
    field('providesApis', 'providesApi', 'API'),
    field('consumesApis', 'consumesApi', 'API'),
    dependsOn,
    dependencyOf,
    system,
  ],
  API: [owner, system],
  Resource: [owner, dependsOn, dependencyOf, system],
  User: [field('memberOf', 'memberOf', 'Group')],
  Group: [field('parent', 'childOf', 'Group'), field('children', 'parentOf', 'Group'), field('members', 'hasMember', 'User')],
  System: [owner, field('domain', 'partOf', 'Domain')],
  Domain: [owner, field('subdomainOf', 'partOf', 'Domain')],
  Template: [owner],
};

/**
 * The ref fields of a kind. Template fields apply only to v1beta3 when an apiVersion is given
 * (the scaffolder processor ignores other versions). Unknown kinds and Location have none.
 */
export function relationFields(kind: string, apiVersion?: string): readonly RelationField[] {
  if (kind === 'Template' && apiVersion !== undefined && apiVersion !== TEMPLATE_API_VERSION) return [];
  return Object.hasOwn(FIELDS, kind) ? (FIELDS[kind] ?? []) : [];
}
