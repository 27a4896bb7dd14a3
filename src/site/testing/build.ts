// Test helpers for building the portal from the fixture org (src/site/fixtures/org/), run through the real
// pipeline: the site tests render what a build produces, never a hand-written model.

import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/load.ts';
import type { PortalModel } from '../../model/portal.ts';
import { runPipeline } from '../../pipeline/index.ts';
import { openLocalSource } from '../../sources/local.ts';

export { REPO_ROOT, buildSite } from '../build.ts';

const FIXTURE_CONFIG = fileURLToPath(new URL('../fixtures/backlot.config.yaml', import.meta.url));

const runs = new Map<string, Promise<PortalModel>>();

/** The fixture org's model for `base` (default `/`); the pipeline runs once per base and process, each caller gets its own copy. */
export async function fixtureModel(options: { base?: string } = {}): Promise<PortalModel> {
  const base = options.base ?? '/';
  let run = runs.get(base);
  if (!run) {
    run = runFixture(base);
    runs.set(base, run);
  }
  return structuredClone(await run);
}

async function runFixture(base: string): Promise<PortalModel> {
  const loaded = loadConfig(FIXTURE_CONFIG);
  const config = { ...loaded, site: { ...loaded.site, base } };
  const source = config.sources[0];
  if (source?.type !== 'local') throw new Error(`${FIXTURE_CONFIG}: expected one local source`);
  const snapshot = await openLocalSource(source, config.root);
  const { model } = await runPipeline(config, snapshot, { catalogPath: () => source.catalogPath });
  return model;
}
