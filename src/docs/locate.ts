// Which entities have docs, and where: `backstage.io/techdocs-ref` (`dir:` / `url:`) and
// `backstage.io/techdocs-entity` (show another entity's docs).

import { parseLocationRef } from '../model/entityRef.ts';
import { parseGithubUrl, repoFinder, type GithubUrl } from '../model/githubUrl.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TECHDOCS_ENTITY,
  ANNOTATION_TECHDOCS_REF,
  DEFAULT_NAMESPACE,
} from '../model/entity.ts';
import { parseEntityRef, stringifyEntityRef } from '../model/entityRef.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import { dirOf, joinRepoPath, normalizeRepoPath, type DocsTriplet } from './paths.ts';

export const ANNOTATION_TECHDOCS_ENTITY_PATH = 'backstage.io/techdocs-entity-path';

export interface DocsSource {
  entity: CatalogEntity;
  triplet: DocsTriplet;
  repo: RepoInfo;
  /** Repo-relative folder that holds mkdocs.yml. */
  rootDir: string;
}

export interface DocsLink {
  entity: CatalogEntity;
  /** Canonical ref of the entity whose docs to show. */
  target: string;
  /** Page path inside the target's site (`techdocs-entity-path`), no leading slash. */
  path: string;
}

export function tripletOf(entity: CatalogEntity): DocsTriplet {
  const e = entity.entity;
  return {
    namespace: (e.metadata.namespace || DEFAULT_NAMESPACE).toLowerCase(),
    kind: e.kind.toLowerCase(),
    name: e.metadata.name.toLowerCase(),
  };
}

export function locateDocs(
  repos: readonly RepoInfo[],
  entities: readonly CatalogEntity[],
): { sources: DocsSource[]; links: DocsLink[]; diagnostics: Diagnostic[] } {
  const sources: DocsSource[] = [];
  const links: DocsLink[] = [];
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(repos.map((r) => [r.name, r]));

  for (const item of entities) {
    const annotations = item.entity.metadata.annotations ?? {};
    const report = (annotation: string, message: string, hint?: string, severity: Diagnostic['severity'] = 'error') => {
      const pos = item.source.positions[`/metadata/annotations/${annotation.replace(/~/g, '~0').replace(/\//g, '~1')}`];
      diagnostics.push({
        severity,
        code: 'docs-ref',
        message,
        ...(hint ? { hint } : {}),
        repo: item.source.repo,
        file: item.source.file,
        line: pos?.line ?? item.source.line,
        column: pos?.column ?? item.source.column,
        entity: item.ref,
      });
    };

    const external = annotations[ANNOTATION_TECHDOCS_ENTITY];
    if (typeof external === 'string' && external.trim()) {
      try {
        const ref = parseEntityRef(external.trim(), { defaultNamespace: item.entity.metadata.namespace });
        const path = String(annotations[ANNOTATION_TECHDOCS_ENTITY_PATH] ?? '').replace(/^\/+/, '');
        links.push({ entity: item, target: stringifyEntityRef(ref), path });
      } catch (error) {
        report(ANNOTATION_TECHDOCS_ENTITY, `${ANNOTATION_TECHDOCS_ENTITY}: ${(error as Error).message}`, 'Use a full ref such as component:default/my-service.');
      }
      continue;
    }

    const value = annotations[ANNOTATION_TECHDOCS_REF];
    if (typeof value !== 'string' || !value.trim()) continue;
    const ref = value.trim();
    const colon = ref.indexOf(':');
    const type = colon === -1 ? '' : ref.slice(0, colon).trim();
    const target = colon === -1 ? '' : ref.slice(colon + 1).trim();
    if (type === 'dir') {
      const base = sourceFolder(item, repos, byName);
      if (!base) {
        report(ANNOTATION_TECHDOCS_REF, `Cannot tell where ${item.ref} was read from, so "${ref}" has no folder to resolve against`);
        continue;
      }
      const rootDir = target.startsWith('/') ? undefined : joinRepoPath(base.dir, target);
      if (rootDir === undefined) {
        report(ANNOTATION_TECHDOCS_REF, `"${ref}" points outside the repository ${base.repo.name}`, 'dir: is relative to the catalog file and must stay inside its repository.');
        continue;
      }
      if (base.otherBranch !== undefined) {
        const read = base.repo.defaultBranch;
        report(
          ANNOTATION_SOURCE_LOCATION,
          `${ANNOTATION_SOURCE_LOCATION} points at branch \`${base.otherBranch}\` but the build read \`${read}\`: "${ref}" is read from ${base.repo.owner}/${base.repo.name} at \`${read}\`, folder ${rootDir || '/'}`,
          `Docs are built from the branch the portal reads. Point the annotation at …/tree/${read}/…, or remove it (the catalog file's folder is the default).`,
          'warning',
        );
      } else if (base.unknown !== undefined) {
        report(
          ANNOTATION_SOURCE_LOCATION,
          `${ANNOTATION_SOURCE_LOCATION} ${base.unknown} is not a folder of a repository this build reads: "${ref}" is resolved against the catalog file's folder, ${rootDir || '/'}`,
          'Point the annotation at https://<host>/<owner>/<repo>/tree/<default branch>/<folder> of a repository in this build, or remove it.',
          'warning',
        );
      }
      sources.push({ entity: item, triplet: tripletOf(item), repo: base.repo, rootDir });
    } else if (type === 'url') {
      const found = resolveTreeUrl(target, repos);
      if (!found) {
        const other = resolveOtherBranch(target, repos);
        const message = other
          ? `"${ref}" points at branch \`${other.branch}\` of ${other.repo.owner}/${other.repo.name} but the build read \`${other.repo.defaultBranch}\`, so it has no docs here`
          : `"${ref}" does not point at a folder of a repository in this build`;
        report(ANNOTATION_TECHDOCS_REF, message, 'Use url:https://<host>/<owner>/<repo>/tree/<default branch>/<folder>, or dir:.', 'warning');
        continue;
      }
      sources.push({ entity: item, triplet: tripletOf(item), repo: found.repo, rootDir: found.path });
    } else {
      report(ANNOTATION_TECHDOCS_REF, `"${ref}" is neither dir:<path> nor url:<url>`, 'The usual value is dir:.');
    }
  }
  return { sources, links, diagnostics };
}

/**
 * The folder `dir:` is relative to: the source-location annotation, else the catalog file's folder. A
 * source-location at another branch of a repo the build read resolves in that repo at the branch read,
 * with `otherBranch` set so the caller can say so; any other value falls back to the catalog file's folder,
 * with `unknown` set (both used to fall back silently, ending in "docs_dir … holds no Markdown pages").
 */
function sourceFolder(
  item: CatalogEntity,
  repos: readonly RepoInfo[],
  byName: Map<string, RepoInfo>,
): { repo: RepoInfo; dir: string; otherBranch?: string; unknown?: string } | undefined {
  const own = byName.get(item.source.repo);
  const ownDir = dirOf(item.source.file);
  const location = item.entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  const ref = typeof location === 'string' ? locationRef(location) : undefined;
  if (ref?.type === 'url') {
    const url = ref.target;
    const found = resolveTreeUrl(url, repos);
    if (found) return { repo: found.repo, dir: found.path };
    const other = resolveOtherBranch(url, repos, own ? { repo: own, dir: ownDir } : undefined);
    if (other) return { repo: other.repo, dir: other.path, otherBranch: other.branch };
    return own ? { repo: own, dir: ownDir, unknown: location } : undefined;
  }
  return own ? { repo: own, dir: ownDir } : undefined;
}

/** `https://<host>/<owner>/<repo>/<mode>/<rest…>` of a snapshot repo, split; undefined for anything else. */
function repoUrl(value: string, repos: readonly RepoInfo[]): { repo: RepoInfo; url: GithubUrl } | undefined {
  const url = parseGithubUrl(value);
  const repo = url && repoFinder(repos)(url);
  return url && repo ? { repo, url } : undefined;
}

/**
 * `https://<host>/<owner>/<repo>/tree|blob/<branch>/<folder>` → a folder of a snapshot repo. The branch must
 * be the one the snapshot holds (or its commit); `''` is the repo root. Undefined for anything else.
 */
export function resolveTreeUrl(value: string, repos: readonly RepoInfo[]): { repo: RepoInfo; path: string } | undefined {
  const found = repoUrl(value, repos);
  if (!found) return undefined;
  const { repo, url } = found;
  if (url.mode === undefined) return { repo, path: '' };
  if (url.mode !== 'tree' && url.mode !== 'blob') return undefined;
  const { rest } = url;
  const ref = [repo.defaultBranch, repo.commit].find((r) => rest === r || rest.startsWith(`${r}/`));
  if (ref === undefined) return undefined;
  const path = normalizeRepoPath(rest.slice(ref.length));
  return path === undefined ? undefined : { repo, path };
}

/**
 * A tree URL of a snapshot repo at a branch the build did not read: the branch and the folder. A branch may
 * hold slashes (`feature/x/docs` is ambiguous): the split that gives `prefer`'s folder in `prefer`'s repo
 * wins (not the root folder: every URL would end there), else the branch is the first segment.
 */
export function resolveOtherBranch(
  value: string,
  repos: readonly RepoInfo[],
  prefer?: { repo: RepoInfo; dir: string },
): { repo: RepoInfo; branch: string; path: string } | undefined {
  const found = repoUrl(value, repos);
  if (!found || (found.url.mode !== 'tree' && found.url.mode !== 'blob')) return undefined;
  const { rest } = found.url;
  if (!rest) return undefined;
  const parts = rest.split('/').filter(Boolean);
  if (parts.length === 0) return undefined;
  const split = (n: number) => ({ branch: parts.slice(0, n).join('/'), path: normalizeRepoPath(parts.slice(n).join('/')) });
  let chosen = split(1);
  if (prefer?.repo === found.repo && prefer.dir) {
    for (let n = 2; n < parts.length; n++) {
      const candidate = split(n);
      if (candidate.path === prefer.dir) chosen = candidate;
    }
  }
  return chosen.path === undefined ? undefined : { repo: found.repo, branch: chosen.branch, path: chosen.path };
}

/** A `<type>:<target>` location ref, or undefined when it is not one (the annotation is crawled text). */
function locationRef(value: string): { type: string; target: string } | undefined {
  try {
    return parseLocationRef(value);
  } catch {
    return undefined;
  }
}
