// "Did you mean …?" for refs that point at nothing: the closest existing entity of the same kind.

import type { CompoundEntityRef } from '../model/entityRef.ts';
import { editDistance } from '../util/editDistance.ts';

export { editDistance };

export interface RefCandidate {
  namespace: string;
  name: string;
  ref: string;
}

/**
 * The candidate (same kind, all lower-case) closest to `target`: names may differ by about a third
 * of their length; a different namespace costs half an edit, so the same name in another namespace
 * (a common slip, since refs inherit the source's namespace) beats a one-letter miss in the same one.
 */
export function closestRef(target: CompoundEntityRef, candidates: readonly RefCandidate[]): string | undefined {
  const name = target.name.toLowerCase();
  const namespace = target.namespace.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { score: number; ref: string } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c.name, limit);
    if (d > limit) continue;
    const score = d + (c.namespace === namespace ? 0 : 0.5);
    if (score === 0) continue;
    if (!best || score < best.score || (score === best.score && c.ref < best.ref)) best = { score, ref: c.ref };
  }
  return best?.ref;
}
