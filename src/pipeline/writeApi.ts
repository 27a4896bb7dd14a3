// Writes the catalog as static JSON in the shape of Backstage's catalog API,
// so tools that speak that API can read a static site.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Entity } from '../model/entity.ts';
import { CATALOG_API } from '../model/routes.ts';
import { HISTORY_VERSION } from '../diff/history.ts';
import type { PortalModel } from '../model/portal.ts';
import { PART_BYTES, PART_ENTITIES, type CatalogIndex } from './catalogParts.ts';

/** Backstage sets `metadata.etag` to a hash of the stitched entity when the source gives none. */
export function withEtag(entity: Entity): Entity {
  const etag = createHash('sha1').update(JSON.stringify(entity)).digest('hex');
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

/**
 * `JSON.stringify(withEtag(entity))`, serialising the entity once instead of twice: each top-level value is
 * stringified alone, their join is the text the etag hashes, and the etag goes into the metadata's text (as the
 * spread puts it: last, unless the metadata has an etag already, which is then stringified the long way). About a
 * fifth of the static API's CPU at 10,000 entities.
 */
export function etagText(entity: Entity): string {
  const metadata = entity.metadata as unknown;
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata) || 'etag' in metadata || 'toJSON' in metadata || 'toJSON' in entity) return JSON.stringify(withEtag(entity));
  const entries: string[] = [];
  let m = -1;
  for (const [key, value] of Object.entries(entity)) {
    const text = JSON.stringify(value) as string | undefined; // undefined, a function: left out, as JSON.stringify does
    if (text === undefined) continue;
    if (key === 'metadata') m = entries.length;
    entries.push(`${JSON.stringify(key)}:${text}`);
  }
  const etag = createHash('sha1').update(`{${entries.join(',')}}`).digest('hex');
  const meta = entries[m]!; // `"metadata":{…}`
  entries[m] = `${meta.slice(0, -1)}${meta.endsWith('{}') ? '' : ','}"etag":"${etag}"}`;
  return `{${entries.join(',')}}`;
}

/**
 * Entities written per turn of the event loop. Written synchronously: a trip through the thread pool costs more
 * than a small write (../util/threadWrites.ts); in slices, so the build still hears from the site child and
 * Pagefind meanwhile.
 */
const ENTITIES_PER_TURN = 250;
const WRITE_BYTES = 256 * 1024;

/**
 * Every file is compact JSON. The parts are written entity by entity, never one string of the whole catalog
 * (about 18 MB per 10,000 entities), and `entities.json` is their index (./catalogParts.ts). No file per entity
 * (`entities/by-name/…`): at 100,000 entities those were 100,000 of the site's 265,000 files and 175 MB, each
 * the same text as its entry in a part and its entity page; the scaffolder answers by-name from the catalog.
 */
export async function writeCatalogApi(model: PortalModel, outDir: string, limits = { entities: PART_ENTITIES, bytes: PART_BYTES }): Promise<{ files: number }> {
  const indexFile = join(outDir, CATALOG_API.entities);
  const partFile = (n: number) => join(dirname(indexFile), CATALOG_API.part(n));
  for (const dir of [dirname(indexFile), dirname(partFile(1))]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(outDir, CATALOG_API.diagnostics), JSON.stringify(model.diagnostics));
  // The next build reads this back from the live site (src/pipeline/history.ts).
  if (model.history) writeFileSync(join(outDir, CATALOG_API.changes), JSON.stringify({ version: HISTORY_VERSION, entries: model.history }));
  const parts: string[] = [];
  // Written WRITE_BYTES at a time: a write per entity was 10,000 calls at 10,000 entities.
  let part: { fd: number; entities: number; bytes: number; pending: string[]; pendingBytes: number } | undefined;
  const flush = () => {
    if (!part || part.pending.length === 0) return;
    writeSync(part.fd, part.pending.join(''));
    part.pending = [];
    part.pendingBytes = 0;
  };
  const close = () => {
    if (!part) return;
    part.pending.push(']');
    flush();
    closeSync(part.fd);
    part = undefined;
  };
  try {
    for (let i = 0; i < model.entities.length; i++) {
      if (i > 0 && i % ENTITIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const text = etagText(model.entities[i]!.entity);
      if (part && (part.entities >= limits.entities || part.bytes >= limits.bytes)) close();
      if (!part) {
        parts.push(CATALOG_API.part(parts.length + 1));
        part = { fd: openSync(partFile(parts.length), 'w'), entities: 0, bytes: 1, pending: ['['], pendingBytes: 1 };
      }
      const entry = part.entities === 0 ? text : `,${text}`;
      const bytes = Buffer.byteLength(entry);
      part.pending.push(entry);
      part.bytes += bytes;
      part.pendingBytes += bytes;
      part.entities++;
      if (part.pendingBytes >= WRITE_BYTES) flush();
    }
  } finally {
    close();
  }
  const index: CatalogIndex = { version: 1, totalItems: model.entities.length, parts };
  writeFileSync(indexFile, JSON.stringify(index));
  return { files: parts.length + (model.history ? 3 : 2) };
}
