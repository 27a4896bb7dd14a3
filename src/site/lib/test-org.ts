// Test helper: entities written as YAML would give them, with relations from the real graph stage.

import { resolveRelations } from '../../graph/index.ts';
import type { Entity } from '../../model/entity.ts';
import { entityRefOf } from '../../model/entityRef.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { indexEntities, type EntityIndex } from '../../views/entities.ts';

export function entity(kind: string, name: string, spec: Record<string, unknown> = {}, metadata: Partial<Entity['metadata']> = {}): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, ...metadata }, spec };
}

export function orgEntities(entities: Entity[]): PortalEntity[] {
  const graph = resolveRelations(
    entities.map((e) => ({ ref: entityRefOf(e), entity: e, source: { repo: 'org', file: 'catalog-info.yaml', line: 1, column: 1, positions: {} } })),
  );
  return graph.entities.map((e) => ({ ref: e.ref, entity: e.entity, source: { repo: 'org', file: 'catalog-info.yaml', line: 1, column: 1 } }));
}

export function orgIndex(entities: Entity[]): EntityIndex {
  return indexEntities(orgEntities(entities));
}
