// Canonical entity refs (`kind:namespace/name`) as the model carries them, and the URLs built from them.

import { DEFAULT_NAMESPACE } from '../../model/entity.ts';

export interface RefParts {
  kind: string;
  namespace: string;
  name: string;
}

/** Splits a ref; tolerates a missing namespace (→ default). Parts keep their case. */
export function splitRef(ref: string): RefParts {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (colon <= 0 || (slash !== -1 && slash < colon)) {
    throw new Error(`Entity reference "${ref}" has no kind`);
  }
  const kind = ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  const cut = rest.indexOf('/');
  const namespace = cut === -1 ? DEFAULT_NAMESPACE : rest.slice(0, cut);
  const name = cut === -1 ? rest : rest.slice(cut + 1);
  if (!namespace || !name) throw new Error(`Entity reference "${ref}" was not on the form kind:namespace/name`);
  return { kind, namespace, name };
}

/** `kind:namespace/name`, all lower-case, the way Backstage stringifies refs. */
export function formatRef(parts: RefParts): string {
  return `${parts.kind}:${parts.namespace}/${parts.name}`.toLowerCase();
}

/** Site path of an entity page, lower-cased like Backstage's `/catalog/:namespace/:kind/:name`. */
export function entityPath(ref: string): string {
  const { kind, namespace, name } = splitRef(ref);
  return `catalog/${namespace}/${kind}/${name}/`.toLowerCase();
}

/** Short display form: drops the default namespace and, when given, the expected kind. */
export function humanizeRef(ref: string, defaultKind?: string): string {
  const { kind, namespace, name } = splitRef(ref);
  const showKind = !defaultKind || kind.toLowerCase() !== defaultKind.toLowerCase();
  const ns = namespace.toLowerCase() === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
  return `${showKind ? `${kind}:` : ''}${ns}${name}`;
}
