// Test helpers: small catalogs as the static API writes them, relations resolved by the real graph stage.

import { resolveRelations } from '../graph/index.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import { ANNOTATION_LOCATION, type Entity } from '../model/entity.ts';
import { entityRefOf } from '../model/entityRef.ts';

export interface Draft {
  kind: string;
  name: string;
  /** Repo and file it comes from (sets `backstage.io/managed-by-location`); default `<name>/catalog-info.yaml`. */
  file?: string;
  spec?: Record<string, unknown>;
  metadata?: Partial<Entity['metadata']>;
}

export function catalogOf(drafts: Draft[]): Entity[] {
  const items: CatalogEntity[] = drafts.map((d) => {
    const file = d.file ?? `${d.name}/catalog-info.yaml`;
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: d.kind,
      metadata: {
        name: d.name,
        ...d.metadata,
        annotations: { [ANNOTATION_LOCATION]: `url:https://github.com/acme/${file.replace('/', '/blob/main/')}`, ...d.metadata?.annotations },
      },
      ...(d.spec ? { spec: d.spec } : {}),
    };
    return { ref: entityRefOf(entity), entity, source: { repo: file.split('/')[0]!, file, line: 1, column: 1, positions: {} } };
  });
  // Through JSON, as `entities.json` is read back.
  return JSON.parse(JSON.stringify(resolveRelations(items).entities.map((e) => e.entity))) as Entity[];
}
