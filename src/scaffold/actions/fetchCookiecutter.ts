// `fetch:cookiecutter`, without cookiecutter: Backstage runs the cookiecutter program (or its Docker image) on the
// fetched skeleton; Backlot never runs a program from a template, so it renders the skeleton in its own sandbox
// in cookiecutter-compatible mode, as `fetch:template` with `cookiecutterCompat` (what Backstage's migration guide
// suggests). Values go over the skeleton's cookiecutter.json defaults; no hook is ever run, as in Backstage's layout.

import { readSkeletonFile, resolveTemplateUrl } from '../skeleton.ts';
import type { JsonObject, ScaffoldAction } from '../types.ts';
import { fetchTemplate } from './fetchTemplate.ts';
import { optionalObject, optionalString, optionalStrings, requiredString } from './input.ts';

/** cookiecutter.json's defaults: a list offers choices (the first is the default); strings may use earlier ones. */
async function defaultsOf(ctx: Parameters<ScaffoldAction['handler']>[0], url: string, values: JsonObject): Promise<JsonObject> {
  const location = resolveTemplateUrl(ctx.template, url);
  let file;
  try {
    file = await readSkeletonFile(ctx.template, { ...location, path: location.path ? `${location.path}/cookiecutter.json` : 'cookiecutter.json' }, ctx);
  } catch {
    return {};
  }
  const json = JSON.parse(file.text ?? '{}') as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(json)) {
    if (key.startsWith('_') || values[key] !== undefined) continue;
    const chosen = Array.isArray(value) ? value[0] : value;
    out[key] = typeof chosen === 'string'
      ? ctx.templating.renderFile(chosen, { cookiecutter: { ...out, ...values } }, `cookiecutter.json ${key}`, { cookiecutterCompat: true })
      : chosen;
  }
  return out;
}

export const fetchCookiecutter: ScaffoldAction = {
  id: 'fetch:cookiecutter',
  async handler(ctx) {
    const url = requiredString(ctx.input, 'url');
    const values = optionalObject(ctx.input, 'values') ?? {};
    const copyWithoutRender = optionalStrings(ctx.input, 'copyWithoutRender');
    const targetPath = optionalString(ctx.input, 'targetPath');
    for (const key of ['extensions', 'imageName']) {
      if (ctx.input[key] !== undefined) ctx.log(`warning: "${key}" is ignored: Backlot renders cookiecutter skeletons itself and runs no Jinja2 extension or image`);
    }
    const merged = { ...(await defaultsOf(ctx, url, values)), ...values };
    await fetchTemplate.handler({
      ...ctx,
      input: {
        url, values: merged, cookiecutterCompat: true,
        ...(targetPath !== undefined ? { targetPath } : {}),
        ...(copyWithoutRender ? { copyWithoutTemplating: copyWithoutRender } : {}),
      },
    });
  },
};
