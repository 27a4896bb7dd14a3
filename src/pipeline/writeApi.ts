// Writes the catalog as static JSON in the shape of Backstage's catalog API,
// so tools that speak that API can read a static site.

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Entity } from '../model/entity.ts';
import type { PortalModel } from '../model/portal.ts';

/** Backstage sets `metadata.etag` to a hash of the stitched entity when the source gives none. */
export function withEtag(entity: Entity): Entity {
  const etag = createHash('sha1').update(JSON.stringify(entity)).digest('hex');
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

export async function writeCatalogApi(model: PortalModel, outDir: string): Promise<{ files: number }> {
  const root = join(outDir, 'api', 'catalog');
  const entities = model.entities.map((e) => withEtag(e.entity));
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'entities.json'), JSON.stringify(entities));
  await writeFile(join(root, 'diagnostics.json'), JSON.stringify(model.diagnostics, null, 2));
  let files = 2;
  const written = new Set<string>();
  for (const entity of entities) {
    const { kind } = entity;
    const namespace = entity.metadata.namespace ?? 'default';
    const path = join(root, 'entities', 'by-name', kind.toLowerCase(), namespace.toLowerCase(), `${entity.metadata.name.toLowerCase()}.json`);
    const dir = dirname(path);
    if (!written.has(dir)) {
      await mkdir(dir, { recursive: true });
      written.add(dir);
    }
    await writeFile(path, JSON.stringify(entity, null, 2));
    files++;
  }
  return { files };
}
