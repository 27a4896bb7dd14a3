// NoForeignRootFieldsEntityPolicy: ingested entities may only have apiVersion, kind, metadata and spec at the root.

import type { ValidationIssue } from './issue.ts';
import type { JsonSchema } from './schemas/common.ts';
import { builtinKinds } from './schemas/kinds.ts';
import { metadataSchema } from './schemas/metadata.ts';

const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

function propertyNames(schema: JsonSchema): string[] {
  const props = schema.properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

const METADATA_FIELDS = new Set(propertyNames(metadataSchema));
const SPEC_FIELDS = new Set(builtinKinds.flatMap((k) => propertyNames(k.spec)));

function hintFor(field: string): string {
  if (field === 'relations') return 'remove it: relations are worked out from spec fields such as spec.owner and spec.dependsOn';
  if (field === 'status') return 'remove it: status is written by the catalog, not by authors';
  const sameButCase = ROOT_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
  if (sameButCase) return `field names are case-sensitive: write "${sameButCase}"`;
  if (METADATA_FIELDS.has(field)) return `move it under metadata: (metadata.${field})`;
  if (SPEC_FIELDS.has(field)) return `move it under spec: (spec.${field})`;
  return 'only apiVersion, kind, metadata and spec are allowed at the top level; remove it or move it under metadata or spec';
}

export function checkRootFields(entity: Record<string, unknown>): ValidationIssue[] {
  return Object.keys(entity)
    .filter((field) => !ROOT_FIELDS.includes(field))
    .map((field) => ({
      code: 'foreign-root-field',
      message: `Unknown root field ${JSON.stringify(field)}`,
      hint: hintFor(field),
      path: [field],
      onKey: true,
    }));
}
