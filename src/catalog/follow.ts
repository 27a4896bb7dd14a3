// Following Location entities: targets become catalog files to read in the next round.
// Each file is read once; a target that leads back into its own chain is a cycle.

import picomatch from 'picomatch';
import type { SourcePosition } from '../model/catalog.ts';
import type { Entity } from '../model/entity.ts';
import { locationSpec, resolveLocationTarget } from './locations.ts';
import { findPosition } from './positions.ts';
import { fileKey, listRepo, report, type FileVisit, type QueuedTarget, type ReadState, type TargetRequest } from './state.ts';
import type { RepoInfo } from '../snapshot/types.ts';

export function followLocation(
  state: ReadState,
  visit: FileVisit,
  entity: Entity,
  positions: Record<string, SourcePosition>,
  ref: string,
): void {
  const spec = locationSpec(entity as unknown as Record<string, unknown>);
  const at = { repo: visit.repo.name, file: visit.path, entity: ref };
  if (spec.unsupportedType) {
    report(state, 'warning', 'location-type-unsupported', `Location type "${spec.unsupportedType}" is not supported; its targets were not read`, {
      ...at,
      position: findPosition(positions, ['spec', 'type']),
      hint: 'Backlot follows `url` and `file` locations: paths in the same repository, or URLs into repositories of this build.',
    });
    return;
  }
  for (const { target, path } of spec.targets) {
    const position = findPosition(positions, path) ?? { line: 0, column: 0 };
    const resolved = resolveLocationTarget(target, { repo: visit.repo, file: visit.path }, state.snapshot.repos);
    // An error may depend on which repos the build has; a target in another repo makes both depend on each other.
    if ('code' in resolved || resolved.repo.name !== visit.repo.name) {
      state.volatile.add(visit.repo.name);
      if (!('code' in resolved)) state.volatile.add(resolved.repo.name);
    }
    if ('code' in resolved) {
      report(state, resolved.severity, resolved.code, resolved.message, { ...at, position, hint: resolved.hint });
      continue;
    }
    const request: TargetRequest = { from: visit, target, position, optional: spec.optional, entity: ref };
    state.targets.push({ request, repo: resolved.repo, path: resolved.path, glob: resolved.glob });
  }
}

/** Turns the queued targets into file visits; globs are matched against each repo's file list. */
export async function expandTargets(state: ReadState): Promise<void> {
  const targets = state.targets;
  state.targets = [];
  const globRepos = [...new Set(targets.filter((t) => t.glob).map((t) => t.repo.name))];
  const listings = new Map(await Promise.all(globRepos.map(async (name) => [name, await listRepo(state, name)] as const)));
  for (const t of targets) {
    if (!t.glob) {
      addVisit(state, t.repo, t.path, t.request);
      continue;
    }
    const from = t.request.from;
    const isMatch = picomatch(t.path);
    const files = (listings.get(t.repo.name) ?? []).filter(
      (f) => (f === t.path || isMatch(f)) && !(t.repo.name === from.repo.name && f === from.path),
    );
    if (files.length === 0 && !t.request.optional) {
      report(state, 'error', 'location-target-missing', `No files match the Location target "${t.request.target}"`, {
        repo: from.repo.name,
        file: from.path,
        position: t.request.position,
        entity: t.request.entity,
        hint: 'Fix the pattern, or set `spec.presence: optional` when the files may be absent.',
      });
    }
    for (const file of files) addVisit(state, t.repo, file, t.request);
  }
}

/** Queues a catalog file for reading unless it was reached before. */
export function addVisit(state: ReadState, repo: RepoInfo, path: string, request?: TargetRequest): void {
  const key = fileKey({ repo: repo.name, path });
  const seen = state.visits.get(key);
  if (!seen) {
    const parent = request?.from;
    const visit: FileVisit = {
      repo,
      path,
      origin: parent ? parent.origin : { repo, file: path },
      requests: request ? [request] : [],
      done: false,
      ...(parent ? { parent } : {}),
    };
    state.visits.set(key, visit);
    state.queue.push(visit);
    return;
  }
  if (!request) return;
  seen.requests.push(request);
  const chain = chainTo(request.from, seen);
  if (chain) {
    const names = [...chain, seen].map((v) => `${v.repo.name}/${v.path}`).join(' → ');
    report(state, 'warning', 'location-cycle', `Location cycle: ${names}; each file is read only once`, {
      repo: request.from.repo.name,
      file: request.from.path,
      position: request.position,
      entity: request.entity,
      hint: 'Remove the target that points back up the chain.',
    });
  } else if (seen.done && state.contents.get(key)?.kind === 'missing') {
    reportMissing(state, seen, [request]);
  }
}

/** The chain of visits from `target` down to `from`, when `target` is `from` or one of its parents. */
function chainTo(from: FileVisit, target: FileVisit): FileVisit[] | undefined {
  const chain: FileVisit[] = [];
  for (let v: FileVisit | undefined = from; v; v = v.parent) {
    chain.unshift(v);
    if (v === target) return chain;
  }
  return undefined;
}

export function reportMissing(state: ReadState, visit: FileVisit, requests: readonly TargetRequest[]): void {
  for (const r of requests) {
    if (r.optional) continue;
    report(state, 'error', 'location-target-missing', `Location target "${r.target}" not found (looked for ${visit.repo.name}/${visit.path})`, {
      repo: r.from.repo.name,
      file: r.from.path,
      position: r.position,
      entity: r.entity,
      hint: 'Fix the path, or set `spec.presence: optional` when the file may be absent.',
    });
  }
}
