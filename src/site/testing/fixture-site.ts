// The fixture org's portal, built (and indexed) once per test run and shared by the test files that only read
// it: a build costs 10-20 s on the 2-core machine, and look, site and register tests built the same one each.
// Files run one after another (the build project's fileParallelism: false); the first that asks builds into a
// folder of its own and renames it into place, so a second asking at once would only build it twice.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { PortalModel } from '../../model/portal.ts';
import { indexSite } from '../../search/index.ts';
import { buildSite, fixtureModel } from './build.ts';

export interface FixtureSite {
  /** The built site: read it, do not change it (copy it first). */
  dir: string;
  /** The model it was built from. */
  model: PortalModel;
  /** Pagefind's count of indexed pages; absent when the site was not indexed. */
  indexed?: { pages: number };
}

const built = new Map<string, Promise<FixtureSite>>();

/** The fixture org's site under `base` (default `/`), indexed by Pagefind with `index`. */
export function fixtureSite(options: { base?: string; index?: boolean } = {}): Promise<FixtureSite> {
  const base = options.base ?? '/';
  const key = `fixture${base.replace(/\W+/g, '-')}${options.index ? 'indexed' : 'plain'}`;
  let site = built.get(key);
  if (!site) {
    site = sharedSite(key, base, options.index ?? false);
    built.set(key, site);
  }
  return site;
}

async function sharedSite(key: string, base: string, index: boolean): Promise<FixtureSite> {
  const root = inject('sharedSites') ?? mkdtempSync(join(tmpdir(), 'backlot-shared-sites-'));
  const shared = join(root, key);
  if (!existsSync(join(shared, 'meta.json'))) {
    mkdirSync(root, { recursive: true });
    const work = mkdtempSync(join(root, `${key}-`));
    const model = await fixtureModel({ base });
    await buildSite({ model, outDir: join(work, 'site'), base });
    const indexed = index ? { pages: (await indexSite(join(work, 'site'), { model })).pages } : undefined;
    writeFileSync(join(work, 'meta.json'), JSON.stringify({ model, ...(indexed ? { indexed } : {}) }));
    try {
      renameSync(work, shared);
    } catch {
      rmSync(work, { recursive: true, force: true }); // built meanwhile by another file: keep that one
    }
  }
  const { model, indexed } = JSON.parse(readFileSync(join(shared, 'meta.json'), 'utf8')) as { model: PortalModel; indexed?: { pages: number } };
  return { dir: join(shared, 'site'), model, ...(indexed ? { indexed } : {}) };
}
