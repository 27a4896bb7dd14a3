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

/** Files written at once: per-file system-call latency, not bandwidth, bounds writing 10,000 small files. */
const PARALLEL_WRITES = 16;

export async function writeCatalogApi(model: PortalModel, outDir: string): Promise<{ files: number }> {
  const root = join(outDir, 'api', 'catalog');
  const entities = model.entities.map((e) => withEtag(e.entity));
  const files: Array<[path: string, text: () => string]> = [
    [join(root, 'entities.json'), () => JSON.stringify(entities)],
    [join(root, 'diagnostics.json'), () => JSON.stringify(model.diagnostics, null, 2)],
  ];
  for (const entity of entities) {
    const namespace = entity.metadata.namespace ?? 'default';
    const path = join(root, 'entities', 'by-name', entity.kind.toLowerCase(), namespace.toLowerCase(), `${entity.metadata.name.toLowerCase()}.json`);
    files.push([path, () => JSON.stringify(entity, null, 2)]);
  }
  for (const dir of new Set(files.map(([path]) => dirname(path)))) await mkdir(dir, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const [path, text] = files[next++]!;
      await writeFile(path, text());
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));
  return { files: files.length };
}
