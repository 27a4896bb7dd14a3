// Loads the resolved model the CLI wrote. Pages read only this; they never parse YAML or fetch.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PortalModel } from '../../model/portal.ts';

/** `BACKLOT_MODEL` when set, else `<cwd>/.backlot/model.json`. */
export function modelPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.BACKLOT_MODEL;
  return fromEnv ? resolve(cwd, fromEnv) : resolve(cwd, '.backlot', 'model.json');
}

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
  return m as PortalModel;
}

// One read per build. A later build in the same process may reuse these very modules (Astro's page chunks can
// come back from Node's module cache) with a rewritten model file, so the cache is keyed by the build
// (`BACKLOT_BUILD`, set by buildSite) or, without one (astro dev), by the file's stamp. Keying by the build
// spares 20,000 stat calls at 10,000 entities, each slow on some file systems.
let cached: { key: string; model: PortalModel } | undefined;

/**
 * The model buildSite already holds, for the build it names: pages take it rather than parse the file again
 * (shared through globalThis, as Astro's page chunks have their own copy of this module).
 */
export const SHARED_MODEL = Symbol.for('backlot.model');

export function loadModel(): PortalModel {
  const path = modelPath();
  const build = process.env.BACKLOT_BUILD;
  if (build && cached?.key === `${path}\0${build}`) return cached.model;
  const shared = (globalThis as { [SHARED_MODEL]?: { build: string; model: PortalModel } })[SHARED_MODEL];
  if (build && shared?.build === build) {
    cached = { key: `${path}\0${build}`, model: shared.model };
    return shared.model;
  }
  let key: string;
  let text: string;
  try {
    if (build) key = `${path}\0${build}`;
    else {
      const stats = statSync(path);
      key = `${path}\0${stats.mtimeMs}\0${stats.size}`;
      if (cached?.key === key) return cached.model;
    }
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the Backlot model at ${path} (set BACKLOT_MODEL): ${(err as Error).message}`);
  }
  const model = parseModel(text, path);
  cached = { key, model };
  return model;
}
