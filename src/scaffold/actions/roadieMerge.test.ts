// roadiehq:utils:merge: content merged into a workspace JSON or YAML file as Roadie's action merges it (lodash's merge).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';
import { lodashMerge } from './roadieMerge.ts';

/** A workspace holding `files`, and a template whose steps are `steps` (YAML list items). */
async function run(files: Record<string, string>, steps: string, values: Record<string, unknown> = {}) {
  const workspace = mkdtempSync(join(tmpdir(), 'backlot-merge-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(workspace, path), text);
  const lines: string[] = [];
  const template = memoryTemplate({
    'templates/service/template.yaml': templateYaml(`steps:\n${steps}\noutput:\n  text:\n    - title: merged\n      content: \${{ steps.merge.output.path }}`),
  });
  const result = await runTemplate({ template, values, workspace, dryRun: true, log: (l) => lines.push(l) });
  return { workspace, result, lines, read: (path: string) => readFileSync(join(workspace, path), 'utf8') };
}

describe('roadiehq:utils:merge', () => {
  it('merges templated content into a YAML catalog file, keeping what was there', async () => {
    const { read, result, workspace } = await run(
      { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: depot\n  annotations:\n    github.com/project-slug: acme/depot\nspec:\n  type: service\n' },
      '  - id: merge\n    action: roadiehq:utils:merge\n    input:\n      path: catalog-info.yaml\n      content:\n        metadata:\n          annotations:\n            tektonci/build-namespace: ${{ parameters.ns }}',
      { ns: 'depot-ci' },
    );
    expect(parse(read('catalog-info.yaml'))).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'depot', annotations: { 'github.com/project-slug': 'acme/depot', 'tektonci/build-namespace': 'depot-ci' } },
      spec: { type: 'service' },
    });
    expect(result.output.text[0]!.content).toBe(join(workspace, 'catalog-info.yaml'));
  });

  it('merges into JSON (content as an object or a JSON string), arrays by index unless mergeArrays', async () => {
    const { read } = await run(
      { 'a.json': '{"name":"x","tags":["a","b"],"deep":{"keep":1}}', 'b.json': '{"tags":["a"]}' },
      [
        '  - id: merge\n    action: roadiehq:utils:merge\n    input: { path: a.json, content: { tags: [z], deep: { add: 2 } } }',
        "  - id: merge-b\n    action: roadiehq:utils:merge\n    input: { path: b.json, mergeArrays: true, content: '{\"tags\": [\"b\"]}' }",
      ].join('\n'),
    );
    expect(JSON.parse(read('a.json'))).toEqual({ name: 'x', tags: ['z', 'b'], deep: { keep: 1, add: 2 } });
    expect(read('a.json')).toBe(JSON.stringify({ name: 'x', tags: ['z', 'b'], deep: { keep: 1, add: 2 } }, null, 2));
    expect(JSON.parse(read('b.json'))).toEqual({ tags: ['a', 'b'] });
  });

  it('fails on a missing file, names what it cannot do, and never leaves the workspace', async () => {
    await expect(run({}, '  - id: merge\n    action: roadiehq:utils:merge\n    input: { path: missing.json, content: { a: 1 } }')).rejects.toThrow(
      'step "merge" (roadiehq:utils:merge) failed: The file missing.json does not exist.',
    );
    await expect(run({}, '  - id: merge\n    action: roadiehq:utils:merge\n    input: { path: ../outside.json, content: { a: 1 } }')).rejects.toThrow(/roadiehq:utils:merge/);
    await expect(run({ 'catalog-info.yaml': 'kind: Group\n---\nkind: User\n' }, '  - id: merge\n    action: roadiehq:utils:merge\n    input: { path: catalog-info.yaml, content: { a: 1 } }')).rejects.toThrow(
      'catalog-info.yaml holds 2 YAML documents; roadiehq:utils:merge merges into a file of one document',
    );
    const { read, lines } = await run({ 'notes.txt': 'as is' }, '  - id: merge\n    action: roadiehq:utils:merge\n    input: { path: notes.txt, content: { a: 1 }, preserveYamlComments: true }');
    expect(read('notes.txt')).toBe('as is');
    expect(lines.join('\n')).toContain('preserveYamlComments is not supported');
  });

  it('is lodash merge: undefined skipped, scalars replaced, no prototype keys', () => {
    expect(lodashMerge({ a: 1, b: { c: 2 } }, { a: undefined, b: { d: 3 }, e: [1] })).toEqual({ a: 1, b: { c: 2, d: 3 }, e: [1] });
    expect(lodashMerge({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    lodashMerge({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
