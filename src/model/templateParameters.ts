// How a scaffolder.backstage.io/v1beta3 Template's parameters are read, for the Create form and for
// `backlot scaffold`'s check of the values alike: `spec.parameters` is one JSON Schema object (one page) or a
// list of them; whatever is not an object is not a page. Browser-safe.

export type ParameterPage = Record<string, unknown>;

export function parameterPages(parameters: unknown): ParameterPage[] {
  const list = Array.isArray(parameters) ? parameters : parameters ? [parameters] : [];
  return list.filter((page): page is ParameterPage => !!page && typeof page === 'object' && !Array.isArray(page));
}
