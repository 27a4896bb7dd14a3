// Entity and location references, following Backstage's catalog-model (`entity/ref.ts`, `location/helpers.ts`).

import { DEFAULT_NAMESPACE, type Entity } from './entity.ts';

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface EntityRefContext {
  /** Kind to use when the ref has none (the field's default kind). */
  defaultKind?: string;
  /** Namespace to use when the ref has none (the source entity's namespace); falls back to `default`. */
  defaultNamespace?: string;
}

/**
 * Parses `[<kind>:][<namespace>/]<name>`. The first `:` ends the kind unless a `/` comes before it;
 * the first `/` ends the namespace. Parts keep the case they were written in, so messages and
 * displays can show what the author wrote; compare refs through `stringifyEntityRef`, which lower-cases.
 */
export function parseEntityRef(ref: string, context: EntityRefContext = {}): CompoundEntityRef {
  if (!ref) throw new Error('Entity reference must not be empty');
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || !name) {
    throw new Error(`Entity reference ${JSON.stringify(ref)} was not on the form [<kind>:][<namespace>/]<name>`);
  }
  const finalKind = kind ?? context.defaultKind;
  if (!finalKind) {
    throw new Error(
      `Entity reference ${JSON.stringify(ref)} had missing or empty kind (e.g. did not start with "component:" or similar)`,
    );
  }
  return { kind: finalKind, namespace: namespace ?? (context.defaultNamespace || DEFAULT_NAMESPACE), name };
}

/** Canonical `kind:namespace/name`, every part lower-cased (locale-insensitive), as Backstage stores targetRefs. */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string }): string {
  return `${ref.kind}:${ref.namespace || DEFAULT_NAMESPACE}/${ref.name}`.toLowerCase();
}

/** Canonical ref of an entity; a missing namespace means `default`. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

/** Short display form: drops the default namespace and, when given, the expected kind. */
export function humanizeRef(ref: string, defaultKind?: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  const showKind = !defaultKind || kind.toLowerCase() !== defaultKind.toLowerCase();
  const ns = namespace.toLowerCase() === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
  return `${showKind ? `${kind}:` : ''}${ns}${name}`;
}

/** humanizeRef, or the text as written when it is not a ref (crawled text, a typo): for showing, never for lookups. */
export function shownRef(ref: string, defaultKind?: string): string {
  try {
    return humanizeRef(ref, defaultKind);
  } catch {
    return ref;
  }
}

const LOCATION_FORM = "expected '<type>:<target>', e.g. 'url:https://host/path'";

/** Splits `<type>:<target>` on the first colon, both halves trimmed. */
export function parseLocationRef(ref: string): { type: string; target: string } {
  const cut = ref.indexOf(':');
  const type = cut === -1 ? '' : ref.slice(0, cut).trim();
  const target = cut === -1 ? '' : ref.slice(cut + 1).trim();
  if (!type || !target) throw new Error(`Unable to parse location ref '${ref}', ${LOCATION_FORM}`);
  checkLocationRef(ref, type, target);
  return { type, target };
}

export function stringifyLocationRef(ref: { type: string; target: string }): string {
  if (!ref.type) throw new Error('Unable to stringify location ref, empty type');
  if (!ref.target) throw new Error('Unable to stringify location ref, empty target');
  const text = `${ref.type}:${ref.target}`;
  checkLocationRef(text, ref.type, ref.target);
  return text;
}

function checkLocationRef(ref: string, type: string, target: string): void {
  if (type === 'http' || type === 'https') {
    throw new Error(`Invalid location ref '${ref}', please prefix it with 'url:', e.g. 'url:${ref}'`);
  }
  // Browsers drop tabs and newlines inside a URL scheme, so `java\tscript:` is still a script URL.
  if (/^javascript:/i.test(target.replace(/[\t\n\r]/g, ''))) {
    throw new Error(`Invalid location ref '${ref}', target is a javascript: URL`);
  }
}
