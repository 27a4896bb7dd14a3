// A model read from JSON (a model file written by a test or a tool), checked so a wrong file fails clearly.

import type { PortalModel } from '../../model/portal.ts';

/** Parses the model JSON and checks its outline, so a wrong file fails with a clear message. */
export function parseModel(text: string, source = 'model'): PortalModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${(err as Error).message})`);
  }
  return checkModel(data, source);
}

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
