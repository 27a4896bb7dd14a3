// Copies the files docs pages link to (images, PDFs, …) into the built site, at their URLs.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Snapshot } from '../snapshot/types.ts';
import { decodeUrlPath } from './paths.ts';
import type { DocsAsset } from '../model/docs.ts';

/** Writes each asset to `outDir` + its URL minus `base`; returns how many were written. */
export async function writeDocsAssets(snapshot: Snapshot, assets: readonly DocsAsset[], outDir: string, base = '/'): Promise<number> {
  const root = resolve(outDir);
  let written = 0;
  const queue = [...assets];
  const worker = async () => {
    for (let asset = queue.shift(); asset; asset = queue.shift()) {
      const path = decodeUrlPath(asset.url.startsWith(base) ? asset.url.slice(base.length) : asset.url.replace(/^\/+/, ''));
      if (!path) continue;
      const target = resolve(join(root, path));
      // URLs come from normalised repo paths; this guards the write all the same.
      if (!target.startsWith(root + sep)) continue;
      const bytes = await snapshot.readBytes({ repo: asset.repo, path: asset.path });
      if (!bytes) continue;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
      written++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return written;
}
