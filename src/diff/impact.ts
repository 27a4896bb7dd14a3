// Who a removed, renamed or breaking entity affects, through the relations of both catalogs: consumers of an API,
// dependents of a component or resource (transitively, bounded), children, members and owned entities of a
// group, parts of a system or domain, and the docs pages that link to it (an index by target, built once by the
// caller). The relation index is built once; each walk is bounded.

import type { Entity } from '../model/entity.ts';
import { RELATION_PAIRS } from '../model/relations.ts';
import { ownerOf } from './entities.ts';
import type { DocsLinkIndex } from './docsLinks.ts';
import type { AffectedDocsPage, AffectedEntity, EntityChange, Impact, ImpactVia } from './types.ts';

export interface ImpactOptions {
  /** Steps followed through dependents of dependents (default 3). */
  maxDepth?: number;
  /** Affected entities listed per change (default 100); docs pages are bounded the same. */
  limit?: number;
  /** Docs pages by the entity they link to (see docsLinks.ts), when the head's docs were built. */
  docs?: DocsLinkIndex;
}

/** Relation types followed from the changed entity, per kind; only `dependencyOf` is followed further. */
const FIRST_STEP: Record<string, Array<[type: string, via: ImpactVia]>> = {
  api: [['apiConsumedBy', 'consumer']],
  component: [['dependencyOf', 'dependent'], ['hasPart', 'part']],
  resource: [['dependencyOf', 'dependent']],
  group: [['parentOf', 'child'], ['hasMember', 'member'], ['ownerOf', 'owned']],
  user: [['ownerOf', 'owned']],
  system: [['hasPart', 'part']],
  domain: [['hasPart', 'part']],
};

const INVERSE = new Map<string, string>(RELATION_PAIRS.flatMap((p) => [[p.forward, p.reverse], [p.reverse, p.forward]]));

/** `ref → type → refs`, from every relation of both catalogs in both directions (a dangling forward ref counts too). */
export type RelationIndex = Map<string, Map<string, Set<string>>>;

export function indexRelations(catalogs: ReadonlyArray<ReadonlyMap<string, Entity>>): RelationIndex {
  const index: RelationIndex = new Map();
  const add = (from: string, type: string, to: string) => {
    let byType = index.get(from);
    if (!byType) index.set(from, (byType = new Map()));
    let refs = byType.get(type);
    if (!refs) byType.set(type, (refs = new Set()));
    refs.add(to);
  };
  for (const catalog of catalogs) {
    for (const [ref, entity] of catalog) {
      for (const r of entity.relations ?? []) {
        add(ref, r.type, r.targetRef);
        const inverse = INVERSE.get(r.type);
        if (inverse) add(r.targetRef, inverse, ref);
      }
    }
  }
  return index;
}

export function computeImpacts(
  changes: readonly EntityChange[],
  base: ReadonlyMap<string, Entity>,
  head: ReadonlyMap<string, Entity>,
  options: ImpactOptions = {},
): Impact[] {
  const maxDepth = options.maxDepth ?? 3;
  const limit = options.limit ?? 100;
  const sources = changes.filter((c) => c.change === 'removed' || c.change === 'renamed' || (c.api?.breaking.length ?? 0) > 0);
  if (sources.length === 0) return [];
  const index = indexRelations([base, head]);
  const ownerCache = new Map<string, string | undefined>();
  const ownerOfRef = (ref: string) => {
    if (!ownerCache.has(ref)) {
      const entity = head.get(ref) ?? base.get(ref);
      ownerCache.set(ref, entity ? ownerOf(entity) : undefined);
    }
    return ownerCache.get(ref);
  };

  return sources.map((change) => {
    const ref = change.change === 'renamed' ? change.from! : change.ref;
    const entity = head.get(change.ref) ?? base.get(ref);
    const owner = change.owner;
    const reason: Impact['reason'] = change.change === 'removed' ? 'removed' : change.change === 'renamed' ? 'renamed' : 'breaking-api';
    const affected: AffectedEntity[] = [];
    const seen = new Set([ref, change.ref]);
    let truncated = false;
    const visit = (target: string, via: ImpactVia, depth: number): boolean => {
      if (seen.has(target)) return false;
      seen.add(target);
      if (affected.length >= limit) {
        truncated = true;
        return false;
      }
      const targetOwner = ownerOfRef(target);
      affected.push({ ref: target, via, depth, ...(targetOwner ? { owner: targetOwner } : {}), otherOwner: !!targetOwner && targetOwner !== owner });
      return true;
    };
    // Breadth first, so the nearest entities are listed before the bound cuts the list.
    let frontier: string[] = [];
    const kind = (entity?.kind ?? change.kind).toLowerCase();
    for (const [type, via] of FIRST_STEP[kind] ?? []) {
      for (const target of index.get(ref)?.get(type) ?? []) if (visit(target, via, 1)) frontier.push(target);
    }
    // Consumers of an API and dependents of a component or resource: their dependents break in turn.
    for (let depth = 2; depth <= maxDepth && frontier.length && !truncated; depth++) {
      const next: string[] = [];
      for (const from of frontier) {
        for (const target of index.get(from)?.get('dependencyOf') ?? []) if (visit(target, 'dependent', depth)) next.push(target);
      }
      frontier = next;
    }
    // Pages linking to the old name, and (a rename) any already linking to the new one.
    const docs: AffectedDocsPage[] = [];
    const pages = new Set<string>();
    for (const page of [...(options.docs?.get(ref) ?? []), ...(ref !== change.ref ? (options.docs?.get(change.ref) ?? []) : [])]) {
      if (pages.has(page.url)) continue;
      pages.add(page.url);
      if (docs.length >= limit) {
        truncated = true;
        break;
      }
      const pageOwner = ownerOfRef(page.entity);
      docs.push({ title: page.title, url: page.url, entity: page.entity, ...(pageOwner ? { owner: pageOwner } : {}), otherOwner: !!pageOwner && pageOwner !== owner });
    }
    return { ref, ...(owner ? { owner } : {}), reason, affected, ...(docs.length ? { docs } : {}), ...(truncated ? { truncated: true as const } : {}) };
  });
}
