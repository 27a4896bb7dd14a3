// Targets of `kind: Location` entities, resolved to files of the snapshot (Backstage §4.3).

import type { RepoInfo } from '../snapshot/types.ts';
import { isAbsoluteUrl, isGlob, parseRepoUrl, resolveRepoPath } from './paths.ts';

export interface LocationTarget {
  target: string;
  /** Path of the target's node in the Location entity, for positions. */
  path: Array<string | number>;
}

export interface LocationSpec {
  targets: LocationTarget[];
  optional: boolean;
  /** Set when `spec.type` names a location type Backlot cannot follow. */
  unsupportedType?: string;
}

/** `spec.target` first, then `spec.targets[]`; non-string entries are the validator's business. */
export function locationSpec(entity: Record<string, unknown>): LocationSpec {
  const spec = (entity.spec && typeof entity.spec === 'object' ? entity.spec : {}) as Record<string, unknown>;
  const targets: LocationTarget[] = [];
  if (typeof spec.target === 'string') targets.push({ target: spec.target, path: ['spec', 'target'] });
  if (Array.isArray(spec.targets)) {
    spec.targets.forEach((t, i) => {
      if (typeof t === 'string') targets.push({ target: t, path: ['spec', 'targets', i] });
    });
  }
  const type = spec.type;
  const unsupported = typeof type === 'string' && type !== 'url' && type !== 'file' ? type : undefined;
  return { targets, optional: spec.presence === 'optional', ...(unsupported ? { unsupportedType: unsupported } : {}) };
}

export type ResolvedTarget =
  | { repo: RepoInfo; path: string; glob: boolean }
  | { severity: 'error' | 'warning'; code: string; message: string; hint: string };

/**
 * Where a target points: a file (or glob) of some repo of the snapshot. Relative targets stay in
 * the Location's repo; a URL may point into any repo of the snapshot.
 */
export function resolveLocationTarget(
  target: string,
  from: { repo: RepoInfo; file: string },
  repos: readonly RepoInfo[],
): ResolvedTarget {
  const trimmed = target.trim();
  if (isAbsoluteUrl(trimmed)) {
    const hit = parseRepoUrl(trimmed, repos);
    if ('error' in hit) {
      return hit.inSnapshot
        ? { severity: 'error', code: 'location-target-invalid', message: `Location target ${hit.error}`, hint: 'Point the target at a file on the default branch, e.g. https://<host>/<owner>/<repo>/blob/<branch>/catalog-info.yaml.' }
        : {
            severity: 'warning',
            code: 'location-target-outside',
            message: `Location target ${trimmed} is outside this build and was not read`,
            hint: 'Add that repository to a source of backlot.config.yaml, or remove the target.',
          };
    }
    return { repo: hit.repo, path: hit.path, glob: isGlob(hit.path) };
  }
  const path = resolveRepoPath(from.file, trimmed);
  if (path === '' || trimmed.endsWith('/')) {
    return {
      severity: 'error',
      code: 'location-target-invalid',
      message: `Location target "${target}" does not name a file`,
      hint: 'Point the target at a YAML file (a glob such as ./services/*/catalog-info.yaml is fine).',
    };
  }
  if (path === undefined) {
    return {
      severity: 'error',
      code: 'location-target-invalid',
      message: `Location target "${target}" leaves the repository`,
      hint: 'Relative targets resolve against the Location file\'s folder and must stay inside its repository; use a URL to point at another repository.',
    };
  }
  return { repo: from.repo, path, glob: isGlob(path) };
}
