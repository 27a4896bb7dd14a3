import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import { diffApiEntity } from './apis.ts';
import type { ApiChange, ApiDiff } from './types.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const api = (type: string, definition: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'orders' }, spec: { type, definition } });

async function diff(type: string, before: string, after: string): Promise<ApiDiff> {
  const result = await diffApiEntity(api(type, fixture(before)), api(type, fixture(after)));
  expect(result?.unreadable).toBeUndefined();
  return result!;
}
const lines = (changes: ApiChange[]) => changes.map((c) => `${c.where} · ${c.message}`);

describe('OpenAPI 3', () => {
  it('finds removed paths and operations, new required parameters and request fields, removed and retyped response fields, narrowed enums', async () => {
    const d = await diff('openapi', 'openapi-v1.yaml', 'openapi-v2.yaml');
    expect(lines(d.breaking)).toEqual(expect.arrayContaining([
      '/health · path removed',
      'DELETE /orders/{id} · operation removed',
      'GET /orders · new required query parameter "region"',
      'POST /orders · request body: new required field "currency"',
      'POST /orders · request body: field "priority": enum narrowed: "low" is no longer allowed',
      'GET /orders/{orderId} · response 200: field "note" removed',
      'GET /orders/{orderId} · response 200: field "total": type changed from number to string',
      'GET /orders · response 200: field "[].note" removed',
    ]));
    expect(lines(d.nonBreaking)).toEqual(expect.arrayContaining([
      'GET /orders · new optional query parameter "cursor"',
      'GET /orders/{orderId} · response 200: field "eta" added',
      'GET /orders/{orderId} · response 200: field "status": enum widened: "returned" added',
      'GET /orders/{orderId}/events · operation added (new path)',
    ]));
  });

  it('treats a renamed path parameter as the same parameter, and an unchanged text as no change', async () => {
    const d = await diff('openapi', 'openapi-v1.yaml', 'openapi-v2.yaml');
    expect(lines([...d.breaking, ...d.nonBreaking]).filter((l) => l.includes('parameter "id"') || l.includes('parameter "orderId"'))).toEqual([]);
    expect(await diffApiEntity(api('openapi', fixture('openapi-v1.yaml')), api('openapi', fixture('openapi-v1.yaml')))).toBeUndefined();
  });

  it('ends on a schema that refers to itself (Order.parent)', async () => {
    const d = await diff('openapi', 'openapi-v1.yaml', 'openapi-v2.yaml');
    expect(lines(d.breaking).some((l) => l.includes('parent.'))).toBe(false);
  });

  it('says nothing about a field that did not change', async () => {
    const d = await diff('openapi', 'openapi-v1.yaml', 'openapi-v2.yaml');
    expect([...d.breaking, ...d.nonBreaking].filter((c) => c.message.includes('"quantity"'))).toEqual([]);
  });
});

describe('schema rules by direction', () => {
  // One operation whose request and response share nothing: each side's change is judged by its own rule.
  const doc = (requestType: string, responseEnum: string) => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /quotes:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { weight: { type: ${requestType} } } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { speed: { type: string, enum: ${responseEnum} } } }
`;

  it('a type widened in a request and an enum narrowed in a response break no client', async () => {
    const d = (await diffApiEntity(api('openapi', doc('integer', '[slow, fast]')), api('openapi', doc('[integer, "null"]', '[fast]'))))!;
    expect(d.breaking).toEqual([]);
    expect(lines(d.nonBreaking)).toEqual([
      'POST /quotes · request body: field "weight": type changed from integer to integer | null',
      'POST /quotes · response 200: field "speed": enum narrowed: "slow" is no longer returned',
    ]);
  });

  it('the same type narrowed back in a request breaks clients', async () => {
    const d = (await diffApiEntity(api('openapi', doc('[integer, "null"]', '[slow]')), api('openapi', doc('integer', '[slow]'))))!;
    expect(lines(d.breaking)).toEqual(['POST /quotes · request body: field "weight": type changed from integer | null to integer']);
  });
});

describe('Swagger 2', () => {
  it('applies the same rules through the shared summary', async () => {
    const d = await diff('openapi', 'swagger-v1.yaml', 'swagger-v2.yaml');
    expect(lines(d.breaking)).toEqual(['GET /pets · new required query parameter "owner"', 'GET /pets · response 200: field "[].tag" removed']);
    expect(d.nonBreaking).toEqual([]);
  });
});

describe('AsyncAPI', () => {
  it('2.x: removed channel, removed and retyped fields of a message the app sends, new required field and narrowed enum of one it receives', async () => {
    const d = await diff('asyncapi', 'asyncapi2-v1.yaml', 'asyncapi2-v2.yaml');
    expect(lines(d.breaking).sort()).toEqual([
      'shipment/cancelled · channel removed',
      'shipment/commands · message "CreateShipment" payload: field "mode": enum narrowed: "sea" is no longer allowed',
      'shipment/commands · message "CreateShipment" payload: new required field "destination"',
      'shipment/created · message "ShipmentCreated" payload: field "carrier" removed',
      'shipment/created · message "ShipmentCreated" payload: field "weight": type changed from number to string',
    ]);
    expect(lines(d.nonBreaking).sort()).toEqual([
      'shipment/created · message "ShipmentCreated" payload: field "tracking" added',
      'shipment/delivered · channel added',
    ]);
  });

  it('3.x: removed operation and message, removed payload field', async () => {
    const d = await diff('asyncapi', 'asyncapi3-v1.yaml', 'asyncapi3-v2.yaml');
    expect(lines(d.breaking).sort()).toEqual([
      'tracking.positions · message "Heartbeat" removed',
      'tracking.positions · message "Position" payload: field "speed" removed',
      'tracking.positions · operation receive "requestReplay" removed',
    ]);
    expect(lines(d.nonBreaking)).toEqual(['tracking.positions · message "Position" payload: field "heading" added']);
  });
});

describe('GraphQL SDL', () => {
  it("uses graphql-js's rules: removed types, fields and enum values, a new required argument", async () => {
    const d = await diff('graphql', 'schema-v1.graphql', 'schema-v2.graphql');
    expect(lines(d.breaking).sort()).toEqual([
      'Carrier · Carrier was removed',
      'Query.shipment · A required arg region on Query.shipment was added',
      'Shipment.carrier · Shipment.carrier was removed',
      'Status.LOST · LOST was removed from enum type Status',
    ]);
    expect(lines(d.nonBreaking)).toEqual(expect.arrayContaining(['Route · type added', 'Query.route · field added']));
  });

  it('falls back to removed types and root fields when graphql-js cannot build the schema (an undefined type)', async () => {
    const before = 'type Query { a: Thing  b: Int }\ntype Old { x: Int }';
    const after = 'type Query { a: Thing }';
    const d = (await diffApiEntity(api('graphql', before), api('graphql', after)))!;
    expect(lines(d.breaking).sort()).toEqual(['Old · type removed', 'Query.b · field removed']);
  });
});

describe('protobuf', () => {
  it('finds removed messages, fields, enum values and RPCs, and changed field types; a rename is listed apart', async () => {
    const d = await diff('grpc', 'routing-v1.proto', 'routing-v2.proto');
    expect(lines(d.breaking).sort()).toEqual([
      'acme.routing.v1.CancelReply · message removed',
      'acme.routing.v1.CancelRequest · message removed',
      'acme.routing.v1.Mode · enum value RAIL removed',
      'acme.routing.v1.PlanReply · field 1 "legs": type changed from string to Leg',
      'acme.routing.v1.PlanRequest · field 3 "stops" removed',
      'acme.routing.v1.Router.Cancel · RPC removed',
    ]);
    expect(lines(d.nonBreaking).sort()).toEqual([
      'acme.routing.v1.Leg · message added',
      'acme.routing.v1.PlanRequest · field 2 renamed from "destination" to "dest" (same on the wire; JSON clients see a new name)',
      'acme.routing.v1.Router.Replan · RPC added',
    ]);
  });
});

describe('definitions that cannot be compared', () => {
  it('says why instead of guessing', async () => {
    const d = await diffApiEntity(api('openapi', fixture('openapi-v1.yaml')), api('openapi', 'openapi: [unclosed'));
    expect(d?.unreadable).toMatch(/^the new definition cannot be read: Not valid YAML/);
    expect(d?.breaking).toEqual([]);
  });

  it('counts a change of API type as breaking', async () => {
    const d = await diffApiEntity(api('openapi', fixture('openapi-v1.yaml')), api('graphql', fixture('schema-v1.graphql')));
    expect(lines(d!.breaking)).toEqual(['definition · type changed from openapi to graphql']);
  });
});
