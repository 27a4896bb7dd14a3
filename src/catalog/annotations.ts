// Annotations the catalog computes from where an entity was read (Backstage §3.1, GitHub formats).

import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  type Entity,
} from '../model/entity.ts';
import { stringifyLocationRef } from '../model/entityRef.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import { dirnameOf, encodePath } from './paths.ts';

export interface FileLocation {
  repo: RepoInfo;
  /** Repo-relative path. */
  file: string;
}

function repoBase(repo: RepoInfo): string {
  return repo.url.replace(/\/+$/, '');
}

/** `https://<host>/<o>/<r>/blob/<branch>/<path>`: the file on the web. */
export function viewUrl(at: FileLocation): string {
  return `${repoBase(at.repo)}/blob/${encodePath(at.repo.defaultBranch)}/${encodePath(at.file)}`;
}

export function locationAnnotations(at: FileLocation, origin: FileLocation): Record<string, string> {
  const { repo, file } = at;
  const branch = encodePath(repo.defaultBranch);
  const dir = dirnameOf(file);
  const out: Record<string, string> = {
    [ANNOTATION_LOCATION]: stringifyLocationRef({ type: 'url', target: viewUrl(at) }),
    [ANNOTATION_ORIGIN_LOCATION]: stringifyLocationRef({ type: 'url', target: viewUrl(origin) }),
    [ANNOTATION_VIEW_URL]: viewUrl(at),
  };
  // GitHub cannot edit a file at a commit, so Backstage leaves the pencil out then.
  if (!/^[0-9a-f]{40}$/i.test(repo.defaultBranch)) {
    out[ANNOTATION_EDIT_URL] = `${repoBase(repo)}/edit/${branch}/${encodePath(file)}`;
  }
  out[ANNOTATION_SOURCE_LOCATION] = stringifyLocationRef({ type: 'url', target: `${repoBase(repo)}/tree/${branch}/${dir ? `${encodePath(dir)}/` : ''}` });
  return out;
}

/** Adds computed annotations under the author's: values the author wrote win. */
export function applyAnnotations(entity: Entity, computed: Record<string, string>): void {
  const own = entity.metadata.annotations ?? {};
  if (typeof own !== 'object' || Array.isArray(own)) return;
  const merged: Record<string, string> = { ...own };
  for (const [key, value] of Object.entries(computed)) {
    if (!(key in own)) merged[key] = value;
  }
  entity.metadata.annotations = merged;
}
