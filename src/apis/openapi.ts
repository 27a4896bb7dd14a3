// OpenAPI 3.x and Swagger 2.0 → operations grouped by tag, with parameters, bodies and responses as schema trees.

import type { RefResolver } from './refs.ts';
import { convertSchema, isObject, schemaContext, text, warn, type SchemaContext } from './schema.ts';
import type {
  ApiInfo,
  ApiServer,
  DefinitionBase,
  MediaTypeSchema,
  OpenApiDefinition,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
  OperationGroup,
} from '../model/apis.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const UNTAGGED = 'default';

interface Context extends SchemaContext {
  swagger: boolean;
  /** Swagger 2 media types (`consumes`/`produces`), global defaults. */
  consumes: string[];
  produces: string[];
  ids: Set<string>;
}

export function summariseOpenApi(doc: Record<string, unknown>, refs: RefResolver, base: DefinitionBase): OpenApiDefinition {
  const swagger = typeof doc.swagger === 'string' || typeof doc.swagger === 'number';
  const ctx: Context = {
    ...schemaContext(refs),
    swagger,
    consumes: strings(doc.consumes),
    produces: strings(doc.produces),
    ids: new Set(),
  };
  const operations: Array<{ op: OpenApiOperation; tags: string[] }> = [];
  collectOperations(doc.paths, false, ctx, operations);
  collectOperations(doc.webhooks, true, ctx, operations);

  const groups = groupByTag(doc.tags, operations);
  const definition: OpenApiDefinition = {
    ...base,
    format: 'openapi',
    specVersion: String(swagger ? doc.swagger : doc.openapi),
    info: readInfo(doc.info),
    servers: swagger ? swaggerServers(doc) : readServers(doc.servers),
    groups,
    schemas: ctx.schemas,
  };
  if (ctx.warnings.length) definition.warnings = [...(base.warnings ?? []), ...ctx.warnings];
  return definition;
}

function collectOperations(
  paths: unknown,
  webhook: boolean,
  ctx: Context,
  out: Array<{ op: OpenApiOperation; tags: string[] }>,
): void {
  if (!isObject(paths)) return;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(rawItem, ctx);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const op = readOperation(method, path, raw, shared, ctx);
      if (webhook) op.webhook = true;
      out.push({ op, tags: strings(raw.tags) });
    }
  }
}

function readOperation(method: string, path: string, raw: Record<string, unknown>, shared: unknown[], ctx: Context): OpenApiOperation {
  const op: OpenApiOperation = {
    id: uniqueId(typeof raw.operationId === 'string' ? raw.operationId : `${method}-${path}`, ctx.ids),
    method: method.toUpperCase(),
    path,
    parameters: [],
    responses: [],
  };
  if (typeof raw.operationId === 'string') op.operationId = raw.operationId;
  const summary = text(raw.summary);
  if (summary) op.summary = summary;
  const description = text(raw.description);
  if (description) op.description = description;
  if (raw.deprecated === true) op.deprecated = true;

  // Operation parameters override path-level ones with the same name and location.
  const params = new Map<string, Record<string, unknown>>();
  for (const p of [...shared, ...(Array.isArray(raw.parameters) ? raw.parameters : [])]) {
    const param = deref(p, ctx);
    if (!isObject(param) || typeof param.name !== 'string') continue;
    params.set(`${String(param.in)}\0${param.name}`, param);
  }
  const bodyParams: Array<Record<string, unknown>> = [];
  for (const param of params.values()) {
    if (ctx.swagger && (param.in === 'body' || param.in === 'formData')) bodyParams.push(param);
    else op.parameters.push(readParameter(param, ctx));
  }

  const requestBody = ctx.swagger ? swaggerBody(bodyParams, raw, ctx) : readRequestBody(raw.requestBody, ctx);
  if (requestBody) op.requestBody = requestBody;

  if (isObject(raw.responses)) {
    for (const [status, rawResponse] of Object.entries(raw.responses)) {
      op.responses.push(readResponse(status, rawResponse, raw, ctx));
    }
  }
  return op;
}

function readParameter(param: Record<string, unknown>, ctx: Context): OpenApiParameter {
  const out: OpenApiParameter = { name: String(param.name), in: String(param.in ?? 'query') };
  if (param.required === true) out.required = true;
  if (param.deprecated === true) out.deprecated = true;
  const description = text(param.description);
  if (description) out.description = description;
  if (param.schema !== undefined) out.schema = convertSchema(param.schema, ctx);
  else if (isObject(param.content)) out.schema = readContent(param.content, ctx)[0]?.schema;
  else if (ctx.swagger && param.type !== undefined) {
    // Swagger 2 puts the schema keywords on the parameter itself.
    const { name: _n, in: _i, description: _d, required: _r, ...schema } = param;
    out.schema = convertSchema(schema, ctx);
  }
  return out;
}

function readRequestBody(raw: unknown, ctx: Context): OpenApiOperation['requestBody'] {
  const body = deref(raw, ctx);
  if (!isObject(body)) return undefined;
  const out: NonNullable<OpenApiOperation['requestBody']> = { content: readContent(body.content, ctx) };
  if (body.required === true) out.required = true;
  const description = text(body.description);
  if (description) out.description = description;
  return out;
}

function swaggerBody(params: Array<Record<string, unknown>>, raw: Record<string, unknown>, ctx: Context): OpenApiOperation['requestBody'] {
  const consumes = strings(raw.consumes).length ? strings(raw.consumes) : ctx.consumes;
  const body = params.find((p) => p.in === 'body');
  if (body) {
    const out: NonNullable<OpenApiOperation['requestBody']> = {
      content: [{ mediaType: consumes[0] ?? 'application/json', schema: convertSchema(body.schema, ctx) }],
    };
    if (body.required === true) out.required = true;
    const description = text(body.description);
    if (description) out.description = description;
    return out;
  }
  const form = params.filter((p) => p.in === 'formData');
  if (form.length === 0) return undefined;
  // Form fields become the properties of one object schema, as OpenAPI 3 would write them.
  const properties: Record<string, unknown> = {};
  for (const { name, in: _in, required: _r, ...schema } of form) properties[String(name)] = schema;
  const required = form.filter((p) => p.required === true).map((p) => String(p.name));
  const mediaType = consumes.find((c) => c.includes('form')) ?? 'application/x-www-form-urlencoded';
  return { content: [{ mediaType, schema: convertSchema({ type: 'object', properties, required }, ctx) }] };
}

function readResponse(status: string, rawResponse: unknown, op: Record<string, unknown>, ctx: Context): OpenApiResponse {
  const response = deref(rawResponse, ctx);
  const out: OpenApiResponse = { status, content: [] };
  if (!isObject(response)) return out;
  const description = text(response.description);
  if (description) out.description = description;
  if (ctx.swagger) {
    if (response.schema !== undefined) {
      const produces = strings(op.produces).length ? strings(op.produces) : ctx.produces;
      out.content.push({ mediaType: produces[0] ?? 'application/json', schema: convertSchema(response.schema, ctx) });
    }
  } else {
    out.content = readContent(response.content, ctx);
  }
  return out;
}

function readContent(content: unknown, ctx: Context): MediaTypeSchema[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => {
    const out: MediaTypeSchema = { mediaType };
    if (isObject(media) && media.schema !== undefined) out.schema = convertSchema(media.schema, ctx);
    return out;
  });
}

function groupByTag(tagList: unknown, operations: Array<{ op: OpenApiOperation; tags: string[] }>): OperationGroup[] {
  const groups = new Map<string, OperationGroup>();
  // Declared tags first, in their order, as Swagger UI shows them.
  if (Array.isArray(tagList)) {
    for (const tag of tagList) {
      if (!isObject(tag) || typeof tag.name !== 'string' || groups.has(tag.name)) continue;
      const group: OperationGroup = { tag: tag.name, operations: [] };
      const description = text(tag.description);
      if (description) group.description = description;
      groups.set(tag.name, group);
    }
  }
  for (const { op, tags } of operations) {
    for (const tag of tags.length ? tags : [UNTAGGED]) {
      let group = groups.get(tag);
      if (!group) {
        group = { tag, operations: [] };
        groups.set(tag, group);
      }
      group.operations.push(op);
    }
  }
  return [...groups.values()].filter((g) => g.operations.length > 0);
}

/** Follows an internal `$ref` (parameters, responses, bodies, path items); external ones are reported, never read. */
export function deref(value: unknown, ctx: Pick<SchemaContext, 'refs' | 'warnings'>): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    const target = hops < 10 ? ctx.refs.get(ref) : undefined;
    if (target === undefined) {
      warn(ctx, ref.startsWith('#') ? `$ref "${ref}" does not resolve to anything in the definition` : `External $ref "${ref}" is not followed`);
      return undefined;
    }
    current = target;
  }
  return current;
}

export function readInfo(info: unknown): ApiInfo {
  if (!isObject(info)) return {};
  const out: ApiInfo = {};
  for (const key of ['title', 'version', 'description'] as const) {
    const v = key === 'version' && typeof info.version === 'number' ? String(info.version) : text(info[key]);
    if (v) out[key] = v;
  }
  return out;
}

function readServers(servers: unknown): ApiServer[] {
  if (!Array.isArray(servers)) return [];
  return servers.filter(isObject).flatMap((s) => {
    if (typeof s.url !== 'string') return [];
    const server: ApiServer = { url: s.url };
    const description = text(s.description);
    if (description) server.description = description;
    return [server];
  });
}

function swaggerServers(doc: Record<string, unknown>): ApiServer[] {
  if (typeof doc.host !== 'string') return [];
  const basePath = typeof doc.basePath === 'string' ? doc.basePath : '';
  const schemes = strings(doc.schemes);
  return (schemes.length ? schemes : ['https']).map((scheme) => ({ url: `${scheme}://${doc.host}${basePath}` }));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An HTML-id-safe id, unique within the definition. */
export function uniqueId(raw: string, ids: Set<string>): string {
  const base = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '') || 'op';
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}
