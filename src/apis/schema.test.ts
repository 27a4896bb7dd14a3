import { describe, expect, it } from 'vitest';
import { internalRefs, refName } from './refs.ts';
import { convertSchema, schemaContext } from './schema.ts';

async function context(doc: object, budget?: number) {
  return schemaContext(await internalRefs(doc), budget);
}

describe('convertSchema', () => {
  it('turns keywords into a display node', async () => {
    const ctx = await context({});
    const node = convertSchema(
      {
        type: 'object',
        description: '  A parcel.  ',
        required: ['weight'],
        properties: {
          weight: { type: 'integer', format: 'int32', minimum: 1, maximum: 70000, exclusiveMaximum: true },
          code: { type: ['string', 'null'], pattern: '^[A-Z]{3}$', maxLength: 3, enum: ['ABC', 'XYZ', null], default: 'ABC' },
          tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, minItems: 1 },
          extra: { additionalProperties: { type: 'number' } },
          anything: { additionalProperties: true, deprecated: true, readOnly: true, nullable: true },
          fixed: { const: 3, example: { a: 1 } },
        },
      },
      ctx,
    );
    expect(node.type).toBe('object');
    expect(node.description).toBe('A parcel.');
    const [weight, code, tags, extra, anything, fixed] = node.properties!;
    expect(weight).toEqual({ name: 'weight', required: true, schema: { type: 'integer', format: 'int32', constraints: ['≥ 1', '< 70000'] } });
    expect(code!.required).toBeUndefined();
    expect(code!.schema).toEqual({
      type: 'string | null',
      enum: ['ABC', 'XYZ', 'null'],
      default: 'ABC',
      constraints: ['max length 3', 'pattern ^[A-Z]{3}$'],
    });
    expect(tags!.schema).toEqual({ type: 'array', items: { type: 'string' }, constraints: ['min items 1', 'unique items'] });
    expect(extra!.schema).toEqual({ type: 'object', additional: { type: 'number' } });
    expect(anything!.schema).toEqual({ type: 'object', additional: true, deprecated: true, readOnly: true, nullable: true });
    expect(fixed!.schema).toEqual({ enum: ['3'], example: '{"a":1}' });
  });

  it('puts a referenced schema in the table once, under its name, and refers to it by key', async () => {
    const doc = {
      components: {
        schemas: {
          Address: { type: 'object', properties: { city: { type: 'string' } } },
          Order: { type: 'object', properties: { from: { $ref: '#/components/schemas/Address' }, to: { $ref: '#/components/schemas/Address' } } },
        },
      },
    };
    const ctx = await context(doc);
    const node = convertSchema({ $ref: '#/components/schemas/Order' }, ctx);
    expect(node).toEqual({ ref: '#/components/schemas/Order' });
    expect(Object.keys(ctx.schemas).sort()).toEqual(['#/components/schemas/Address', '#/components/schemas/Order']);
    expect(ctx.schemas['#/components/schemas/Order']!.name).toBe('Order');
    expect(ctx.schemas['#/components/schemas/Order']!.schema.properties!.map((p) => p.schema)).toEqual([
      { ref: '#/components/schemas/Address' },
      { ref: '#/components/schemas/Address' },
    ]);
  });

  it('ends cycles at the named schema: a tree node may refer to itself and to its parent', async () => {
    const doc = {
      definitions: {
        Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } }, parent: { $ref: '#/definitions/Tree' } } },
        Tree: { type: 'object', properties: { root: { $ref: '#/definitions/Node' } } },
      },
    };
    const ctx = await context(doc);
    convertSchema({ $ref: '#/definitions/Tree' }, ctx);
    const node = ctx.schemas['#/definitions/Node']!.schema;
    expect(node.properties![0]!.schema).toEqual({ type: 'array', items: { ref: '#/definitions/Node' } });
    expect(node.properties![1]!.schema).toEqual({ ref: '#/definitions/Tree' });
    expect(JSON.stringify(ctx.schemas).length).toBeLessThan(1000);
  });

  it('keeps external refs as text and reports internal refs that point nowhere', async () => {
    const ctx = await context({});
    expect(convertSchema({ $ref: 'https://example.com/schemas/pet.json' }, ctx)).toEqual({ external: 'https://example.com/schemas/pet.json' });
    expect(convertSchema({ $ref: './pet.yaml#/Pet' }, ctx)).toEqual({ external: './pet.yaml#/Pet' });
    expect(convertSchema({ $ref: '#/components/schemas/Missing' }, ctx)).toEqual({ unresolved: '#/components/schemas/Missing' });
    expect(ctx.warnings).toEqual(['$ref "#/components/schemas/Missing" does not resolve to anything in the definition']);
  });

  it('shows variants and keeps a description next to a $ref (OpenAPI 3.1)', async () => {
    const ctx = await context({ components: { schemas: { Cat: { type: 'object' } } } });
    expect(
      convertSchema({ oneOf: [{ $ref: '#/components/schemas/Cat', description: 'A cat.' }, { type: 'string' }] }, ctx),
    ).toEqual({ variants: { kind: 'oneOf', options: [{ ref: '#/components/schemas/Cat', description: 'A cat.' }, { type: 'string' }] } });
  });

  it('cuts trees at the node budget and at deep inline nesting', async () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { type: 'string' }])) };
    const small = await context({}, 10);
    const node = convertSchema(wide, small);
    expect(node.properties!.length).toBe(10);
    expect(node.properties!.at(-1)).toEqual({ name: '…', schema: { truncated: true } });

    let deep: object = { type: 'string' };
    for (let i = 0; i < 20; i++) deep = { type: 'object', properties: { next: deep } };
    let cursor = convertSchema(deep, await context({}));
    let levels = 0;
    while (cursor.properties) {
      cursor = cursor.properties[0]!.schema;
      levels += 1;
    }
    expect(cursor).toEqual({ truncated: true });
    expect(levels).toBe(13);
  });
});

describe('refName', () => {
  it('names component pointers by their last part and others by their path', () => {
    expect(refName('#/components/schemas/Pet')).toBe('Pet');
    expect(refName('#/definitions/a~1b')).toBe('a/b');
    expect(refName('#/components/messages/ShipmentBooked')).toBe('ShipmentBooked');
    expect(refName('#/channels/orders/messages/created')).toBe('channels/orders/messages/created');
  });
});
