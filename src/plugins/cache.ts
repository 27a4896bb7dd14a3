// The data hook's results kept in the cache folder: reused within the plugin's TTL, and the last good result
// when a later call fails. Keyed by the plugin's options, so changed options never show old data.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedData {
  savedAt: number;
  key: string;
  data: unknown;
}

export function dataKey(options: unknown): string {
  return createHash('sha256').update(JSON.stringify(options ?? {})).digest('hex').slice(0, 16);
}

export function dataFile(cacheDir: string, plugin: string): string {
  return join(cacheDir, 'plugins', `${plugin}.data.json`);
}

export async function readCachedData(file: string, key: string): Promise<CachedData | undefined> {
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as CachedData;
    return cached && cached.key === key && typeof cached.savedAt === 'number' ? cached : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCachedData(file: string, entry: CachedData): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  // Written aside and renamed, so a build killed meanwhile leaves the last good file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(entry));
  await rename(tmp, file);
}
