// The custom ajv keywords the entity schemas use: one validating keyword and three annotations that feed messages.

import type { Ajv } from 'ajv';
import { formats, isFormatName } from './formats.ts';

/** Annotation keywords: they never fail, they only carry data for friendly messages. */
export const ANNOTATIONS = {
  /** How to fill the field in; the hint when it is missing. */
  hint: 'x-hint',
  /** The hint when the field has the wrong type. */
  typeHint: 'x-type-hint',
  /** Marks an entity reference; the value is the default kind (lower-case), or "" when the kind must be written. */
  ref: 'x-ref',
} as const;

export function addBacklotKeywords(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'backlotFormat',
    type: 'string',
    schemaType: 'string',
    errors: false,
    compile(name: unknown) {
      if (!isFormatName(name)) throw new Error(`backlotFormat: unknown format ${JSON.stringify(name)}`);
      const check = formats[name].check;
      return (data: string) => check(data);
    },
  });
  for (const keyword of Object.values(ANNOTATIONS)) ajv.addKeyword({ keyword, schemaType: 'string' });
  return ajv;
}
