// The site stage's entry point: Astro renders a model file into static pages.

import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { PortalModel } from '../model/portal.ts';
import { startLayouts, type LayoutReport } from './graphs.ts';
import { parseModel, SHARED_MODEL } from './lib/model.ts';

/** Repo root (where astro.config.mjs lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));


export interface BuildSiteOptions {
  modelFile: string;
  outDir: string;
  base?: string;
  site?: string;
  /** Astro's own log (default: warnings only). */
  verbose?: boolean;
  /** The model in `modelFile`, when the caller has it already (saves reading it again). */
  model?: PortalModel;
  /** Where graph layouts are kept between builds (the config's `cacheDir`); none: computed every build. */
  cacheDir?: string;
}

export interface BuildSiteResult {
  layouts: LayoutReport;
}

/** Renames when both folders are on one filesystem (instant even for 10,000 pages); copies otherwise. */
export async function moveDir(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
  }
}

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const outDir = resolve(options.outDir);
  const model = options.model ?? parseModel(await readFile(options.modelFile, 'utf8'), options.modelFile);
  // Graph layouts are laid out on worker threads while Astro bundles and renders.
  const layoutWork = startLayouts(model, options.cacheDir ? { cacheFile: join(options.cacheDir, 'layouts.json') } : {});
  let layouts: LayoutReport | undefined;
  // Astro writes its prerender chunks into `<outDir>/.prerender/` (or `<cwd>/.astro/` when outDir is outside the cwd)
  // and imports them from there, so they must sit where this package's node_modules resolve, and a second build in
  // the same process must not find the first one's chunks. So: build from the package root, inside it, and copy out.
  const cwd = process.cwd();
  const inside = outDir.startsWith(REPO_ROOT);
  const scratch = join(REPO_ROOT, '.backlot', 'tmp');
  let buildDir = outDir;
  if (!inside) {
    await mkdir(scratch, { recursive: true });
    buildDir = await mkdtemp(join(scratch, 'site-'));
  }
  const previous = { model: process.env.BACKLOT_MODEL, build: process.env.BACKLOT_BUILD };
  process.env.BACKLOT_MODEL = resolve(options.modelFile);
  process.env.BACKLOT_BUILD = randomUUID();
  const shared = globalThis as { [SHARED_MODEL]?: { build: string; model: PortalModel } };
  shared[SHARED_MODEL] = { build: process.env.BACKLOT_BUILD, model };
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  process.chdir(REPO_ROOT);
  try {
    await build({
      root: REPO_ROOT,
      outDir: buildDir,
      base: options.base ?? '/',
      ...(options.site ? { site: options.site } : {}),
      logLevel: options.verbose ? 'info' : 'warn',
    });
    layouts = await layoutWork.finish();
    if (!inside) {
      await rm(outDir, { recursive: true, force: true });
      await moveDir(buildDir, outDir);
    }
  } finally {
    process.chdir(cwd);
    restoreEnv('BACKLOT_MODEL', previous.model);
    restoreEnv('BACKLOT_BUILD', previous.build);
    delete shared[SHARED_MODEL];
    if (!layouts) await layoutWork.finish(); // stops the workers when the build failed
    if (!inside) {
      await rm(buildDir, { recursive: true, force: true });
      await rmdir(scratch).catch(() => {}); // only when empty: parallel builds may still use it
    }
  }
  return { layouts: layouts! };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
