import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fileWriter, type FileWriter } from './threadWrites.ts';

let dir: string;
let writer: FileWriter;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-thread-'));
  writer = fileWriter();
});
afterEach(async () => {
  await writer.finish();
  await rm(dir, { recursive: true, force: true });
});

it('writes every file into its folder, all there once finish resolves, and counts them', async () => {
  const { mkdir, writeFile } = fs.promises;
  for (let i = 0; i < 300; i++) await writer.write(join(dir, 'catalog', 'default', 'component', `c${i}`, 'index.html'), `<h1>c${i} é</h1>`);
  // Bytes as a rendered page's body gives them: moved to the writer (detached once sent), not copied.
  const body = new TextEncoder().encode('<p>bytes</p>');
  await writer.write(join(dir, 'catalog', 'b.html'), body);
  // Part of a larger buffer (a pooled Buffer) is copied, not moved: its neighbours stay readable.
  const pooled = Buffer.from('xx<p>part</p>yy');
  await writer.write(join(dir, 'part.html'), pooled.subarray(2, 13));
  expect(pooled.toString()).toBe('xx<p>part</p>yy');
  const written = await writer.finish();
  expect(body.byteLength).toBe(0);
  expect(written).toEqual({ files: 302, bytes: expect.any(Number) });
  expect(written.bytes).toBeGreaterThan(300 * 10);
  // Node's fs is left as it is.
  expect(fs.promises.mkdir).toBe(mkdir);
  expect(fs.promises.writeFile).toBe(writeFile);
  for (let i = 0; i < 300; i++) expect(fs.readFileSync(join(dir, 'catalog', 'default', 'component', `c${i}`, 'index.html'), 'utf8')).toBe(`<h1>c${i} é</h1>`);
  expect(fs.readFileSync(join(dir, 'catalog', 'b.html'), 'utf8')).toBe('<p>bytes</p>');
  expect(fs.readFileSync(join(dir, 'part.html'), 'utf8')).toBe('<p>part</p>');
});

it('reports the first failed write from finish, with its code, and refuses writes after it', async () => {
  fs.writeFileSync(join(dir, 'file'), '');
  await writer.write(join(dir, 'file', 'sub', 'index.html'), 'x'); // a file where the folder should be
  // Sooner or later a write is refused with the first error (once the writer has answered).
  let refused: unknown;
  for (let i = 0; i < 200 && !refused; i++) {
    await new Promise((r) => setTimeout(r, 5));
    refused = await writer.write(join(dir, `after-${i}`), 'x').then(() => undefined, (err: unknown) => err);
  }
  expect(refused).toMatchObject({ code: 'ENOTDIR' });
  expect((await writer.finish()).error).toMatchObject({ code: 'ENOTDIR', message: expect.stringContaining('file') });
});

it('refuses a write after finish rather than dropping it', async () => {
  await writer.finish();
  await expect(writer.write(join(dir, 'late.html'), 'x')).rejects.toThrow(/has finished; .*late\.html was not written/);
});

it('hard-links another folder’s files among the writes, in order, and counts them', async () => {
  const last = join(dir, 'last');
  fs.mkdirSync(join(last, 'catalog', 'a'), { recursive: true });
  fs.writeFileSync(join(last, 'catalog', 'a', 'index.html'), 'a');
  fs.writeFileSync(join(last, 'index.html'), 'home');
  const site = join(dir, 'site');
  await writer.write(join(site, 'catalog', 'b', 'index.html'), 'b');
  writer.link(['catalog/a/index.html', 'index.html'], last, site);
  await writer.write(join(site, 'catalog', 'c', 'index.html'), 'c');
  const written = await writer.finish();
  expect(written).toEqual({ files: 2, bytes: 2, linked: { linked: 2, copied: 0 } });
  expect(fs.statSync(join(site, 'catalog', 'a', 'index.html')).ino).toBe(fs.statSync(join(last, 'catalog', 'a', 'index.html')).ino);
  expect(fs.readFileSync(join(site, 'index.html'), 'utf8')).toBe('home');
  expect(fs.readFileSync(join(site, 'catalog', 'c', 'index.html'), 'utf8')).toBe('c');
});

it('fails like a write when a file to link is missing', async () => {
  writer.link(['gone.html'], join(dir, 'last'), join(dir, 'site'));
  expect((await writer.finish()).error).toMatchObject({ code: 'ENOENT' });
});
