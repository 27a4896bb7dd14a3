// AsyncAPI 2.x (channels with publish/subscribe) and 3.x (channels + send/receive operations) → channels,
// their operations and messages, with payloads as schema trees.

import { deref, readInfo, uniqueId } from './openapi.ts';
import { isRefObject, refName, type RefResolver } from './refs.ts';
import { convertSchema, isObject, schemaContext, text, type SchemaContext } from './schema.ts';
import type { ApiServer, AsyncAction, AsyncApiDefinition, AsyncChannel, AsyncMessage, AsyncOperation, DefinitionBase } from '../model/apis.ts';

interface Context extends SchemaContext {
  messages: Record<string, AsyncMessage>;
  /** Message objects already in the table, by identity: the ref parser hands out the document's own objects. */
  seen: Map<object, string>;
  ids: Set<string>;
}

export function summariseAsyncApi(doc: Record<string, unknown>, refs: RefResolver, base: DefinitionBase): AsyncApiDefinition {
  const specVersion = String(doc.asyncapi);
  const ctx: Context = { ...schemaContext(refs), messages: {}, seen: new Map(), ids: new Set() };
  const channels = specVersion.startsWith('2') ? channelsV2(doc, ctx) : channelsV3(doc, ctx);
  const definition: AsyncApiDefinition = {
    ...base,
    format: 'asyncapi',
    specVersion,
    info: readInfo(doc.info),
    servers: readServers(doc.servers, ctx),
    channels,
    messages: ctx.messages,
    schemas: ctx.schemas,
  };
  if (ctx.warnings.length) definition.warnings = [...(base.warnings ?? []), ...ctx.warnings];
  return definition;
}

function channelsV2(doc: Record<string, unknown>, ctx: Context): AsyncChannel[] {
  if (!isObject(doc.channels)) return [];
  return Object.entries(doc.channels).flatMap(([name, raw]) => {
    const item = deref(raw, ctx);
    if (!isObject(item)) return [];
    const channel = startChannel(name, item, ctx);
    channel.address = name;
    for (const action of ['publish', 'subscribe'] as const) {
      const op = deref(item[action], ctx);
      if (!isObject(op)) continue;
      const keys = messageKeys(op.message, `${name}/${action}`, ctx);
      channel.operations.push(readOperation(typeof op.operationId === 'string' ? op.operationId : `${action}-${name}`, action, op, keys, ctx));
      for (const key of keys) if (!channel.messages.includes(key)) channel.messages.push(key);
    }
    return [channel];
  });
}

function channelsV3(doc: Record<string, unknown>, ctx: Context): AsyncChannel[] {
  const channels = new Map<string, AsyncChannel>();
  const byPointer = new Map<string, AsyncChannel>();
  if (isObject(doc.channels)) {
    for (const [id, raw] of Object.entries(doc.channels)) {
      const item = deref(raw, ctx);
      if (!isObject(item)) continue;
      const channel = startChannel(id, item, ctx);
      if (typeof item.address === 'string') channel.address = item.address;
      if (isObject(item.messages)) {
        for (const [msgId, msg] of Object.entries(item.messages)) {
          channel.messages.push(...messageKeys(msg, `${id}/${msgId}`, ctx, msgId));
        }
      }
      channels.set(id, channel);
      byPointer.set(`#/channels/${escapeToken(id)}`, channel);
    }
  }
  if (isObject(doc.operations)) {
    for (const [id, raw] of Object.entries(doc.operations)) {
      const op = deref(raw, ctx);
      if (!isObject(op)) continue;
      const action: AsyncAction = op.action === 'send' ? 'send' : 'receive';
      let channel = isRefObject(op.channel) ? byPointer.get(op.channel.$ref) : undefined;
      if (!channel) {
        // An operation on a channel we could not find still gets shown, under a channel of its own.
        const name = isRefObject(op.channel) ? refName(op.channel.$ref) : '(no channel)';
        channel = channels.get(name) ?? startChannel(name, {}, ctx);
        channels.set(name, channel);
      }
      // No `messages` means every message of the channel.
      const keys = Array.isArray(op.messages)
        ? op.messages.flatMap((m, i) => messageKeys(m, `${id}/${i}`, ctx))
        : [...channel.messages];
      channel.operations.push(readOperation(id, action, op, keys, ctx));
    }
  }
  return [...channels.values()];
}

function startChannel(id: string, item: Record<string, unknown>, ctx: Context): AsyncChannel {
  const channel: AsyncChannel = { id: uniqueId(`channel-${id}`, ctx.ids), name: id, parameters: [], messages: [], operations: [] };
  const title = text(item.title);
  if (title) channel.title = title;
  const description = text(item.description);
  if (description) channel.description = description;
  if (isObject(item.parameters)) channel.parameters = Object.keys(item.parameters);
  return channel;
}

function readOperation(id: string, action: AsyncAction, op: Record<string, unknown>, messages: string[], ctx: Context): AsyncOperation {
  const out: AsyncOperation = { id: uniqueId(id, ctx.ids), action, messages };
  const summary = text(op.summary);
  if (summary) out.summary = summary;
  const description = text(op.description);
  if (description) out.description = description;
  return out;
}

/** Keys of the messages a `message` field names (a ref, an inline message or `oneOf`), adding them to the table. */
function messageKeys(raw: unknown, inlineKey: string, ctx: Context, fallbackName?: string): string[] {
  if (isObject(raw) && Array.isArray(raw.oneOf) && !isRefObject(raw)) {
    return raw.oneOf.flatMap((m, i) => messageKeys(m, `${inlineKey}/${i}`, ctx));
  }
  let key = inlineKey;
  let name = fallbackName;
  let value = raw;
  if (isRefObject(raw)) {
    key = raw.$ref;
    name = refName(key);
    value = deref(raw, ctx);
  }
  if (!isObject(value)) return [];
  // One message reached through several pointers (channel and operation in 3.x) is listed once.
  const known = ctx.seen.get(value);
  if (known) return [known];
  ctx.seen.set(value, key);
  ctx.messages[key] = readMessage(value, name ?? key, ctx);
  return [key];
}

function readMessage(raw: Record<string, unknown>, fallback: string, ctx: Context): AsyncMessage {
  const name = text(raw.name) ?? text(raw.messageId) ?? fallback.split('/').pop() ?? fallback;
  const message: AsyncMessage = { name };
  for (const key of ['title', 'summary', 'description', 'contentType'] as const) {
    const v = text(raw[key]);
    if (v) message[key] = v;
  }
  const payload = multiFormat(raw.payload);
  if (payload !== undefined) message.payload = convertSchema(payload, ctx);
  const headers = multiFormat(raw.headers);
  if (headers !== undefined) message.headers = convertSchema(headers, ctx);
  return message;
}

/** AsyncAPI 3 lets a payload be `{ schemaFormat, schema }`; the schema is what we show. */
function multiFormat(value: unknown): unknown {
  if (isObject(value) && typeof value.schemaFormat === 'string' && 'schema' in value) return value.schema;
  return value;
}

function readServers(servers: unknown, ctx: Pick<SchemaContext, 'refs' | 'warnings'>): ApiServer[] {
  if (!isObject(servers)) return [];
  return Object.entries(servers).flatMap(([name, raw]) => {
    const s = deref(raw, ctx);
    if (!isObject(s)) return [];
    // 2.x has `url`; 3.x splits it into `host` and `pathname`.
    const url = typeof s.url === 'string' ? s.url : typeof s.host === 'string' ? `${s.host}${typeof s.pathname === 'string' ? s.pathname : ''}` : undefined;
    if (!url) return [];
    const server: ApiServer = { name, url };
    if (typeof s.protocol === 'string') server.protocol = s.protocol;
    const description = text(s.description);
    if (description) server.description = description;
    return [server];
  });
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
