import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { codeVersion } from './codeVersion.ts';

const root = mkdtempSync(join(tmpdir(), 'backlot-code-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

it('changes with a source file and with the installed version of a dependency, not with a test', () => {
  // The package inside a project that installed it: its dependency hoisted to the project's node_modules.
  const pkg = join(root, 'project/node_modules/backlot');
  write('project/node_modules/backlot/package.json', JSON.stringify({ name: 'backlot', dependencies: { astro: '^7.3.0', yaml: '^2.9.0' } }));
  write('project/node_modules/backlot/src/a.ts', 'export const a = 1;\n');
  write('project/node_modules/astro/package.json', JSON.stringify({ name: 'astro', version: '7.3.5' }));
  const first = codeVersion(pkg); // yaml is not installed: no version, no error
  expect(codeVersion(pkg)).toBe(first);
  write('project/node_modules/backlot/src/a.test.ts', 'it("x", () => {});\n');
  expect(codeVersion(pkg)).toBe(first);
  // `npm install` brought another Astro within the range: package.json is the same.
  write('project/node_modules/astro/package.json', JSON.stringify({ name: 'astro', version: '7.4.0' }));
  const upgraded = codeVersion(pkg);
  expect(upgraded).not.toBe(first);
  // The package's own copy wins over the hoisted one, as Node resolves it.
  write('project/node_modules/backlot/node_modules/astro/package.json', JSON.stringify({ name: 'astro', version: '7.3.5' }));
  expect(codeVersion(pkg)).toBe(first);
  write('project/node_modules/backlot/src/a.ts', 'export const a = 2;\n');
  expect(codeVersion(pkg)).not.toBe(first);
});
