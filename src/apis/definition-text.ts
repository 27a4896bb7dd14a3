// The raw text of an API definition, in a module of its own: the site's pages need it, and importing it from
// ./summarise.ts loaded yaml and js-yaml into the site child (~0.1 s of a rebuild's CPU without a compile cache, as
// in CI; CPU profile, 10,000 entities).

/** The definition as text: placeholders like `$json` or inline YAML give an object, shown as JSON. */
export function definitionText(definition: unknown): string | undefined {
  if (typeof definition === 'string') return definition;
  if (definition === undefined || definition === null) return undefined;
  return JSON.stringify(definition, null, 2);
}
