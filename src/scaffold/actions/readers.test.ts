// fs:read, fs:readdir, fetch:template:file, debug:wait, catalog:fetch and http:backstage:request in real runs.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../model/entity.ts';
import { createCatalogLookup } from '../catalogApi.ts';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-readers-'));

const entity = (kind: string, name: string, spec: Record<string, unknown> = {}, namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, ...(namespace ? { namespace } : {}), title: `The ${name}` }, spec,
});
const catalog = createCatalogLookup([
  entity('Component', 'orders', { type: 'service', owner: 'team-a' }),
  entity('Component', 'billing', { type: 'library', owner: 'team-b' }),
  entity('Group', 'team-a', { type: 'team' }, 'ops'),
]);

function run(spec: string, files: Record<string, string> = {}, options: { withCatalog?: boolean; workspace?: string } = {}) {
  const all: Record<string, string> = { 'templates/service/template.yaml': templateYaml(spec) };
  for (const [path, text] of Object.entries(files)) all[`templates/service/${path}`] = text;
  return runTemplate({
    template: memoryTemplate(all), values: { name: 'orders' }, workspace: options.workspace ?? tmp(), dryRun: true, log: () => {},
    ...(options.withCatalog === false ? {} : { catalog }),
  });
}

describe('fs:read and fs:readdir', () => {
  it('reads a rendered file and lists files and folders, recursively on request', async () => {
    const result = await run(
      `steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: '\${{ parameters.name }}' } } }
  - { id: read, action: fs:read, input: { path: src/app.txt } }
  - { id: top, action: fs:readdir, input: { paths: ['.'] } }
  - { id: deep, action: fs:readdir, input: { paths: [src], recursive: true } }
output:
  text:
    - { title: content, content: '\${{ steps.read.output.content }}' }
    - { title: top, content: '\${{ steps.top.output.files | join(",", "path") }}|\${{ steps.top.output.folders | join(",", "name") }}' }
    - { title: deep, content: '\${{ steps.deep.output.files | sort(false, true, "path") | join(",", "path") }}' }`,
      { 'skeleton/README.md': '# ${{ values.name }}\n', 'skeleton/src/app.txt': 'app ${{ values.name }}', 'skeleton/src/lib/util.txt': 'u' },
    );
    expect(result.output.text.map((t) => t.content)).toEqual(['app orders', 'README.md|src', 'src/app.txt,src/lib/util.txt']);
  });

  it('refuses a path outside the workspace', async () => {
    await expect(run(`steps:\n  - { id: read, action: fs:read, input: { path: ../../etc/passwd } }`)).rejects.toThrow(
      /step "read" \(fs:read\) failed: path "..\/..\/etc\/passwd" is outside the workspace/,
    );
    await expect(run(`steps:\n  - { id: ls, action: fs:readdir, input: { paths: ['..'] } }`)).rejects.toThrow(/is outside the workspace/);
  });
});

describe('fetch:template:file', () => {
  it('renders one file to targetPath and keeps an existing file unless replace is set', async () => {
    const workspace = tmp();
    await run(
      `steps:
  - { id: one, action: fetch:template:file, input: { url: ./files/Dockerfile.njk, targetPath: build/Dockerfile, values: { name: orders } } }
  - { id: two, action: fetch:template:file, input: { url: ./files/Dockerfile.njk, targetPath: build/Dockerfile, values: { name: other } } }`,
      { 'files/Dockerfile.njk': 'FROM node\nLABEL app=${{ values.name }}\n' },
      { workspace },
    );
    expect(readFileSync(join(workspace, 'build/Dockerfile'), 'utf8')).toBe('FROM node\nLABEL app=orders\n');
    await run(
      `steps:\n  - { id: one, action: fetch:template:file, input: { url: ./files/Dockerfile.njk, targetPath: build/Dockerfile, values: { name: again }, replace: true } }`,
      { 'files/Dockerfile.njk': 'LABEL app=${{ values.name }}\n' },
      { workspace },
    );
    expect(readFileSync(join(workspace, 'build/Dockerfile'), 'utf8')).toBe('LABEL app=again\n');
  });

  it('names a missing file and requires targetPath', async () => {
    await expect(run(`steps:\n  - { id: one, action: fetch:template:file, input: { url: ./nope.txt, targetPath: x } }`)).rejects.toThrow(/no file "templates\/service\/nope.txt"/);
    await expect(run(`steps:\n  - { id: one, action: fetch:template:file, input: { url: ./a.txt } }`, { 'a.txt': 'a' })).rejects.toThrow(/step "one" \(fetch:template:file\): missing required input "targetPath"/);
  });
});

describe('debug:wait', () => {
  it('waits the given time and refuses more than 30 seconds', async () => {
    await expect(run(`steps:\n  - { id: w, action: debug:wait, input: { milliseconds: 5 } }`)).resolves.toMatchObject({ steps: [{ id: 'w', status: 'done' }] });
    await expect(run(`steps:\n  - { id: w, action: debug:wait, input: { minutes: 1 } }`)).rejects.toThrow(/longer than the maximum threshold of 30 seconds/);
  });
});

describe('catalog:fetch', () => {
  it('returns entities from the build catalog, with Backstage defaults for kind and namespace', async () => {
    const result = await run(`steps:
  - { id: one, action: catalog:fetch, input: { entityRef: 'component:orders' } }
  - { id: many, action: catalog:fetch, input: { entityRefs: ['billing', 'team-a'], defaultKind: component, optional: true } }
  - { id: team, action: catalog:fetch, input: { entityRef: 'team-a', defaultKind: group, defaultNamespace: ops } }
output:
  text:
    - { content: '\${{ steps.one.output.entity.spec.owner }}' }
    - { content: '\${{ steps.many.output.entities[0].metadata.title }}|\${{ steps.many.output.entities | length }} \${{ steps.many.output.entities[1] === null }}' }
    - { content: '\${{ steps.team.output.entity.metadata.namespace }}' }`);
    expect(result.output.text.map((t) => t.content)).toEqual(['team-a', 'The billing|2 true', 'ops']);
  });

  it('fails on an entity that is not in the catalog, unless optional', async () => {
    await expect(run(`steps:\n  - { id: one, action: catalog:fetch, input: { entityRef: 'component:gone' } }`)).rejects.toThrow(/Entity component:gone not found/);
    await expect(run(`steps:\n  - { id: one, action: catalog:fetch, input: { entityRef: 'component:orders' } }`, {}, { withCatalog: false })).rejects.toThrow(/no catalog/);
  });
});

describe('http:backstage:request', () => {
  it('answers GETs of catalog API paths from the static catalog', async () => {
    const result = await run(`steps:
  - { id: one, action: http:backstage:request, input: { method: GET, path: /api/catalog/entities/by-name/component/default/orders } }
  - { id: list, action: http:backstage:request, input: { method: GET, path: 'catalog/entities?filter=kind=component,spec.type=library' } }
  - { id: query, action: http:backstage:request, input: { method: GET, path: /api/catalog/entities/by-query, params: { filter: 'spec.owner=team-a' } } }
  - { id: gone, action: http:backstage:request, input: { method: GET, path: /api/catalog/entities/by-name/component/default/gone, continueOnBadResponse: true } }
output:
  text:
    - { content: '\${{ steps.one.output.code }} \${{ steps.one.output.body.metadata.name }}' }
    - { content: '\${{ steps.list.output.body | length }} \${{ steps.list.output.body[0].metadata.name }}' }
    - { content: '\${{ steps.query.output.body.totalItems }} \${{ steps.query.output.body.items[0].metadata.name }}' }
    - { content: '\${{ steps.gone.output.code }}' }`);
    expect(result.output.text.map((t) => t.content)).toEqual(['200 orders', '1 billing', '1 orders', '404']);
  });

  it('is an error naming the path for anything but a GET of the catalog API', async () => {
    // Written out, such a step is refused before the run starts (and reported at build time); templated, when it runs.
    await expect(run(`steps:\n  - { id: p, action: http:backstage:request, input: { method: POST, path: /api/catalog/locations } }`)).rejects.toThrow(
      /cannot run:\n  step "p" \(http:backstage:request\): POST \/api\/catalog\/locations cannot be answered: a static portal has no backend/,
    );
    const templated = (method: string, path: string) =>
      run(`steps:\n  - { id: p, action: http:backstage:request, input: { method: '\${{ "${method}" }}', path: '\${{ "${path}" }}' } }`);
    await expect(templated('GET', '/api/proxy/slack/chat.postMessage')).rejects.toThrow(/"\/api\/proxy\/slack\/chat.postMessage" is not a catalog API path/);
    await expect(templated('POST', '/api/catalog/locations')).rejects.toThrow(/POST \/api\/catalog\/locations: a static portal has no backend/);
    await expect(templated('GET', '/api/catalog/entity-facets')).rejects.toThrow(/the catalog API path "\/api\/catalog\/entity-facets" is not served/);
    await expect(run(`steps:\n  - { id: p, action: http:backstage:request, input: { method: GET, path: /api/catalog/entities/by-name/component/default/gone } }`)).rejects.toThrow(/answered 404/);
  });
});

describe('debug:log', () => {
  it('logs a message rendered to a list or an object as JSON', async () => {
    const lines: string[] = [];
    await runTemplate({
      template: memoryTemplate({ 'templates/service/template.yaml': templateYaml(`steps:\n  - { id: log, action: debug:log, input: { message: '\${{ [1, "a"] }}' } }`) }),
      values: {}, workspace: tmp(), dryRun: true, log: (l) => lines.push(l),
    });
    expect(lines).toContain('[log]   [\n  1,\n  "a"\n]');
  });
});
