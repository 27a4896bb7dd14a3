// API definition summaries for the pages: the pipeline's (`model.apis`), or, for a model written without
// them (hand-written fixtures, older builds), summarised here once per model.

import { definitionText, summariseDefinition } from '../../apis/summarise.ts';
import type { ApiDefinition } from '../../apis/types.ts';
import type { PortalEntity, PortalModel } from '../../model/portal.ts';

const cache = new WeakMap<PortalModel, Promise<Record<string, ApiDefinition>>>();

export function apiDefinitions(model: PortalModel): Promise<Record<string, ApiDefinition>> {
  if (model.apis) return Promise.resolve(model.apis);
  let hit = cache.get(model);
  if (!hit) {
    hit = summariseAll(model.entities);
    cache.set(model, hit);
  }
  return hit;
}

async function summariseAll(entities: readonly PortalEntity[]): Promise<Record<string, ApiDefinition>> {
  const out: Record<string, ApiDefinition> = {};
  for (const { ref, entity } of entities) {
    if (entity.kind.toLowerCase() !== 'api') continue;
    const text = definitionText(entity.spec?.definition);
    if (text === undefined) continue;
    out[ref] = await summariseDefinition(typeof entity.spec?.type === 'string' ? entity.spec.type : '', text);
  }
  return out;
}

/** The raw definition text of an API entity, as the download serves it. */
export function rawDefinition(item: PortalEntity): string | undefined {
  return definitionText(item.entity.spec?.definition);
}
