import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pageWriter, type PageWriter } from './threadWrites.ts';

let dir: string;
let writer: PageWriter;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-thread-'));
  writer = pageWriter();
});
afterEach(async () => {
  await writer.finish();
  await rm(dir, { recursive: true, force: true });
});

it('writes the pages as Astro calls it (mkdir -p, then the page), all there once finish resolves', async () => {
  const { mkdir, writeFile } = fs.promises;
  writer.start();
  expect(fs.promises.writeFile).not.toBe(writeFile);
  for (let i = 0; i < 300; i++) {
    const folder = join(dir, 'catalog', 'default', 'component', `c${i}`);
    await fs.promises.mkdir(folder, { recursive: true });
    await fs.promises.writeFile(join(folder, 'index.html'), `<h1>c${i} é</h1>`);
  }
  // Bytes as Astro passes them (a Buffer) to a file URL; the caller's buffer stays its own.
  const body = Buffer.from('<p>bytes</p>');
  await fs.promises.writeFile(pathToFileURL(join(dir, 'catalog', 'b.html')), body);
  expect(body.toString()).toBe('<p>bytes</p>');
  expect(await writer.finish()).toBeUndefined();
  expect(fs.promises.mkdir).toBe(mkdir);
  expect(fs.promises.writeFile).toBe(writeFile);
  for (let i = 0; i < 300; i++) expect(fs.readFileSync(join(dir, 'catalog', 'default', 'component', `c${i}`, 'index.html'), 'utf8')).toBe(`<h1>c${i} é</h1>`);
  expect(fs.readFileSync(join(dir, 'catalog', 'b.html'), 'utf8')).toBe('<p>bytes</p>');
});

it('reports the first failed write from finish, with its code, and refuses writes after it', async () => {
  writer.start();
  await fs.promises.writeFile(join(dir, 'missing', 'index.html'), 'x'); // no folder: queued, fails on the writer
  fs.writeFileSync(join(dir, 'file'), '');
  await fs.promises.mkdir(join(dir, 'file', 'sub'), { recursive: true });
  // Sooner or later a write is refused with the first error (once the writer has answered).
  let refused: unknown;
  for (let i = 0; i < 200 && !refused; i++) {
    await new Promise((r) => setTimeout(r, 5));
    refused = await fs.promises.writeFile(join(dir, `after-${i}`), 'x').then(() => undefined, (err: unknown) => err);
  }
  expect(refused).toMatchObject({ code: 'ENOENT' });
  expect(await writer.finish()).toMatchObject({ code: 'ENOENT', message: expect.stringContaining('missing') });
});

it('leaves what the writer does not take to the forms in place before: streams, signals, non-recursive mkdir', async () => {
  writer.start();
  await fs.promises.writeFile(join(dir, 'streamed'), Readable.from(['a', 'b']));
  expect(await readFile(join(dir, 'streamed'), 'utf8')).toBe('ab');
  const aborted = AbortSignal.abort();
  await expect(fs.promises.writeFile(join(dir, 'aborted'), 'x', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
  await fs.promises.mkdir(join(dir, 'plain'));
  expect(fs.existsSync(join(dir, 'plain'))).toBe(true); // done when it resolved: not queued
  expect(await writer.finish()).toBeUndefined();
});
