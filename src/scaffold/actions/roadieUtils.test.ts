// Roadie's utils actions as real templates chain them: parse a workspace file, reshape it with JSONata, write it back.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

const CATALOG = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: depot\n  tags: [java]\nspec:\n  type: service\n  owner: team-a\n';

async function run(spec: string, values: Record<string, unknown> = {}) {
  const workspace = mkdtempSync(join(tmpdir(), 'backlot-roadie-'));
  writeFileSync(join(workspace, 'catalog-info.yaml'), CATALOG);
  writeFileSync(join(workspace, 'package.json'), '{"name":"depot","version":"1.0.0"}');
  const lines: string[] = [];
  const result = await runTemplate({ template: memoryTemplate({ 'templates/service/template.yaml': templateYaml(spec) }), values, workspace, dryRun: true, log: (l) => lines.push(l) });
  return { result, lines, read: (path: string) => readFileSync(join(workspace, path), 'utf8') };
}

describe("Roadie's utils actions", () => {
  it('parse, transform with JSONata and write back a catalog file, reading each step output', async () => {
    const { read, lines } = await run(
      `steps:
  - { id: parse, action: roadiehq:utils:fs:parse, input: { path: catalog-info.yaml, parser: yaml } }
  - id: owner
    action: roadiehq:utils:jsonata
    input: { data: '\${{ steps.parse.output.content }}', expression: '$merge([spec, {"owner": "group:" & spec.owner}])' }
  - { id: log, action: debug:log, input: { message: 'owner \${{ steps.owner.output.result.owner }}' } }
  - id: retag
    action: roadiehq:utils:jsonata:yaml:transform
    input: { path: catalog-info.yaml, expression: '$ ~> | metadata | {"tags": [tags, "\${{ parameters.tag }}"]} |' }
  - { id: write, action: roadiehq:utils:fs:write, input: { path: out/catalog-info.yaml, content: '\${{ steps.retag.output.result }}' } }
  - id: version
    action: roadiehq:utils:jsonata:json:transform
    input: { path: package.json, expression: '$ ~> | $ | {"version": "2.0.0"} |', options: { space: 2 } }`,
      { tag: 'depot' },
    );
    expect(lines).toContain('[log]   owner group:team-a');
    expect(parse(read('out/catalog-info.yaml')).metadata).toEqual({ name: 'depot', tags: ['java', 'depot'] });
    expect(read('catalog-info.yaml')).toBe(CATALOG); // a transform only returns its result
  });

  it('fs:parse reads text, JSON and a list of YAML documents; a bad expression or path fails the step saying so', async () => {
    const { lines } = await run(`steps:
  - { id: text, action: roadiehq:utils:fs:parse, input: { path: package.json } }
  - { id: json, action: roadiehq:utils:fs:parse, input: { path: package.json, parser: json } }
  - { id: docs, action: roadiehq:utils:fs:parse, input: { path: catalog-info.yaml, parser: multiyaml } }
  - { id: log, action: debug:log, input: { message: '\${{ steps.json.output.content.name }} \${{ steps.text.output.content | length }} \${{ steps.docs.output.content[0].kind }}' } }`);
    expect(lines).toContain(`[log]   depot ${'{"name":"depot","version":"1.0.0"}'.length} Component`);
    await expect(run('steps:\n  - { id: j, action: roadiehq:utils:jsonata, input: { data: {}, expression: "$$$(" } }')).rejects.toThrow(
      /step "j" \(roadiehq:utils:jsonata\) failed: JSONata failed to evaluate the expression: /,
    );
    await expect(run('steps:\n  - { id: w, action: roadiehq:utils:fs:write, input: { path: ../escape.txt, content: x } }')).rejects.toThrow(/step "w" \(roadiehq:utils:fs:write\) failed/);
    await expect(run('steps:\n  - { id: p, action: roadiehq:utils:fs:parse, input: { path: package.json, parser: toml } }')).rejects.toThrow(/parser" must be yaml, json or multiyaml/);
  });
});
