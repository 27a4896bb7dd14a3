// Test helper: entities as tests write them, for every stage's tests. An `Entity` as a catalog file would hold
// it, the same entity as the catalog stage hands it on (`CatalogEntity`) or as the model holds it
// (`PortalEntity`), and a set of entities with their relations from the real graph stage.

import { resolveRelations } from '../graph/index.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Entity } from '../model/entity.ts';
import { entityRefOf } from '../model/entityRef.ts';
import type { PortalEntity } from '../model/portal.ts';

export function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Partial<Entity['metadata']> = {},
  apiVersion?: string,
): Entity {
  return { apiVersion: apiVersion ?? 'backstage.io/v1alpha1', kind, metadata: { name, ...metadata }, spec };
}

/** As read from `source.file` of `source.repo` (default `org/catalog-info.yaml`, line 1). */
export function catalogEntity(item: Entity, source: Partial<CatalogEntity['source']> = {}): CatalogEntity {
  return { ref: entityRefOf(item), entity: item, source: { ...portalSource(source), positions: source.positions ?? {} } };
}

/** As the model holds it; no relations unless `item` has them (see portalEntities). */
export function portalEntity(item: Entity, source: Partial<PortalEntity['source']> = {}): PortalEntity {
  return { ref: entityRefOf(item), entity: item, source: portalSource(source) };
}

/** Missing or undefined parts of a source take the defaults. */
function portalSource(source: Partial<PortalEntity['source']>): PortalEntity['source'] {
  return { repo: source.repo ?? 'org', file: source.file ?? 'catalog-info.yaml', line: source.line ?? 1, column: source.column ?? 1 };
}

/** Entities written in one catalog file, with relations from the real graph stage. */
export function portalEntities(entities: Entity[]): PortalEntity[] {
  const graph = resolveRelations(entities.map((e) => catalogEntity(e)));
  return graph.entities.map((e) => portalEntity(e.entity));
}

/** A Component's catalog file text: what most catalog and crawl tests put in a repo (`extra` lines go after spec.owner). */
export function componentYaml(name: string, more: { owner?: string; extra?: string } = {}): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: ${more.owner ?? 'team-a'}\n${more.extra ?? ''}`;
}
