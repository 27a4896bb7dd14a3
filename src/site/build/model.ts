// The outline check of a model that crossed a process boundary (the parts the CLI sends the site child).

import type { PortalModel } from '../../model/portal.ts';

/** Checks a parsed model's outline, so a wrong one fails with a clear message. */
export function checkModel(data: unknown, source = 'model'): PortalModel {
  const m = data as Partial<PortalModel> | null;
  if (!m || typeof m !== 'object') throw new Error(`${source}: expected an object`);
  if (!m.site || typeof m.site.title !== 'string') throw new Error(`${source}: missing site.title`);
  for (const key of ['repos', 'entities', 'diagnostics'] as const) {
    if (!Array.isArray(m[key])) throw new Error(`${source}: ${key} must be an array`);
  }
  if (!m.apis || typeof m.apis !== 'object') throw new Error(`${source}: apis must be an object`);
  if (!m.docs || !Array.isArray(m.docs.sites) || !Array.isArray(m.docs.redirects)) throw new Error(`${source}: docs must have sites and redirects`);
  return m as PortalModel;
}
