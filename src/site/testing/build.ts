// Test helpers for building the portal from the fixture org (src/site/fixtures/org/), run through the real
// pipeline: the site tests render what a build produces, never a hand-written model.

import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/load.ts';
import type { PortalModel } from '../../model/portal.ts';
import { runPipeline } from '../../pipeline/index.ts';
import { mergeSnapshots } from '../../sources/index.ts';
import { openLocalSource } from '../../sources/local.ts';
import { memorySnapshot, repoInfo, type RepoFiles } from '../../snapshot/memory.ts';

import { buildSite as build, type BuildSiteOptions, type BuildSiteResult } from '../build/build.ts';
import { templateForms } from '../../views/create/page-data.ts';

export { REPO_ROOT } from '../build/build.ts';

const FIXTURE_CONFIG = fileURLToPath(new URL('../fixtures/backlot.config.yaml', import.meta.url));

const runs = new Map<string, Promise<PortalModel>>();

/**
 * The fixture org's model for `base` (default `/`), with `repos` (more repos' files) added to the org. The
 * pipeline runs once per base and process (each caller gets its own copy); with `repos`, every call.
 */
export async function fixtureModel(options: { base?: string; repos?: Record<string, RepoFiles> } = {}): Promise<PortalModel> {
  const base = options.base ?? '/';
  if (options.repos) return runFixture(base, options.repos);
  let run = runs.get(base);
  if (!run) {
    run = runFixture(base);
    runs.set(base, run);
  }
  return structuredClone(await run);
}

async function runFixture(base: string, repos: Record<string, RepoFiles> = {}): Promise<PortalModel> {
  const loaded = loadConfig(FIXTURE_CONFIG);
  const config = { ...loaded, site: { ...loaded.site, base } };
  const source = config.sources[0];
  if (source?.type !== 'local') throw new Error(`${FIXTURE_CONFIG}: expected one local source`);
  const org = await openLocalSource(source, config.root);
  const extra = Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name, { owner: source.org }), files }));
  const snapshot = extra.length ? mergeSnapshots([org, memorySnapshot(extra)]) : org;
  const { model } = await runPipeline(config, snapshot, { catalogPath: () => source.catalogPath, previews: true });
  return model;
}

/**
 * buildSite with the templates' forms handed over as `backlot build` hands them (built from the model before the
 * pages render, src/cli/viewChecks.ts), unless the test brings its own.
 */
export function buildSite(options: Omit<BuildSiteOptions, 'forms'> & { forms?: BuildSiteOptions['forms'] }): Promise<BuildSiteResult> {
  return build({ ...options, forms: options.forms ?? Promise.resolve(options.model).then(templateForms) });
}
