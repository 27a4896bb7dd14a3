// Internal `$ref` resolution for OpenAPI/AsyncAPI documents, through json-schema-ref-parser with external
// resolution off: a crawled definition must never make the build fetch a URL or read a file.

import $RefParser from '@apidevtools/json-schema-ref-parser';

export interface RefResolver {
  /** The value an internal `#/…` pointer names; undefined when it names nothing (or only another `$ref`, a loop). */
  get(ref: string): unknown;
}

export function isInternalRef(ref: string): boolean {
  return ref === '#' || ref.startsWith('#/');
}

export async function internalRefs(doc: object): Promise<RefResolver> {
  const refs = await new $RefParser().resolve(doc, {
    resolve: { external: false, file: false, http: false },
    continueOnError: false,
  });
  const cache = new Map<string, unknown>();
  return {
    get(ref) {
      if (!isInternalRef(ref)) return undefined;
      if (cache.has(ref)) return cache.get(ref);
      let value: unknown;
      try {
        value = refs.get(ref);
      } catch {
        value = undefined;
      }
      // The parser follows chains of refs; one that ends on a `$ref` went round in a circle.
      if (isRefObject(value)) value = undefined;
      cache.set(ref, value);
      return value;
    },
  };
}

export function isRefObject(value: unknown): value is { $ref: string } {
  return !!value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** Display name of a pointer: `#/components/schemas/Pet` → `Pet`, `#/definitions/a~1b` → `a/b`. */
export function refName(ref: string): string {
  const tokens = ref.replace(/^#\/?/, '').split('/').map(decodeToken);
  const known = /^(components\/(schemas|messages|parameters|responses|requestBodies)|definitions)\//.exec(ref.replace(/^#\//, ''));
  if (known) return tokens.slice(known[1]!.split('/').length).join('/');
  return tokens.join('/') || '#';
}

function decodeToken(token: string): string {
  let text = token;
  try {
    text = decodeURIComponent(token);
  } catch {
    // Not URI-encoded: keep as written.
  }
  return text.replaceAll('~1', '/').replaceAll('~0', '~');
}
