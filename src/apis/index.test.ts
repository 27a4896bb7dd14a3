import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../model/catalog.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { readApiDefinitions } from './index.ts';

function api(name: string, type: string, definition: unknown, kind = 'API'): CatalogEntity {
  return catalogEntity(entity(kind, name, { type, lifecycle: 'production', owner: 'team', definition }), {
    repo: 'shop',
    line: 10,
    positions: { '/spec/definition': { line: 19, column: 3 } },
  });
}

describe('readApiDefinitions', () => {
  it('summarises every API by ref and reports broken definitions as errors at spec.definition', async () => {
    const { apis, diagnostics } = await readApiDefinitions([
      api('good', 'graphql', 'type Query { a: Int }'),
      api('bad', 'grpc', 'service {'),
      api('component', 'openapi', 'openapi: 3.0.0', 'Component'),
      api('none', 'openapi', undefined),
    ]);
    expect(Object.keys(apis)).toEqual(['api:default/good', 'api:default/bad']);
    expect(apis['api:default/good']!.format).toBe('graphql');
    expect(apis['api:default/bad']!.format).toBe('broken');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'api-definition',
        message: "The gRPC definition of bad cannot be read: Not valid protobuf: illegal service name '{' (line 1 of the definition)",
        hint: 'Fix the file spec.definition points to; the API page shows the raw text until then.',
        repo: 'shop',
        file: 'catalog-info.yaml',
        line: 19,
        column: 3,
        entity: 'api:default/bad',
      },
    ]);
  });

  it('with a cache (backlot dev), parses only changed definitions, and still reports a broken one each run', async () => {
    const cache = new Map();
    const first = await readApiDefinitions([api('good', 'graphql', 'type Query { a: Int }'), api('bad', 'grpc', 'service {')], cache);
    const second = await readApiDefinitions([api('good', 'graphql', 'type Query { a: Int }'), api('bad', 'grpc', 'service {'), api('new', 'graphql', 'type Query { b: Int }')], cache);
    expect(second.apis['api:default/good']).toBe(first.apis['api:default/good']); // the same summary, not parsed again
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(cache.size).toBe(3);
    await readApiDefinitions([api('good', 'graphql', 'type Query { a: String }')], cache);
    expect(cache.size).toBe(1); // only this run's are kept
  });

  it('reports refs that resolve nowhere as one warning per API', async () => {
    const text = JSON.stringify({
      openapi: '3.0.0',
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/A' }, '500': { $ref: '#/components/responses/B' } } } } },
    });
    const item = api('refs', 'openapi', text);
    item.source.positions = {};
    const { diagnostics } = await readApiDefinitions([item]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'api-definition',
        message: 'The OpenAPI definition of refs: $ref "#/components/responses/A" does not resolve to anything in the definition (and 1 more)',
        line: 10,
        column: 1,
      }),
    ]);
  });

  it('costs an API that throws that API only: a render-failed error, and the others summarised', async () => {
    // An inline definition nested 20,000 levels: JSON.stringify overflows the stack on it.
    const deep: unknown[] = [];
    let at = deep;
    for (let i = 0; i < 20_000; i++) at.push((at = []));
    const { apis, diagnostics } = await readApiDefinitions([api('deep', 'openapi', { openapi: '3.0.0', x: deep }), api('good', 'graphql', 'type Query { a: Int }')]);
    expect(apis['api:default/good']!.format).toBe('graphql');
    expect(apis['api:default/deep']).toMatchObject({ format: 'broken', error: { message: expect.stringContaining('Maximum call stack size exceeded') } });
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'render-failed', repo: 'shop', file: 'catalog-info.yaml', line: 19, entity: 'api:default/deep' }),
    ]);
  });

  it('reads definitions nested too deeply for the parsers as broken, with the others summarised', async () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const { apis, diagnostics } = await readApiDefinitions([
      api('json', 'openapi', `{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{},"x":${nested(5000)}}`),
      api('yaml', 'asyncapi', `asyncapi: 2.6.0\nchannels: {}\nx: ${nested(5000)}\n`),
      api('gql', 'graphql', `query { ${'a { '.repeat(5000)} b ${'}'.repeat(5000)} }`),
      api('proto', 'grpc', `syntax = "proto3";\n${'message M { '.repeat(2000)}${'}'.repeat(2000)}`),
      api('good', 'graphql', 'type Query { a: Int }'),
    ]);
    expect(Object.values(apis).map((a) => a.format)).toEqual(['broken', 'broken', 'broken', 'broken', 'graphql']);
    expect(diagnostics.map((d) => [d.entity, d.code, d.severity])).toEqual([
      ['api:default/json', 'api-definition', 'error'],
      ['api:default/yaml', 'api-definition', 'error'],
      ['api:default/gql', 'api-definition', 'error'],
      ['api:default/proto', 'api-definition', 'error'],
    ]);
  });
});
