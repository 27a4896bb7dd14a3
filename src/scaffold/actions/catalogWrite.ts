// `catalog:write`: writes the new component's catalog-info.yaml, marked with the template it came from.

import { stringify } from 'yaml';
import type { ScaffoldAction } from '../types.ts';
import { optionalObject, optionalString } from './input.ts';

export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';

export const catalogWrite: ScaffoldAction = {
  id: 'catalog:write',
  async handler(ctx) {
    const filePath = optionalString(ctx.input, 'filePath') ?? 'catalog-info.yaml';
    const entity = optionalObject(ctx.input, 'entity');
    if (!entity) throw new Error('input "entity" is required');
    const metadata = (entity.metadata ?? {}) as Record<string, unknown>;
    const annotations = (metadata.annotations ?? {}) as Record<string, unknown>;
    const out = {
      ...entity,
      metadata: { ...metadata, annotations: { ...annotations, [ANNOTATION_SOURCE_TEMPLATE]: ctx.template.ref } },
    };
    await ctx.files.write(filePath, stringify(out), { replace: true });
    ctx.log(`wrote ${filePath}`);
  },
};
