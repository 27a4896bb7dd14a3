// The docs stage when backstage.io/source-location names a branch the build did not read.

import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../model/catalog.ts';
import { memorySnapshot, repoInfo, type RepoFiles } from '../snapshot/memory.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { buildDocs } from './build.ts';
import { resolveOtherBranch } from './locate.ts';
import { createRenderer, type Renderer } from './markdown/render.ts';
import type { DocsResult } from '../model/docs.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});

const LOCATION_AT = { line: 6, column: 34 };

/** A component with docs annotations, its source-location pinned at LOCATION_AT. */
function docsEntity(name: string, annotations: Record<string, string>, repo = name, file = 'catalog-info.yaml'): CatalogEntity {
  const positions = { '/metadata/annotations/backstage.io~1source-location': LOCATION_AT };
  return catalogEntity(entity('Component', name, {}, { annotations }), { repo, file, positions });
}

async function build(repos: Record<string, RepoFiles>, entities: CatalogEntity[]): Promise<DocsResult> {
  const snapshot = memorySnapshot(Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name), files })));
  return buildDocs(snapshot, entities, { base: '/', renderer });
}

const brief = (r: DocsResult) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);

const MONO: RepoFiles = {
  'services/api/catalog-info.yaml': '',
  'services/api/mkdocs.yml': 'site_name: API docs\n',
  'services/api/docs/index.md': '# API\n',
};

describe('dir: with a source-location at another branch', () => {
  it('reads the same repo at the branch the build read, and names both branches', async () => {
    const result = await build({ mono: MONO }, [
      docsEntity('api', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/acme/mono/tree/develop/services/api/' }, 'mono', 'services/api/catalog-info.yaml'),
    ]);
    expect(result.sites.map((s) => [s.entityRef, s.repo, s.rootDir, s.siteName])).toEqual([['component:default/api', 'mono', 'services/api', 'API docs']]);
    expect(brief(result)).toEqual([
      'warning docs-ref services/api/catalog-info.yaml:6:34 backstage.io/source-location points at branch `develop` but the build read `main`: "dir:." is read from acme/mono at `main`, folder services/api',
    ]);
    expect(result.diagnostics[0]!.hint).toContain('…/tree/main/…');
  });

  it('takes the folder from the URL, not from the catalog file', async () => {
    const result = await build({ mono: { ...MONO, 'catalog-info.yaml': '' } }, [
      docsEntity('api', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/acme/mono/tree/develop/services/api/' }, 'mono'),
    ]);
    expect(result.sites.map((s) => [s.repo, s.rootDir, s.docsDir])).toEqual([['mono', 'services/api', 'services/api/docs']]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['docs-ref']);
  });

  it('takes a branch with slashes whole when the rest is the catalog file’s folder', async () => {
    const result = await build({ mono: MONO }, [
      docsEntity('api', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/acme/mono/tree/feature/new-docs/services/api' }, 'mono', 'services/api/catalog-info.yaml'),
    ]);
    expect(result.sites.map((s) => s.rootDir)).toEqual(['services/api']);
    expect(brief(result)[0]).toContain('points at branch `feature/new-docs` but the build read `main`');
  });

  it('resolves in another repo of the build at its branch, and says so when that folder has no pages', async () => {
    const result = await build({ app: { 'catalog-info.yaml': '' }, handbook: { 'guides/mkdocs.yml': 'site_name: Guides\n', 'guides/docs/index.md': '# Guides\n' } }, [
      docsEntity('app', { 'backstage.io/techdocs-ref': 'dir:guides', 'backstage.io/source-location': 'url:https://github.com/acme/handbook/tree/v2/' }),
      docsEntity('gone', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/acme/handbook/tree/v2/removed/' }, 'app'),
    ]);
    expect(result.sites.map((s) => [s.entityRef, s.repo, s.rootDir])).toEqual([['component:default/app', 'handbook', 'guides']]);
    expect(result.diagnostics.map((d) => [d.entity, d.code, d.message.replace(/: .*/, '')])).toEqual([
      ['component:default/gone', 'docs-missing-file', 'techdocs-ref points at removed of handbook, which holds no files'],
      ['component:default/app', 'docs-ref', 'backstage.io/source-location points at branch `v2` but the build read `main`'],
      ['component:default/gone', 'docs-ref', 'backstage.io/source-location points at branch `v2` but the build read `main`'],
    ]);
  });

  it('says so when source-location names a repository the build does not read, and uses the catalog file’s folder', async () => {
    const result = await build({ mono: MONO }, [
      docsEntity('api', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/elsewhere/x/tree/main/' }, 'mono', 'services/api/catalog-info.yaml'),
    ]);
    expect(result.sites.map((s) => s.rootDir)).toEqual(['services/api']);
    expect(brief(result)).toEqual([
      'warning docs-ref services/api/catalog-info.yaml:6:34 backstage.io/source-location url:https://github.com/elsewhere/x/tree/main/ is not a folder of a repository this build reads: "dir:." is resolved against the catalog file\'s folder, services/api',
    ]);
  });

  it('says nothing when source-location is at the branch the build read', async () => {
    const result = await build({ mono: MONO }, [
      docsEntity('api', { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://github.com/acme/mono/tree/main/services/api/' }, 'mono', 'services/api/catalog-info.yaml'),
    ]);
    expect(result.sites.map((s) => s.rootDir)).toEqual(['services/api']);
    expect(result.diagnostics).toEqual([]);
  });

  it('names both branches for a url: techdocs-ref at another branch', async () => {
    const result = await build({ mono: MONO }, [docsEntity('api', { 'backstage.io/techdocs-ref': 'url:https://github.com/acme/mono/tree/develop/services/api' }, 'mono')]);
    expect(result.sites).toEqual([]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      '"url:https://github.com/acme/mono/tree/develop/services/api" points at branch `develop` of acme/mono but the build read `main`, so it has no docs here',
    ]);
  });
});

describe('resolveOtherBranch', () => {
  const repos = [repoInfo('mono')];
  it('splits branch and folder, preferring the split that gives the catalog file’s folder', () => {
    const url = 'https://github.com/acme/mono/tree/release/1.2/services/api';
    expect(resolveOtherBranch(url, repos)).toMatchObject({ branch: 'release', path: '1.2/services/api' });
    expect(resolveOtherBranch(url, repos, { repo: repos[0]!, dir: 'services/api' })).toMatchObject({ branch: 'release/1.2', path: 'services/api' });
    // The root folder would match every URL: the first segment is the branch then.
    expect(resolveOtherBranch(url, repos, { repo: repos[0]!, dir: '' })).toMatchObject({ branch: 'release', path: '1.2/services/api' });
    expect(resolveOtherBranch('https://github.com/acme/mono/tree/', repos)).toBeUndefined();
    expect(resolveOtherBranch('https://github.com/acme/mono/tree/dev%2Fx', repos)).toMatchObject({ branch: 'dev', path: 'x' });
    expect(resolveOtherBranch('https://github.com/acme/mono/tree/dev/../..', repos)).toBeUndefined();
    expect(resolveOtherBranch('https://github.com/acme/other/tree/dev/', repos)).toBeUndefined();
  });
});
