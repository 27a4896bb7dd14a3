import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveCache, resolveCacheFile } from './resolve-cache.ts';

const context = (parent: string) => ({ parentURL: parent, conditions: ['node', 'import'], importAttributes: {} });

describe('resolveCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resolve-cache-'));
  mkdirSync(join(dir, 'node_modules', 'lib'), { recursive: true });
  const target = join(dir, 'node_modules', 'lib', 'lib.js');
  writeFileSync(target, '');
  const own = pathToFileURL(join(dir, 'own.js')).href;
  const url = pathToFileURL(target).href;
  const parent = pathToFileURL(join(dir, 'main.js')).href;
  const file = join(dir, 'cache.json');
  let asked = 0;
  const next = (specifier: string) => {
    asked += 1;
    return specifier === 'lib' ? { url, format: 'module' } : specifier === './own.js' ? { url: own, format: 'module' } : { url: `node:${specifier}` };
  };

  it('asks Node once, then answers from the file in the next process, installed files only', () => {
    const first = resolveCache(file);
    expect(first.resolve('lib', context(parent), next)).toEqual({ url, format: 'module' });
    expect(first.resolve('fs', context(parent), next)).toEqual({ url: 'node:fs' });
    // A file outside node_modules takes its format from a package.json an edit may change: Node is asked each time.
    expect(first.resolve('./own.js', context(parent), next)).toEqual({ url: own, format: 'module' });
    first.save();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toHaveLength(1);

    asked = 0;
    const second = resolveCache(file);
    expect(second.resolve('lib', context(parent), next)).toEqual({ url, format: 'module', shortCircuit: true });
    expect(second.hits).toBe(1);
    expect(asked).toBe(0);
    // Another importer, or a require, is another question.
    second.resolve('lib', context(pathToFileURL(join(dir, 'other.js')).href), next);
    second.resolve('lib', { ...context(parent), conditions: ['node', 'require'] }, next);
    expect(asked).toBe(2);
    second.save();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toHaveLength(3);
  });

  it('asks again when the kept file is gone, and keeps only what this process used', () => {
    const third = resolveCache(file);
    rmSync(target);
    asked = 0;
    third.resolve('lib', context(parent), next);
    expect(asked).toBe(1);
    third.save();
    writeFileSync(target, '');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(kept)).toHaveLength(1); // the other importer's and the require's answers were not used
  });
});

describe('resolveCacheFile', () => {
  it('names a new file when npm changes node_modules, and none without its record', () => {
    const root = mkdtempSync(join(tmpdir(), 'resolve-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    expect(resolveCacheFile('/cache', root)).toBeUndefined();
    mkdirSync(join(root, 'node_modules'));
    const record = join(root, 'node_modules', '.package-lock.json');
    writeFileSync(record, '{}');
    utimesSync(record, 1_000, 1_000);
    const before = resolveCacheFile('/cache', root);
    expect(before).toMatch(/^\/cache\/backlot-resolve-[0-9a-f]{16}\.json$/);
    expect(resolveCacheFile('/cache', root)).toBe(before);
    utimesSync(record, 2_000, 2_000);
    expect(resolveCacheFile('/cache', root)).not.toBe(before);
  });
});
