// One ajv set-up for the places that validate with it: the form's values (in the browser and again in
// `backlot scaffold`, which must agree), custom kinds' schemas, and the formats plugin they all load.
// Browser-safe: no Node imports.

import { Ajv } from 'ajv';
import * as formatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on where the plugin lands.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsNs = formatsModule as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
export const addFormats: FormatsPlugin = typeof formatsNs.default === 'function' ? formatsNs.default : formatsNs.default.default;

/**
 * The ajv that checks a template's parameter values, in the browser's form and in `backlot scaffold` alike.
 * strict off: parameter pages carry `ui:*`, `enumNames` and other form-only keywords.
 */
export function valuesAjv(): Ajv {
  return addFormats(new Ajv({ allErrors: true, strict: false, validateFormats: true }));
}
