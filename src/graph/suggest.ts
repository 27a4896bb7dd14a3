// "Did you mean …?" for refs that point at nothing: the closest existing entity of the same kind.

import type { CompoundEntityRef } from '../model/entityRef.ts';
import { editDistance } from '../util/editDistance.ts';

export { editDistance };

export interface RefCandidate {
  namespace: string;
  name: string;
  ref: string;
}

/** Edit-distance work (about one unit per DP cell) the scans of one build may spend; shared by all kinds. */
export interface SuggestBudget {
  left: number;
}

/**
 * A build's default: 0.4 s of scans here (measured: 50,000 misses against 3,000 names, 0.8 s of index lookups
 * plus 0.4 s of scans). Without it such a flood scans every name of its kind for every miss, minutes; past the
 * budget only the index's one-edit answers are given.
 */
export const SUGGEST_BUDGET = 30_000_000;

/** How far a name may be from the target: about a third of its length. */
function limitFor(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/** Same name in the same namespace scores 0 (the target itself), another namespace costs half an edit. */
function scoreOf(name: string, namespace: string, c: RefCandidate, limit: number): number | undefined {
  const d = editDistance(name, c.name, limit);
  if (d > limit) return undefined;
  const score = d + (c.namespace === namespace ? 0 : 0.5);
  return score === 0 ? undefined : score;
}

type Best = { score: number; ref: string } | undefined;

function better(best: Best, score: number, ref: string): boolean {
  return !best || score < best.score || (score === best.score && ref < best.ref);
}

/**
 * The candidate (same kind, all lower-case) closest to `target`: names may differ by about a third
 * of their length; a different namespace costs half an edit, so the same name in another namespace
 * (a common slip, since refs inherit the source's namespace) beats a one-letter miss in the same one.
 * A scan of every candidate: the reference `RefIndex` must agree with.
 */
export function closestRef(target: CompoundEntityRef, candidates: readonly RefCandidate[]): string | undefined {
  const name = target.name.toLowerCase();
  const namespace = target.namespace.toLowerCase();
  const limit = limitFor(name);
  let best: Best;
  for (const c of candidates) {
    const score = scoreOf(name, namespace, c, limit);
    if (score !== undefined && better(best, score, c.ref)) best = { score, ref: c.ref };
  }
  return best?.ref;
}

/** Every string one deletion (or none) away from `name`. */
function deletions(name: string): Set<string> {
  const out = new Set([name]);
  for (let i = 0; i < name.length; i++) out.add(name.slice(0, i) + name.slice(i + 1));
  return out;
}

/**
 * `closestRef` without scanning every candidate for every miss. Names one edit apart (insert, delete,
 * substitute, swap) share a string one deletion away from each, so a map of each name's deletions finds
 * them all in about name-length lookups. A best score under 2 beats anything the map cannot find; only
 * otherwise are the names of a close length scanned, while `budget` lasts. So the answers equal
 * `closestRef`'s until the budget runs out, and then stay the one-edit ones. The lookups need no budget: names
 * are at most 63 of [a-z0-9-_.], so a deletion is shared by at most a few thousand names, whatever the org's size.
 */
export class RefIndex {
  private readonly byDeletion = new Map<string, number[]>();
  private readonly byLength: number[][] = [];
  private readonly candidates: readonly RefCandidate[];

  constructor(candidates: readonly RefCandidate[]) {
    this.candidates = candidates;
    candidates.forEach((c, i) => {
      for (const key of deletions(c.name)) {
        const list = this.byDeletion.get(key);
        if (list) list.push(i);
        else this.byDeletion.set(key, [i]);
      }
      (this.byLength[c.name.length] ??= []).push(i);
    });
  }

  closest(target: CompoundEntityRef, budget: SuggestBudget): string | undefined {
    const answer = this.answer(target, budget);
    return answer.cost > 0 && answer.far !== undefined ? answer.far.ref : answer.near;
  }

  /**
   * The one-edit answer (`near`), what the scan cost or would have cost (0: none needed), and the scan's answer
   * (`far`, absent when the budget was short): enough for a later build over the same candidates to give the
   * same answer without the index, spending the same budget (KeptSuggestions).
   */
  answer(target: CompoundEntityRef, budget: SuggestBudget): SuggestAnswer {
    const name = target.name.toLowerCase();
    const namespace = target.namespace.toLowerCase();
    const limit = limitFor(name);
    let best: Best;
    const consider = (i: number) => {
      const c = this.candidates[i]!;
      const score = scoreOf(name, namespace, c, limit);
      if (score !== undefined && better(best, score, c.ref)) best = { score, ref: c.ref };
    };
    const seen = new Set<number>();
    for (const key of deletions(name)) {
      for (const i of this.byDeletion.get(key) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        consider(i);
      }
    }
    // Anything not found above is two edits away or more (score ≥ 2), and so is any name when the limit is 1.
    if ((best && best.score < 2) || limit < 2) return { near: best?.ref, cost: 0 };
    const near = best?.ref;
    const pool: number[][] = [];
    let cost = 0;
    for (let length = Math.max(0, name.length - limit); length <= name.length + limit; length++) {
      const ids = this.byLength[length];
      if (!ids) continue;
      pool.push(ids);
      cost += ids.length * (name.length + 1) * (length + 1);
    }
    if (cost > budget.left) return { near, cost };
    budget.left -= cost;
    for (const ids of pool) for (const i of ids) if (!seen.has(i)) consider(i);
    return { near, cost, far: { ref: best?.ref } };
  }
}

export interface SuggestAnswer {
  near: string | undefined;
  cost: number;
  far?: { ref: string | undefined };
}

/**
 * A build's suggestions, for the next build over the same candidates (`candidates`: a hash of every entity's
 * kind, namespace, name and ref, in order): answers by target ref, so a rebuild where no entity came or went
 * builds no index. Replayed against the same budget, they are the answers the index would give.
 */
export interface KeptSuggestions {
  candidates: string;
  answers: Record<string, { near: string | null; cost: number; far?: string | null }>;
}
