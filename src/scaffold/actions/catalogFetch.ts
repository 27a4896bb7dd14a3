// `catalog:fetch` and `http:backstage:request`, answered from the build's catalog (../catalogApi.ts).

import { parseEntityRef, stringifyEntityRef } from '../../model/entityRef.ts';
import type { ActionContext, ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalObject, optionalString, optionalStrings, requiredString } from './input.ts';

function catalogOf(ctx: ActionContext) {
  if (!ctx.catalog) throw new Error('no catalog: run the template by ref from the portal\'s config, not as a file, to read the catalog');
  return ctx.catalog;
}

export const catalogFetch: ScaffoldAction = {
  id: 'catalog:fetch',
  async handler(ctx) {
    const entityRef = optionalString(ctx.input, 'entityRef');
    const entityRefs = optionalStrings(ctx.input, 'entityRefs');
    const optional = optionalBoolean(ctx.input, 'optional') ?? false;
    const defaultKind = optionalString(ctx.input, 'defaultKind');
    const defaultNamespace = optionalString(ctx.input, 'defaultNamespace');
    if (!entityRef && !entityRefs) {
      if (optional) return;
      throw new Error('Missing entity reference or references');
    }
    const catalog = catalogOf(ctx);
    const find = (ref: string) => {
      const canonical = stringifyEntityRef(parseEntityRef(ref, { ...(defaultKind ? { defaultKind } : {}), ...(defaultNamespace ? { defaultNamespace } : {}) }));
      const entity = catalog.entity(canonical);
      if (!entity && !optional) throw new Error(`Entity ${ref} not found`);
      return entity ?? null;
    };
    if (entityRef) ctx.output('entity', find(entityRef));
    if (entityRefs) ctx.output('entities', entityRefs.map(find));
  },
};

export const httpBackstageRequest: ScaffoldAction = {
  id: 'http:backstage:request',
  async handler(ctx) {
    const path = requiredString(ctx.input, 'path');
    const method = requiredString(ctx.input, 'method').toUpperCase();
    const params = optionalObject(ctx.input, 'params') ?? {};
    const continueOnBadResponse = optionalBoolean(ctx.input, 'continueOnBadResponse') ?? false;
    if (method !== 'GET' && method !== 'HEAD') {
      throw new Error(`${method} ${path}: a static portal has no backend; only GETs of /api/catalog/… paths are answered`);
    }
    if (optionalBoolean(ctx.input, 'logRequestPath') ?? true) ctx.log(`${method} ${path} (from the build's catalog)`);
    const { status, body } = catalogOf(ctx).get(path, params);
    if (status >= 400 && !continueOnBadResponse) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    ctx.output('code', String(status));
    ctx.output('headers', { 'content-type': 'application/json' });
    ctx.output('body', method === 'HEAD' ? undefined : body);
  },
};
