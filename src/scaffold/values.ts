// The form's values checked again against the template's parameter pages: the browser is not trusted.

import { pageShown, parameterPages as readPages, type WhenEvaluator } from '../model/templateParameters.ts';
import { valuesAjv } from '../util/ajv.ts';
import type { JsonObject } from './types.ts';

export interface ValuesProblem {
  /** `/name` style pointer into the values. */
  path: string;
  message: string;
}

/** The template's parameter pages, read as the Create form reads them (model/templateParameters.ts). */
export function parameterPages(parameters: JsonObject | JsonObject[] | undefined): JsonObject[] {
  return readPages(parameters) as JsonObject[];
}

/** Renders a page's `when` (the runner with its templating); without one every page counts, as before. */
export type PageCondition = WhenEvaluator;

const shown = (page: JsonObject, values: JsonObject, isShown: PageCondition | undefined) => pageShown(page, values, isShown);

/** The pages shown for these values, without their `when` (not a JSON Schema keyword). */
export function shownPages(pages: JsonObject[], values: JsonObject, isShown?: PageCondition): JsonObject[] {
  return pages.filter((page) => shown(page, values, isShown)).map(({ when: _when, ...schema }) => schema);
}

/** Fills top-level `default`s the form would have filled (the CLI and the issue path have no form); a hidden page's are not. */
export function withDefaults(pages: JsonObject[], values: JsonObject, isShown?: PageCondition): JsonObject {
  const out: JsonObject = { ...values };
  for (const page of pages) {
    if (!shown(page, out, isShown)) continue;
    const properties = page.properties;
    if (!properties || typeof properties !== 'object') continue;
    for (const [key, schema] of Object.entries(properties as JsonObject)) {
      if (out[key] === undefined && schema && typeof schema === 'object' && 'default' in schema) {
        out[key] = structuredClone((schema as JsonObject).default);
      }
    }
  }
  return out;
}

/** Every problem of `values` against all shown pages at once (they must all hold, as Backstage checks each page). */
export function validateValues(parameters: JsonObject | JsonObject[] | undefined, values: unknown, isShown?: PageCondition): ValuesProblem[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    return [{ path: '', message: 'the values must be a JSON object, e.g. {"name": "my-service"}' }];
  }
  const pages = shownPages(parameterPages(parameters), values as JsonObject, isShown);
  if (pages.length === 0) return [];
  const ajv = valuesAjv(); // as the browser's form configures it (views/create/validate.ts)
  let validate;
  try {
    validate = ajv.compile({ allOf: pages });
  } catch (err) {
    return [{ path: '', message: `the template's parameters are not a valid JSON Schema: ${(err as Error).message}` }];
  }
  if (validate(values)) return [];
  const seen = new Set<string>();
  const problems: ValuesProblem[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const path = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    const message = e.keyword === 'required' ? 'is required' : (e.message ?? 'is invalid');
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  if (problems.length === 0) problems.push({ path: '', message: 'the values match none of the allowed alternatives' });
  return problems;
}

export function formatValuesProblems(problems: ValuesProblem[]): string {
  return problems.map((p) => `  ${p.path ? `${p.path.slice(1).replaceAll('/', '.')} ` : ''}${p.message}`).join('\n');
}
