// Lookups recorded, for values a rebuild keeps while what they read is unchanged.

import type { PortalEntity } from '../model/portal.ts';
import type { EntityIndex } from './entities.ts';

/** What was read of an index: the refs looked up, or `all`. */
export type IndexReads = ReadonlySet<string> | 'all';

/**
 * An index that records what is read of it: every ref looked up (found or not, as written), or `all` once it was
 * read otherwise (iterated, its size asked). A rebuild keeps what was derived from an index for as long as these
 * reads find the same (../site/build/page-keys.ts).
 */
export class ReadingIndex implements EntityIndex {
  private readonly index: EntityIndex;
  private readonly refs = new Set<string>();
  private whole = false;
  constructor(index: EntityIndex) {
    this.index = index;
  }
  reads(): IndexReads {
    return this.whole ? 'all' : this.refs;
  }
  get(ref: string): PortalEntity | undefined {
    this.refs.add(ref);
    return this.index.get(ref);
  }
  has(ref: string): boolean {
    this.refs.add(ref);
    return this.index.has(ref);
  }
  get size(): number {
    this.whole = true;
    return this.index.size;
  }
  forEach(fn: (value: PortalEntity, key: string, map: EntityIndex) => void, thisArg?: unknown): void {
    this.whole = true;
    this.index.forEach(fn, thisArg);
  }
  entries(): MapIterator<[string, PortalEntity]> {
    this.whole = true;
    return this.index.entries();
  }
  keys(): MapIterator<string> {
    this.whole = true;
    return this.index.keys();
  }
  values(): MapIterator<PortalEntity> {
    this.whole = true;
    return this.index.values();
  }
  [Symbol.iterator](): MapIterator<[string, PortalEntity]> {
    return this.entries();
  }
}
