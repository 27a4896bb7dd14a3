// AsyncAPI 2.x and 3.x (summarised by src/apis/asyncapi.ts): removed channels, operations and messages, and
// message payloads by the schema rules — as a request when the application receives the message (clients send
// it), as a response when it sends it (clients read it), both when it does both.

import type { AsyncAction, AsyncApiDefinition, AsyncChannel } from '../model/apis.ts';
import { diffSchema, type Direction } from './schemas.ts';
import type { ApiChange } from './types.ts';

export function diffAsyncApi(a: AsyncApiDefinition, b: AsyncApiDefinition): ApiChange[] {
  const out: ApiChange[] = [];
  const after = new Map(b.channels.map((c) => [channelKey(c), c]));
  for (const channel of a.channels) {
    const next = after.get(channelKey(channel));
    if (!next) out.push({ breaking: true, where: channelKey(channel), message: 'channel removed' });
    else diffChannel(channel, next, a, b, out);
  }
  const before = new Set(a.channels.map(channelKey));
  for (const channel of b.channels) if (!before.has(channelKey(channel))) out.push({ breaking: false, where: channelKey(channel), message: 'channel added' });
  return out;
}

function channelKey(channel: AsyncChannel): string {
  return channel.address ?? channel.name;
}

function diffChannel(x: AsyncChannel, y: AsyncChannel, a: AsyncApiDefinition, b: AsyncApiDefinition, out: ApiChange[]): void {
  const where = channelKey(y);
  // 2.x has at most one publish and one subscribe per channel; 3.x names its operations.
  const opKey = (def: AsyncApiDefinition, op: AsyncChannel['operations'][number]) => (def.specVersion.startsWith('2') ? op.action : `${op.action} ${op.id}`);
  const opsAfter = new Set(y.operations.map((op) => opKey(b, op)));
  const opsBefore = new Set(x.operations.map((op) => opKey(a, op)));
  for (const op of x.operations) if (!opsAfter.has(opKey(a, op))) out.push({ breaking: true, where, message: `operation ${op.action} "${op.id}" removed` });
  for (const op of y.operations) if (!opsBefore.has(opKey(b, op))) out.push({ breaking: false, where, message: `operation ${op.action} "${op.id}" added` });

  const messagesAfter = new Map(y.messages.map((key) => [b.messages[key]?.name ?? key, key]));
  const messagesBefore = new Set(x.messages.map((key) => a.messages[key]?.name ?? key));
  for (const key of x.messages) {
    const message = a.messages[key];
    const name = message?.name ?? key;
    const nextKey = messagesAfter.get(name);
    if (nextKey === undefined) {
      out.push({ breaking: true, where, message: `message "${name}" removed` });
      continue;
    }
    const next = b.messages[nextKey];
    const direction = directionOf(y, nextKey);
    diffSchema(message?.payload, next?.payload, { before: a.schemas, after: b.schemas, direction, where, out }, `message "${name}" payload`);
  }
  for (const [name] of messagesAfter) if (!messagesBefore.has(name)) out.push({ breaking: false, where, message: `message "${name}" added` });
}

const SENDS: ReadonlySet<AsyncAction> = new Set(['subscribe', 'send']);

/** 2.x `subscribe` and 3.x `send`: the application sends, so clients read the message. */
function directionOf(channel: AsyncChannel, messageKey: string): Direction {
  const ops = channel.operations.filter((op) => op.messages.includes(messageKey));
  const sends = ops.some((op) => SENDS.has(op.action));
  const receives = ops.some((op) => !SENDS.has(op.action));
  if (sends && !receives) return 'response';
  if (receives && !sends) return 'request';
  return 'both';
}
