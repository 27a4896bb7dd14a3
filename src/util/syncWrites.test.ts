import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeSynchronously } from './syncWrites.ts';

let dir: string;
let undo: (() => void) | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-sync-'));
});
afterEach(async () => {
  undo?.();
  undo = undefined;
  await rm(dir, { recursive: true, force: true });
});

it('writes before the call returns, as Astro calls it: mkdir -p, then the page', async () => {
  const { mkdir, writeFile } = fs.promises;
  undo = writeSynchronously();
  expect(fs.promises.writeFile).not.toBe(writeFile);
  const folder = join(dir, 'catalog', 'default', 'component', 'x');
  const made = fs.promises.mkdir(folder, { recursive: true });
  expect(fs.existsSync(folder)).toBe(true); // done already: no thread-pool trip
  expect(await made).toBe(join(dir, 'catalog'));
  const written = fs.promises.writeFile(join(folder, 'index.html'), '<h1>x</h1>');
  expect(fs.readFileSync(join(folder, 'index.html'), 'utf8')).toBe('<h1>x</h1>');
  await written;
  await fs.promises.writeFile(pathToFileURL(join(folder, 'b.bin')), new Uint8Array([1, 2, 3]));
  expect([...fs.readFileSync(join(folder, 'b.bin'))]).toEqual([1, 2, 3]);
  undo();
  undo = undefined;
  expect(fs.promises.mkdir).toBe(mkdir);
  expect(fs.promises.writeFile).toBe(writeFile);
});

it('fails as the async forms do: a rejected promise, never a throw', async () => {
  undo = writeSynchronously();
  let result: Promise<unknown> | undefined;
  expect(() => (result = fs.promises.writeFile(join(dir, 'missing', 'index.html'), 'x'))).not.toThrow();
  await expect(result).rejects.toMatchObject({ code: 'ENOENT' });
  fs.writeFileSync(join(dir, 'file'), '');
  await expect(fs.promises.mkdir(join(dir, 'file', 'sub'), { recursive: true })).rejects.toMatchObject({ code: 'ENOTDIR' });
});

it('leaves what only the async form takes to it: streams and abort signals', async () => {
  undo = writeSynchronously();
  await fs.promises.writeFile(join(dir, 'streamed'), Readable.from(['a', 'b']));
  expect(await readFile(join(dir, 'streamed'), 'utf8')).toBe('ab');
  const aborted = AbortSignal.abort();
  await expect(fs.promises.writeFile(join(dir, 'aborted'), 'x', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
});
