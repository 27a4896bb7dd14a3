// What an entity's pages (its page, relations, definition, raw definition) show, as one key: a rebuild renders
// a page again only when its key changed (./reuse.ts). The key covers the entity's own data and that of every
// entity its lists and graph show (their titles, kinds, descriptions), so a group rename changes the key of
// every page listing the group. Each entity's own digest is computed once per model: linear in the page data.

import { createHash } from 'node:crypto';
import type { PortalModel } from '../../model/portal.ts';
import { entityLists, docsLink } from '../../views/entity-page.ts';
import { entityGraph } from '../../views/graph.ts';
import { changesView } from '../../views/changes.ts';
import { entityPluginCards } from '../../views/plugins.ts';
import { findRepo } from '../../views/repos.ts';
import { findEntity } from '../../views/entities.ts';
import type { SiteData } from '../../views/site-data.ts';
import type { RepoInfo } from '../../model/repo.ts';

const hash = (text: string) => createHash('sha1').update(text).digest('base64url');

export type EntityKeys = (ref: string) => string;

const cache = new WeakMap<PortalModel, EntityKeys>();

/** The key of an entity's pages, for the model `data` was derived from (memoised per model). */
export function entityKeys(data: SiteData): EntityKeys {
  const hit = cache.get(data.model);
  if (hit) return hit;
  const { model, index, byEntity } = data;
  const changes = changesView(model).byRef;
  const own = new Map<string, string>();
  // Everything shown of one entity on any page that lists it or is its own.
  const ownDigest = (ref: string): string => {
    let digest = own.get(ref);
    if (digest !== undefined) return digest;
    const item = findEntity(index, ref);
    digest = item
      ? hash(
          JSON.stringify([
            item,
            byEntity.get(item.ref) ?? [],
            changes.get(item.ref) ?? [],
            entityPluginCards(model, item.ref).cards,
            model.plugins?.tabs?.[item.ref] ?? [], // the tab bar links them
            model.apis[item.ref] ?? null,
            docsLink(model, item),
            repoShown(findRepo(model.repos, item.source.repo)),
          ]),
        )
      : `missing:${ref}`;
    own.set(ref, digest);
    return digest;
  };
  // What every page shows of the site (its title, repo and origins: some come from the environment, not the config).
  const site = hash(JSON.stringify(model.site));
  const keys = new Map<string, string>();
  const keyOf = (ref: string): string => {
    let key = keys.get(ref);
    if (key !== undefined) return key;
    const item = findEntity(index, ref);
    if (!item) return `missing:${ref}`;
    const shown = new Set<string>();
    for (const r of item.entity.relations ?? []) shown.add(r.targetRef);
    collectRefs(entityLists(item, index), shown);
    collectRefs(entityGraph(item.ref, index).nodes, shown);
    shown.delete(item.ref);
    key = hash([site, ownDigest(item.ref), ...[...shown].sort().map((r) => `${r}=${ownDigest(r)}`)].join('\n'));
    keys.set(ref, key);
    return key;
  };
  cache.set(model, keyOf);
  return keyOf;
}

/**
 * What entity pages show of an entity's repo (its link and the file's): not the head commit, which changes with
 * every push to a repo holding many entities (all of an org's Users and Groups, say). Show more, key more.
 */
function repoShown(repo: RepoInfo | undefined): unknown {
  return repo ? [repo.url, repo.owner, repo.name, repo.defaultBranch] : null;
}

/** Every `ref` in view data (lists of targets, graph nodes), not descending into the entities themselves. */
function collectRefs(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.ref === 'string') out.add(record.ref);
  if ('entity' in record && 'source' in record) return; // a PortalEntity: its ref is all that is needed
  for (const v of Object.values(record)) if (v && typeof v === 'object') collectRefs(v, out);
}
