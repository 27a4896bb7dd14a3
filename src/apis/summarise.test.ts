import { describe, expect, it } from 'vitest';
import { definitionBase, definitionText, summariseDefinition } from './summarise.ts';

describe('summariseDefinition', () => {
  it('turns invalid YAML into a broken definition with the parser’s position', async () => {
    const out = await summariseDefinition('openapi', 'openapi: 3.0.0\ninfo:\n  title: [unclosed\npaths: {}\n');
    expect(out.format).toBe('broken');
    if (out.format !== 'broken') return;
    expect(out.error.message).toMatch(/^Not valid YAML: /);
    expect(out.error.line).toBeGreaterThanOrEqual(3);
    expect(out.fileName).toBe('openapi.yaml');
  });

  it('calls invalid JSON JSON', async () => {
    const out = await summariseDefinition('openapi', '{ "openapi": "3.0.0", ');
    expect(out).toMatchObject({ format: 'broken', language: 'json', fileName: 'openapi.json' });
    if (out.format === 'broken') expect(out.error.message).toMatch(/^Not valid JSON: /);
  });

  it('rejects documents that are not objects or not OpenAPI', async () => {
    const list = await summariseDefinition('openapi', '- a\n- b\n');
    expect(list).toMatchObject({ format: 'broken', error: { message: 'An OpenAPI definition must be a YAML or JSON object' } });
    const other = await summariseDefinition('openapi', 'asyncapi: 2.0.0\n');
    expect(other).toMatchObject({ format: 'broken', error: { message: expect.stringContaining('Not an OpenAPI 3.x or Swagger 2.0 document') } });
  });

  it('survives a YAML alias bomb without expanding it', async () => {
    const lines = ['openapi: 3.0.0', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const out = await summariseDefinition('openapi', lines.join('\n'));
    expect(out.format).toBe('broken');
  });

  it("reads values as YAML 1.2's core schema does: dates stay text, later duplicate keys win", async () => {
    const out = await summariseDefinition('openapi', 'openapi: 3.0.0\ninfo:\n  title: First\n  title: Second\n  version: 2024-01-01\npaths: {}\n');
    expect(out).toMatchObject({ format: 'openapi', info: { title: 'Second', version: '2024-01-01' } });
  });

  it('reads a definition with anchors and aliases (through the alias-counting parser)', async () => {
    const text = 'openapi: 3.0.0\ninfo: &info { title: Shared, version: "1" }\nx-copy: *info\npaths: {}\n';
    expect(await summariseDefinition('openapi', text)).toMatchObject({ format: 'openapi', info: { title: 'Shared', version: '1' } });
  });

  it('keeps other types as text, case-insensitively known ones summarised', async () => {
    expect(await summariseDefinition('trpc', 'export const router = {}')).toEqual({
      type: 'trpc',
      language: 'text',
      fileName: 'definition.txt',
      format: 'text',
    });
    expect((await summariseDefinition('GraphQL', 'type Query { a: Int }')).format).toBe('graphql');
  });
});

describe('definitionText', () => {
  it('keeps strings and shows objects (from $json placeholders) as JSON', () => {
    expect(definitionText('openapi: 3.0.0')).toBe('openapi: 3.0.0');
    expect(definitionText({ openapi: '3.0.0' })).toBe('{\n  "openapi": "3.0.0"\n}');
    expect(definitionText(undefined)).toBeUndefined();
  });
});

describe('definitionBase', () => {
  it('names the download by type and content', () => {
    expect(definitionBase('asyncapi', '  {"asyncapi": "3.0.0"}')).toEqual({ type: 'asyncapi', language: 'json', fileName: 'asyncapi.json' });
    expect(definitionBase('grpc', 'syntax = "proto3";')).toEqual({ type: 'grpc', language: 'proto', fileName: 'service.proto' });
  });
});
