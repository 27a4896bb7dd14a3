// `catalog:register`: a static portal has no catalog API to register with, so this asks the portal repo to
// rebuild (repository_dispatch); the next crawl finds the new repo's catalog-info.yaml.

import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { stringifyEntityRef } from '../../model/entityRef.ts';
import { resolveSafeChildPath } from '../safePath.ts';
import type { ActionContext, ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalString } from './input.ts';

/** The `repository_dispatch` event type that build.yml listens for. */
export const REBUILD_EVENT = 'backlot-rebuild';

/** The first non-Location entity of a catalog file pushed earlier in this run, as Backstage reports it. */
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
    for (const doc of parseAllDocuments(text)) {
      if (!('toJS' in doc)) continue;
      const entity = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      if (!entity || typeof entity.kind !== 'string' || entity.kind === 'Location' || typeof entity.metadata?.name !== 'string') continue;
      const namespace = typeof entity.metadata.namespace === 'string' ? entity.metadata.namespace : undefined;
      return stringifyEntityRef({ kind: entity.kind, name: entity.metadata.name, ...(namespace ? { namespace } : {}) });
    }
  }
  return undefined;
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
      const path = optionalString(ctx.input, 'catalogInfoPath') ?? '/catalog-info.yaml';
      catalogInfoUrl = `${contents.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
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
