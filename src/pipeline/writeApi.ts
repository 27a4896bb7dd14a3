// Writes the catalog as static JSON in the shape of Backstage's catalog API,
// so tools that speak that API can read a static site.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * Every file is compact JSON, each entity stringified once: its own file and its line of `entities.json` are the
 * same text. Indented, the per-entity files were a fifth larger (2,120 against 1,808 bytes per entity at 3,000
 * entities) for no reader: tools parse them. `entities.json` is written entity by entity, never one string of
 * the whole catalog (about 18 MB per 10,000 entities).
 */
export async function writeCatalogApi(model: PortalModel, outDir: string): Promise<{ files: number }> {
  const paths = model.entities.map(({ entity }) => join(outDir, CATALOG_API.entity({ kind: entity.kind, namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE, name: entity.metadata.name })));
  for (const dir of new Set([...paths.map((p) => dirname(p)), dirname(join(outDir, CATALOG_API.entities))])) mkdirSync(dir, { recursive: true });
  writeFileSync(join(outDir, CATALOG_API.diagnostics), JSON.stringify(model.diagnostics));
  // The next build reads this back from the live site (src/pipeline/history.ts).
  if (model.history) writeFileSync(join(outDir, CATALOG_API.changes), JSON.stringify({ version: HISTORY_VERSION, entries: model.history }));
  const all = openSync(join(outDir, CATALOG_API.entities), 'w');
  try {
    writeSync(all, '[');
    for (let i = 0; i < paths.length; i++) {
      if (i > 0 && i % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const text = JSON.stringify(withEtag(model.entities[i]!.entity));
      writeFileSync(paths[i]!, text);
      writeSync(all, i === 0 ? text : `,${text}`);
    }
    writeSync(all, ']');
  } finally {
    closeSync(all);
  }
  return { files: paths.length + (model.history ? 3 : 2) };
}
