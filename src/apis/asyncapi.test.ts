import { describe, expect, it } from 'vitest';
import { summariseDefinition } from './summarise.ts';
import type { AsyncApiDefinition } from '../model/apis.ts';

async function asyncapi(text: string): Promise<AsyncApiDefinition> {
  const out = await summariseDefinition('asyncapi', text);
  if (out.format !== 'asyncapi') throw new Error(`expected asyncapi, got ${JSON.stringify(out)}`);
  return out;
}

const V2 = `
asyncapi: '2.6.0'
info: { title: Lights, version: 1.0.0 }
servers:
  mosquitto: { url: 'mqtt://test.mosquitto.org', protocol: mqtt, description: Test broker }
channels:
  smartylighting/streetlights/{id}/lighting/measured:
    description: Light measurements.
    parameters:
      id: { schema: { type: string } }
    subscribe:
      operationId: receiveLight
      summary: Inform about environmental lighting conditions.
      message: { $ref: '#/components/messages/LightMeasured' }
  smartylighting/streetlights/{id}/turn:
    publish:
      message:
        oneOf:
          - { $ref: '#/components/messages/TurnOn' }
          - name: turnOff
            payload: { type: object, properties: { at: { type: string, format: date-time } } }
components:
  messages:
    LightMeasured:
      name: lightMeasured
      title: Light measured
      contentType: application/json
      payload: { $ref: '#/components/schemas/Light' }
    TurnOn:
      summary: Turn a light on.
      headers: { type: object, properties: { traceId: { type: string } } }
      payload: { type: object }
  schemas:
    Light: { type: object, properties: { lumens: { type: integer, minimum: 0 } } }
`;

const V3 = `
asyncapi: 3.0.0
info: { title: Shipment events, version: 1.3.0 }
servers:
  production: { host: 'kafka.example.internal:9093', protocol: kafka-secure }
channels:
  shipmentEvents:
    address: logistics.shipment-events.v1
    description: All lifecycle events.
    messages:
      shipmentBooked: { $ref: '#/components/messages/ShipmentBooked' }
      shipmentDelivered: { $ref: '#/components/messages/ShipmentDelivered' }
  deadLetters:
    address: logistics.dead-letters
    messages:
      failed: { payload: { type: string } }
operations:
  publishShipmentEvents:
    action: send
    summary: The outbox relay publishes every event.
    channel: { $ref: '#/channels/shipmentEvents' }
    messages:
      - { $ref: '#/channels/shipmentEvents/messages/shipmentBooked' }
      - { $ref: '#/channels/shipmentEvents/messages/shipmentDelivered' }
  onDeliveredOnly:
    action: receive
    channel: { $ref: '#/channels/shipmentEvents' }
    messages: [{ $ref: '#/channels/shipmentEvents/messages/shipmentDelivered' }]
  readDeadLetters:
    action: receive
    channel: { $ref: '#/channels/deadLetters' }
  lost:
    action: send
    channel: { $ref: '#/channels/nowhere' }
components:
  messages:
    ShipmentBooked:
      name: ShipmentBooked
      payload:
        schemaFormat: application/vnd.aai.asyncapi+json;version=3.0.0
        schema: { $ref: '#/components/schemas/Shipment' }
    ShipmentDelivered:
      payload: { $ref: '#/components/schemas/Shipment' }
  schemas:
    Shipment: { type: object, properties: { id: { type: string }, next: { $ref: '#/components/schemas/Shipment' } } }
`;

describe('AsyncAPI 2', () => {
  it('lists channels with publish/subscribe operations and their messages, inline and referenced', async () => {
    const def = await asyncapi(V2);
    expect(def.specVersion).toBe('2.6.0');
    expect(def.servers).toEqual([{ name: 'mosquitto', url: 'mqtt://test.mosquitto.org', protocol: 'mqtt', description: 'Test broker' }]);
    expect(def.channels.map((c) => [c.name, c.parameters, c.operations.map((o) => [o.id, o.action, o.messages])])).toEqual([
      ['smartylighting/streetlights/{id}/lighting/measured', ['id'], [['receiveLight', 'subscribe', ['#/components/messages/LightMeasured']]]],
      [
        'smartylighting/streetlights/{id}/turn',
        [],
        [['publish-smartylighting-streetlights-id-turn', 'publish', ['#/components/messages/TurnOn', 'smartylighting/streetlights/{id}/turn/publish/1']]],
      ],
    ]);
    expect(def.channels[0]!.id).toBe('channel-smartylighting-streetlights-id-lighting-measured');
    expect(def.channels[0]!.address).toBe('smartylighting/streetlights/{id}/lighting/measured');
    expect(def.messages['#/components/messages/LightMeasured']).toEqual({
      name: 'lightMeasured',
      title: 'Light measured',
      contentType: 'application/json',
      payload: { ref: '#/components/schemas/Light' },
    });
    expect(def.messages['#/components/messages/TurnOn']!.headers!.properties![0]!.name).toBe('traceId');
    expect(def.messages['smartylighting/streetlights/{id}/turn/publish/1']!.name).toBe('turnOff');
    expect(def.schemas['#/components/schemas/Light']!.schema.properties![0]!.schema.constraints).toEqual(['≥ 0']);
  });
});

describe('AsyncAPI 3', () => {
  it('puts operations under their channels and lists each message once', async () => {
    const def = await asyncapi(V3);
    expect(def.servers).toEqual([{ name: 'production', url: 'kafka.example.internal:9093', protocol: 'kafka-secure' }]);
    const [events, dead, lost] = def.channels;
    expect(events!.address).toBe('logistics.shipment-events.v1');
    expect(events!.messages).toEqual(['#/components/messages/ShipmentBooked', '#/components/messages/ShipmentDelivered']);
    expect(events!.operations.map((o) => [o.id, o.action, o.messages])).toEqual([
      ['publishShipmentEvents', 'send', ['#/components/messages/ShipmentBooked', '#/components/messages/ShipmentDelivered']],
      ['onDeliveredOnly', 'receive', ['#/components/messages/ShipmentDelivered']],
    ]);
    // No `messages` on the operation: all of the channel's.
    expect(dead!.operations[0]!.messages).toEqual(['deadLetters/failed']);
    expect(def.messages['deadLetters/failed']!.name).toBe('failed');
    // An operation on a channel that is not there still shows.
    expect(lost!.name).toBe('channels/nowhere');
    expect(lost!.operations.map((o) => o.id)).toEqual(['lost']);
    expect(Object.keys(def.messages).sort()).toEqual(['#/components/messages/ShipmentBooked', '#/components/messages/ShipmentDelivered', 'deadLetters/failed']);
    // The multi-format payload shows its schema; the self-reference ends in the table.
    expect(def.messages['#/components/messages/ShipmentBooked']!.payload).toEqual({ ref: '#/components/schemas/Shipment' });
    expect(def.schemas['#/components/schemas/Shipment']!.schema.properties![1]!.schema).toEqual({ ref: '#/components/schemas/Shipment' });
  });
});

describe('not AsyncAPI', () => {
  it('says so when the version field is missing or unknown', async () => {
    for (const text of ['info: { title: x }', 'asyncapi: 1.2.0']) {
      const out = await summariseDefinition('asyncapi', text);
      expect(out.format).toBe('broken');
      if (out.format === 'broken') expect(out.error.message).toContain('Not an AsyncAPI 2.x or 3.x document');
    }
  });
});
