// Ajv errors → issues, exercised through custom kind schemas (which may use any JSON Schema keyword).
import { describe, expect, it } from 'vitest';
import { createValidator } from './index.ts';

function validatorFor(spec: Record<string, unknown>, definitions: Record<string, unknown> = {}) {
  return createValidator({
    customKinds: [{ apiVersion: 'acme.com/v1', kind: 'Gadget', schema: { type: 'object', properties: { spec }, definitions } }],
  });
}

function gadget(spec: unknown) {
  return { apiVersion: 'acme.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec };
}

describe('oneOf / anyOf', () => {
  const validate = validatorFor(
    {
      type: 'object',
      required: ['name'],
      properties: {
        color: { oneOf: [{ type: 'string' }, { $ref: '#/definitions/rgb' }] },
        size: { anyOf: [{ type: 'integer' }, { type: 'string', enum: ['small', 'large'] }] },
        both: { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] },
      },
    },
    { rgb: { type: 'object', required: ['r', 'g', 'b'], properties: { r: { type: 'integer' } } } },
  );

  it('collapses the branches into one message, also through $ref, and keeps sibling problems', () => {
    expect(validate(gadget({ color: { r: 'x' }, size: 'medium' }))).toEqual([
      { code: 'schema', message: 'spec.name is required for a Gadget', hint: 'add spec.name', path: ['spec'] },
      { code: 'schema', message: 'spec.color does not match any of the allowed forms', path: ['spec', 'color'] },
      {
        code: 'schema',
        message: 'spec.size does not match any of the allowed forms',
        hint: 'use a whole number, or a string',
        path: ['spec', 'size'],
      },
    ]);
  });

  it('says when a value matches more than one oneOf branch', () => {
    expect(validate(gadget({ name: 'x', both: 'abc' }))).toEqual([
      {
        code: 'schema',
        message: 'spec.both matches more than one of the allowed forms',
        hint: 'make it match exactly one',
        path: ['spec', 'both'],
      },
    ]);
  });
});

describe('other keywords', () => {
  const validate = validatorFor({
    type: 'object',
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      level: { enum: ['low', 'high'] },
      mode: { const: 'auto' },
      list: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string' } },
      name: { type: 'string', maxLength: 3 },
      ratio: { type: 'number', exclusiveMaximum: 1 },
      labels: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } },
      nope: false,
      deps: { type: 'object', dependencies: { a: ['b'] } },
      notThis: { not: { type: 'string' } },
    },
  });

  it('words each keyword without raw ajv text', () => {
    const found = validate(
      gadget({
        code: 'abc',
        level: 'mid',
        mode: 'manual',
        list: ['x'],
        name: 'abcd',
        ratio: 2,
        labels: { Bad: '1' },
        nope: 1,
        deps: { a: 1 },
        notThis: 'x',
        extra: true,
      }),
    );
    expect(found).toEqual([
      {
        code: 'schema',
        message: 'spec.code "abc" does not have the expected format',
        hint: 'it must match the regular expression ^[A-Z]{3}$',
        path: ['spec', 'code'],
      },
      { code: 'schema', message: 'spec.level must be one of "low", "high", not "mid"', path: ['spec', 'level'] },
      { code: 'schema', message: 'spec.mode must be "auto", not "manual"', path: ['spec', 'mode'] },
      { code: 'schema', message: 'spec.list must have at least 2 items', path: ['spec', 'list'] },
      { code: 'schema', message: 'spec.name must have at most 3 characters (it has 4)', path: ['spec', 'name'] },
      { code: 'schema', message: 'spec.ratio must be less than 1, not 2', path: ['spec', 'ratio'] },
      {
        code: 'schema',
        message: 'spec.labels key "Bad" does not have the expected format',
        hint: 'it must match the regular expression ^[a-z]+$',
        path: ['spec', 'labels', 'Bad'],
        onKey: true,
      },
      { code: 'schema', message: 'spec.nope is not allowed here', hint: 'remove it', path: ['spec', 'nope'] },
      { code: 'schema', message: 'spec.deps.b is required for a Gadget when spec.deps.a is set', hint: 'add spec.deps.b', path: ['spec', 'deps'] },
      { code: 'schema', message: 'spec.notThis has a value that is not allowed here', path: ['spec', 'notThis'] },
      {
        code: 'schema',
        message: 'spec has an unknown field "extra"',
        hint: 'remove it or fix its spelling; the schema of Gadget does not allow it',
        path: ['spec', 'extra'],
        onKey: true,
      },
    ]);
  });

  it('reports duplicate list items', () => {
    expect(validate(gadget({ list: ['a', 'b', 'a'] }))).toEqual([
      { code: 'schema', message: 'spec.list lists the same item twice (items 0 and 2)', hint: 'remove the duplicate', path: ['spec', 'list'] },
    ]);
  });
});

describe('root-level additionalProperties in a custom schema', () => {
  it('leaves unknown root fields to the foreign-root-field check', () => {
    const validate = createValidator({
      customKinds: [{ apiVersion: 'acme.com/v1', kind: 'Gadget', schema: { type: 'object', additionalProperties: false, properties: { apiVersion: {}, kind: {}, metadata: {} } } }],
    });
    expect(validate({ ...gadget({}), status: {} }).map((i) => [i.code, i.path])).toEqual([
      ['schema', ['spec']],
      ['foreign-root-field', ['status']],
    ]);
  });
});
