import { describe, expect, it } from 'vitest';
import type { CustomKindConfig } from '../../config/types.ts';
import { compileCustomKind } from './custom.ts';
import { createValidator } from './index.ts';

const widget: CustomKindConfig = {
  apiVersion: 'acme.com/v1',
  kind: 'Widget',
  schema: {
    $schema: 'http://json-schema.org/draft-07/schema',
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['size', 'owner'],
        properties: {
          size: { type: 'integer', minimum: 1, description: 'how many units it has, e.g. 3' },
          owner: { type: 'string' },
          contact: { type: 'string', format: 'email' },
        },
      },
    },
  },
};

function widgetEntity(spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'acme.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec, ...extra };
}

describe('custom kinds', () => {
  const validate = createValidator({ customKinds: [widget] });

  it('accepts an entity that matches the custom schema', () => {
    expect(validate(widgetEntity({ size: 2, owner: 'team-a', contact: 'a@example.com' }))).toEqual([]);
  });

  it('reports the custom schema problems with the kind and the field description as hint', () => {
    expect(validate(widgetEntity({ owner: 'team-a' }))).toEqual([
      {
        code: 'schema',
        message: 'spec.size is required for a Widget',
        hint: 'add spec.size: how many units it has, e.g. 3',
        path: ['spec'],
      },
    ]);
    expect(validate(widgetEntity({ size: 0, owner: 'x', contact: 'nope' }))).toEqual([
      { code: 'schema', message: 'spec.size must be at least 1, not 0', path: ['spec', 'size'] },
      { code: 'schema', message: 'spec.contact "nope" is not a valid email', path: ['spec', 'contact'] },
    ]);
  });

  it('checks envelope and metadata rules as well (root-level problems first)', () => {
    const found = validate({ apiVersion: 'acme.com/v1', kind: 'Widget', metadata: { tags: ['Bad'] }, relations: [] });
    expect(found.map((i) => i.message)).toEqual([
      'spec is required for a Widget',
      'metadata.name is required',
      'metadata.tags[0] "Bad" is not a valid tag',
      'Unknown root field "relations"',
    ]);
  });

  it('reports a required field once even when both schemas require it', () => {
    const strict = createValidator({
      customKinds: [{ ...widget, schema: { type: 'object', required: ['metadata'], properties: { metadata: { type: 'object', required: ['name'] } } } }],
    });
    expect(strict({ apiVersion: 'acme.com/v1', kind: 'Widget', metadata: {} })).toEqual([
      expect.objectContaining({ message: 'metadata.name is required', path: ['metadata'] }),
    ]);
  });

  it('knows the custom kind in unknown-kind hints', () => {
    expect(validate(widgetEntity({}, { apiVersion: 'acme.com/v2' }))).toEqual([
      {
        code: 'unknown-kind',
        message: 'Unknown kind "Widget" (apiVersion acme.com/v2)',
        hint: 'Widget needs apiVersion acme.com/v1',
        path: ['apiVersion'],
      },
    ]);
    expect(validate(widgetEntity({}, { kind: 'Gadget' }))[0]?.hint).toContain('Template, Widget');
  });

  it('adds its rules to a built-in kind when it claims the same pair', () => {
    const needsSystem = createValidator({
      customKinds: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          schema: { type: 'object', properties: { spec: { type: 'object', required: ['system'] } } },
        },
      ],
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'service', owner: 'a' },
    };
    expect(needsSystem(entity).map((i) => i.message)).toEqual([
      'spec.lifecycle is required for a Component',
      'spec.system is required for a Component',
    ]);
  });

  it('supports draft 2020-12 schemas', () => {
    const v = createValidator({
      customKinds: [
        {
          ...widget,
          schema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: { spec: { type: 'object', properties: { sizes: { type: 'array', prefixItems: [{ type: 'integer' }] } } } },
          },
        },
      ],
    });
    expect(v(widgetEntity({ sizes: [1] }))).toEqual([]);
    expect(v(widgetEntity({ sizes: ['x'] }))).toMatchObject([{ path: ['spec', 'sizes', 0] }]);
  });
});

describe('broken custom kind declarations', () => {
  it('throws a clear error for a schema that does not compile', () => {
    expect(() => createValidator({ customKinds: [{ ...widget, schema: { type: 'strin' } }] })).toThrow(
      /^catalog\.kinds: custom kind "Widget" \(apiVersion acme\.com\/v1\): schema is not a valid JSON Schema: /,
    );
    expect(() => compileCustomKind({ ...widget, schema: { $ref: '#/definitions/missing' } })).toThrow(/not a valid JSON Schema/);
  });

  it('throws for a schema that is not an object', () => {
    expect(() => compileCustomKind({ ...widget, schema: [] as unknown as Record<string, unknown> })).toThrow(/schema must be a JSON Schema object/);
  });

  it('throws for a kind or apiVersion that entities could never use', () => {
    expect(() => compileCustomKind({ ...widget, kind: 'my-widget' })).toThrow(/kind is not valid/);
    expect(() => compileCustomKind({ ...widget, apiVersion: 'Acme.com/v1' })).toThrow(/apiVersion is not valid/);
  });
});
