import { describe, expect, it } from 'vitest';
import { summariseDefinition } from '../../apis/summarise.ts';
import { apiPaths, definitionCounts, formatLabel, messageAnchor, schemaAnchor } from './view.ts';

describe('API definition display', () => {
  it('labels and counts what each kind of definition holds', async () => {
    const openapi = await summariseDefinition('openapi', JSON.stringify({
      swagger: '2.0',
      paths: { '/a': { get: { tags: ['x', 'y'], responses: {} } } },
      definitions: {},
    }));
    expect(formatLabel(openapi)).toBe('Swagger 2.0');
    // An operation under two tags counts once.
    expect(definitionCounts(openapi)).toEqual(['1 operation', '0 schemas']);
    const graphql = await summariseDefinition('graphql', 'type Query { a: Int, b: Int }\ntype Subscription { c: Int }');
    expect([formatLabel(graphql), ...definitionCounts(graphql)]).toEqual(['GraphQL SDL', '2 queries', '0 mutations', '1 subscription', '0 types']);
    const grpc = await summariseDefinition('grpc', 'syntax = "proto3"; service S { rpc A (M) returns (M); } message M {}');
    expect(definitionCounts(grpc)).toEqual(['1 service', '1 method', '1 message']);
    const text = await summariseDefinition('trpc', 'x');
    expect([formatLabel(text), ...definitionCounts(text)]).toEqual(['trpc']);
    expect(formatLabel(await summariseDefinition('openapi', '{'))).toBe('OpenAPI');
  });

  it('puts the rendered definition and the raw file next to the entity page', () => {
    expect(apiPaths('catalog/default/api/pay/', { fileName: 'openapi.yaml' })).toEqual({
      page: 'catalog/default/api/pay/definition/',
      raw: 'catalog/default/api/pay/openapi.yaml',
    });
  });

  it('makes HTML ids from schema and message keys', () => {
    expect(schemaAnchor('#/components/schemas/Pet~1Cat')).toBe('schema-components-schemas-Pet-1Cat');
    expect(messageAnchor('orders/{id}/publish/0')).toBe('message-orders-id-publish-0');
  });
});
