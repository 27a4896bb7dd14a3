// Entity validation: Backstage's envelope, metadata formats and kind schemas, plus custom kinds; every problem at once.

import type { CustomKindConfig } from '../../config/types.ts';
import type { KeyedIssue, ValidationIssue } from './issue.ts';
import { issuesFromErrors } from './messages.ts';
import { describeValue, sortByDocumentOrder } from './paths.ts';
import { createRegistry, unknownKindIssue } from './registry.ts';
import { checkRootFields } from './root.ts';

export type { ValidationIssue } from './issue.ts';

function notAnEntity(value: unknown): ValidationIssue {
  return {
    code: 'schema',
    message: `An entity must be an object with apiVersion, kind, metadata and spec, not ${describeValue(value)}`,
    hint: 'write a YAML mapping, e.g. apiVersion: backstage.io/v1alpha1, kind: Component, metadata: { name: my-service }, spec: { … }',
    path: [],
  };
}

/**
 * Compiles the schemas once (call it once per build) and returns a function that lists every problem of an
 * entity, de-duplicated, in document order. Throws when a custom kind's declaration or schema is broken.
 */
export function createValidator(options: { customKinds?: CustomKindConfig[] } = {}): (entity: unknown) => ValidationIssue[] {
  const registry = createRegistry(options.customKinds);
  return (entity) => {
    if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return [notAnEntity(entity)];
    const record = entity as Record<string, unknown>;
    const found: KeyedIssue[] = checkRootFields(record).map((issue) => ({ key: `root|${String(issue.path[0])}`, issue }));
    const claim = registry.claim(record.apiVersion, record.kind);
    const main = claim?.builtin ?? registry.generic;
    if (!main(entity)) found.push(...issuesFromErrors(main.errors, entity, claim?.builtin ? { kind: claim.kind } : {}));
    if (claim) {
      for (const custom of claim.custom) {
        if (!custom(entity)) found.push(...issuesFromErrors(custom.errors, entity, { kind: claim.kind, custom: true }));
      }
    } else {
      const unknown = unknownKindIssue(record.apiVersion, record.kind, registry.known);
      if (unknown) found.push({ key: 'unknown-kind', issue: unknown });
    }
    if (found.length === 0) return [];
    const seen = new Set<string>();
    const unique = found.filter(({ key }) => !seen.has(key) && Boolean(seen.add(key))).map(({ issue }) => issue);
    return sortByDocumentOrder(unique, entity);
  };
}
