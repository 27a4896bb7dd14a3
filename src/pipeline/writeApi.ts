// Writes the catalog as static JSON in the shape of Backstage's catalog API,
// so tools that speak that API can read a static site.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_NAMESPACE, type Entity } from '../model/entity.ts';
import { CATALOG_API } from '../model/routes.ts';
import { HISTORY_VERSION } from '../diff/history.ts';
import type { PortalModel } from '../model/portal.ts';

/** Backstage sets `metadata.etag` to a hash of the stitched entity when the source gives none. */
export function withEtag(entity: Entity): Entity {
  const etag = createHash('sha1').update(JSON.stringify(entity)).digest('hex');
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

/**
 * Files written per turn of the event loop. Written synchronously: a trip through the thread pool costs more than
 * a small file's write (../util/syncWrites.ts); in slices, so the build still hears from the site child and
 * Pagefind meanwhile.
 */
const FILES_PER_TURN = 250;

export async function writeCatalogApi(model: PortalModel, outDir: string): Promise<{ files: number }> {
  const entities = model.entities.map((e) => withEtag(e.entity));
  const files: Array<[path: string, text: () => string]> = [
    [join(outDir, CATALOG_API.entities), () => JSON.stringify(entities)],
    [join(outDir, CATALOG_API.diagnostics), () => JSON.stringify(model.diagnostics, null, 2)],
  ];
  // The next build reads this back from the live site (src/pipeline/history.ts).
  if (model.history) files.push([join(outDir, CATALOG_API.changes), () => JSON.stringify({ version: HISTORY_VERSION, entries: model.history })]);
  for (const entity of entities) {
    const path = join(outDir, CATALOG_API.entity({ kind: entity.kind, namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE, name: entity.metadata.name }));
    files.push([path, () => JSON.stringify(entity, null, 2)]);
  }
  for (const dir of new Set(files.map(([path]) => dirname(path)))) mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const [path, text] = files[i]!;
    writeFileSync(path, text());
  }
  return { files: files.length };
}
