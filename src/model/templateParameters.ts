// How a scaffolder.backstage.io/v1beta3 Template's parameters are read, for the Create form and for
// `backlot scaffold`'s check of the values alike: `spec.parameters` is one JSON Schema object (one page) or a
// list of them; whatever is not an object is not a page. Browser-safe.

export type ParameterPage = Record<string, unknown>;

export function parameterPages(parameters: unknown): ParameterPage[] {
  const list = Array.isArray(parameters) ? parameters : parameters ? [parameters] : [];
  return list.filter((page): page is ParameterPage => !!page && typeof page === 'object' && !Array.isArray(page));
}

/** Backstage: an empty list is false, anything else by JavaScript truthiness. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/**
 * Renders a page's `when: ${{ … }}` with `parameters` = the values. The caller brings the templating (nunjitsu,
 * `src/scaffold/templating.ts`), so this module stays free of it.
 */
export type WhenEvaluator = (expression: string, parameters: Record<string, unknown>) => unknown;

/**
 * Whether a page counts for these values: no `when`, or a `when` that holds. The same rule for the browser's
 * form (which steps it shows, which values it sends) and `backlot scaffold`'s values check (which pages it
 * checks and fills defaults from). Without an evaluator every page counts.
 */
export function pageShown(page: ParameterPage, values: Record<string, unknown>, evaluate?: WhenEvaluator): boolean {
  const when = page.when;
  if (when === undefined || !evaluate) return true;
  return isTruthy(typeof when === 'string' ? evaluate(when, values) : when);
}

/** A page without `properties` that is a bare `oneOf` of objects: its alternatives, one of which the values must match. */
export function pageAlternatives(page: ParameterPage): ParameterPage[] | undefined {
  const props = page.properties;
  if (props && typeof props === 'object' && Object.keys(props).length) return undefined;
  if (!Array.isArray(page.oneOf)) return undefined;
  const alternatives = page.oneOf.filter((a): a is ParameterPage => !!a && typeof a === 'object' && !Array.isArray(a));
  return alternatives.length ? alternatives : undefined;
}
