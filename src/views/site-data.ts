// Everything the pages derive from the model, computed once per model rather than once per page.

import type { Diagnostic } from '../model/diagnostic.ts';
import type { PortalEntity, PortalModel } from '../model/portal.ts';
import { countSeverities, diagnosticsByEntity, type SeverityCounts } from './diagnostics.ts';
import { indexEntities, sortEntities, type EntityIndex } from './entities.ts';
import { formatBuildTime } from './format.ts';

export interface SiteData {
  model: PortalModel;
  index: EntityIndex;
  /** Entities in listing order. */
  sorted: PortalEntity[];
  /** Diagnostics keyed by lower-case entity ref, in file order. */
  byEntity: ReadonlyMap<string, Diagnostic[]>;
  counts: SeverityCounts;
  /** The footer's build time, formatted. */
  builtAt: string;
}

// Keyed by the model handed over: every page asks several times, and a build hands over one model.
const cache = new WeakMap<PortalModel, SiteData>();

/** What the pages derive from the model (computed once per model). */
export function siteData(model: PortalModel): SiteData {
  return dataOf(model);
}

function dataOf(model: PortalModel): SiteData {
  const hit = cache.get(model);
  if (hit) return hit;
  const byEntity = diagnosticsByEntity(model.diagnostics);
  const data: SiteData = {
    model,
    index: indexEntities(model.entities),
    sorted: sortEntities(model.entities),
    byEntity,
    counts: countSeverities(model.diagnostics),
    builtAt: formatBuildTime(model.generatedAt),
  };
  cache.set(model, data);
  return data;
}
