// Custom kinds from backlot.config.yaml (`catalog.kinds`): their JSON Schema validates the whole entity.

import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { addFormats } from '../../util/ajv.ts';
import type { CustomKindConfig } from '../../config/types.ts';
import { formats } from './formats.ts';
import { addBacklotKeywords } from './keywords.ts';

function ajvFor(schema: AnySchemaObject): Ajv {
  const options = { allErrors: true, verbose: true, messages: false, strict: false } as const;
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  // Ajv2019/2020 share Ajv's API; the cast keeps one type for the caller.
  if (draft.includes('2020-12')) return new Ajv2020(options) as unknown as Ajv;
  if (draft.includes('2019-09')) return new Ajv2019(options) as unknown as Ajv;
  return new Ajv(options);
}

function fail(kind: CustomKindConfig, problem: string): never {
  throw new Error(`catalog.kinds: custom kind "${kind.kind}" (apiVersion ${kind.apiVersion}): ${problem}`);
}

/** Compiles one custom kind's schema; throws a clear Error when the declaration or its schema is broken. */
export function compileCustomKind(kind: CustomKindConfig): ValidateFunction {
  if (typeof kind.kind !== 'string' || !formats.kind.check(kind.kind)) {
    fail(kind, `kind is not valid: ${formats.kind.hint(String(kind.kind))}`);
  }
  if (typeof kind.apiVersion !== 'string' || !formats.apiVersion.check(kind.apiVersion)) {
    fail(kind, `apiVersion is not valid: ${formats.apiVersion.hint(String(kind.apiVersion))}`);
  }
  const schema = kind.schema as unknown;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    fail(kind, 'schema must be a JSON Schema object');
  }
  const ajv = addBacklotKeywords(addFormats(ajvFor(schema as AnySchemaObject)));
  try {
    return ajv.compile(schema as AnySchemaObject);
  } catch (err) {
    return fail(kind, `schema is not a valid JSON Schema: ${(err as Error).message}`);
  }
}
