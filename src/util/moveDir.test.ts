import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { moveDir } from './moveDir.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-move-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('moves a folder with its files into a place whose parents do not exist yet', async () => {
  mkdirSync(join(tmp, 'from', 'deep'), { recursive: true });
  writeFileSync(join(tmp, 'from', 'deep', 'a.json'), '{"a":1}');
  await moveDir(join(tmp, 'from'), join(tmp, 'site', 'api', 'catalog'));
  expect(existsSync(join(tmp, 'from'))).toBe(false);
  expect(readFileSync(join(tmp, 'site', 'api', 'catalog', 'deep', 'a.json'), 'utf8')).toBe('{"a":1}');
});
