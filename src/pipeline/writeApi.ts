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
 * Entities written per turn of the event loop. Written synchronously: a trip through the thread pool costs more
 * than a small write (../util/threadWrites.ts); in slices, so the build still hears from the site child and
 * Pagefind meanwhile.
 */
const ENTITIES_PER_TURN = 250;

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
  let part: { fd: number; entities: number; bytes: number } | undefined;
  const close = () => {
    if (!part) return;
    writeSync(part.fd, ']');
    closeSync(part.fd);
    part = undefined;
  };
  try {
    for (let i = 0; i < model.entities.length; i++) {
      if (i > 0 && i % ENTITIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const text = JSON.stringify(withEtag(model.entities[i]!.entity));
      if (part && (part.entities >= limits.entities || part.bytes >= limits.bytes)) close();
      if (!part) {
        parts.push(CATALOG_API.part(parts.length + 1));
        part = { fd: openSync(partFile(parts.length), 'w'), entities: 0, bytes: 1 };
        writeSync(part.fd, '[');
      }
      part.bytes += writeSync(part.fd, part.entities === 0 ? text : `,${text}`);
      part.entities++;
    }
  } finally {
    close();
  }
  const index: CatalogIndex = { version: 1, totalItems: model.entities.length, parts };
  writeFileSync(indexFile, JSON.stringify(index));
  return { files: parts.length + (model.history ? 3 : 2) };
}
