// `catalog:register`: a static portal has no catalog API to register with, so this asks the portal repo to
// rebuild (repository_dispatch); the next crawl finds the new repo's catalog-info.yaml.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { stringifyEntityRef } from '../../model/entityRef.ts';
import { resolveSafeChildPath } from '../safePath.ts';
import type { ActionContext, ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalString } from './input.ts';

/** The `repository_dispatch` event type that build.yml listens for. */
export const REBUILD_EVENT = 'backlot-rebuild';

/** Backstage's name for the Location it makes for a registered URL. */
export function generatedLocationName(target: string): string {
  return `generated-${createHash('sha1').update(`url:${target}`).digest('hex')}`;
}

/**
 * The ref Backstage's catalog:register reports for a catalog file pushed earlier in this run: a Component first,
 * else the first entity (a Location when the file holds only Locations), else the Location made for the URL.
 */
async function entityRefOf(ctx: ActionContext, catalogInfoUrl: string): Promise<string | undefined> {
  for (const repo of ctx.state.published) {
    if (!catalogInfoUrl.startsWith(`${repo.repoContentsUrl}/`)) continue;
    const rel = catalogInfoUrl.slice(repo.repoContentsUrl.length + 1);
    let text: string;
    try {
      text = await readFile(resolveSafeChildPath(repo.dir, rel), 'utf8');
    } catch {
      return undefined;
    }
    const refs: Array<{ kind: string; ref: string }> = [];
    for (const doc of parseAllDocuments(text)) {
      if (!('toJS' in doc)) continue;
      const entity = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      if (!entity || typeof entity.kind !== 'string' || typeof entity.metadata?.name !== 'string') continue;
      const namespace = typeof entity.metadata.namespace === 'string' ? entity.metadata.namespace : undefined;
      refs.push({ kind: entity.kind, ref: stringifyEntityRef({ kind: entity.kind, name: entity.metadata.name, ...(namespace ? { namespace } : {}) }) });
    }
    return (refs.find((r) => r.kind === 'Component') ?? refs[0])?.ref ?? stringifyEntityRef({ kind: 'Location', name: generatedLocationName(catalogInfoUrl) });
  }
  return undefined;
}

/** `catalogInfoPath` against the repo's contents URL, as Backstage's integrations resolve it (`/` is the repo root). */
export function catalogInfoUrlOf(repoContentsUrl: string, catalogInfoPath = '/catalog-info.yaml'): string {
  const base = repoContentsUrl.replace(/\/+$/, '');
  const path = posix.normalize(catalogInfoPath.replace(/^\/+/, ''));
  if (path === '..' || path.startsWith('../')) throw new Error(`input "catalogInfoPath" "${catalogInfoPath}" leaves the repo`);
  return `${base}/${path}`;
}

export const catalogRegister: ScaffoldAction = {
  id: 'catalog:register',
  external: true,
  async handler(ctx) {
    const optional = optionalBoolean(ctx.input, 'optional') ?? false;
    let catalogInfoUrl = optionalString(ctx.input, 'catalogInfoUrl');
    if (!catalogInfoUrl) {
      const contents = optionalString(ctx.input, 'repoContentsUrl');
      if (!contents) throw new Error('input "catalogInfoUrl" or "repoContentsUrl" is required');
      catalogInfoUrl = catalogInfoUrlOf(contents, optionalString(ctx.input, 'catalogInfoPath'));
    }
    // A static portal registers by crawling: a file its rebuild never reads would register nothing.
    const unread = ctx.unreadCatalogFile?.(catalogInfoUrl);
    if (unread) {
      if (!optional && !ctx.dryRun) throw new Error(`${catalogInfoUrl} would not be registered: ${unread}`);
      ctx.log(`warning: ${catalogInfoUrl} will not be registered: ${unread}`);
    }
    const entityRef = await entityRefOf(ctx, catalogInfoUrl);
    ctx.output('catalogInfoUrl', catalogInfoUrl);
    if (entityRef) ctx.output('entityRef', entityRef);

    const portal = ctx.portalRepo;
    const payload = { catalogInfoUrl, template: ctx.template.ref, ...(entityRef ? { entityRef } : {}) };
    if (!portal && ctx.dryRun) {
      return ctx.effect(`ask the portal repo (set scaffold.portalRepo or GITHUB_REPOSITORY) to rebuild (repository_dispatch "${REBUILD_EVENT}")`, payload);
    }
    if (!portal) {
      const message = 'the portal repo is unknown (set scaffold.portalRepo in the config, or run in its GitHub Actions)';
      if (optional) return ctx.log(`warning: not asking for a rebuild: ${message}`);
      throw new Error(message);
    }
    const summary = `ask ${portal.owner}/${portal.name} to rebuild the portal (repository_dispatch "${REBUILD_EVENT}")`;
    if (ctx.dryRun) return ctx.effect(summary, payload);
    try {
      await ctx.github(portal.host).request('POST /repos/{owner}/{repo}/dispatches', {
        owner: portal.owner, repo: portal.name, event_type: REBUILD_EVENT, client_payload: payload,
      });
    } catch (err) {
      if (!optional) throw err;
      return ctx.log(`warning: could not ask for a rebuild: ${(err as Error).message}`);
    }
    ctx.effect(summary, payload);
  },
};
