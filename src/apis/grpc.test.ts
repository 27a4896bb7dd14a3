import { describe, expect, it } from 'vitest';
import { summariseDefinition } from './summarise.ts';
import type { GrpcDefinition } from '../model/apis.ts';

const PROTO = `syntax = "proto3";

package acme.routing.v1;

import "google/protobuf/timestamp.proto";

// Plans routes.
service Router {
  // Plans one day.
  rpc Plan (PlanRequest) returns (PlanResponse);
  rpc Watch (WatchRequest) returns (stream RouteUpdate);
  rpc Upload (stream Stop) returns (PlanResponse);
}

message PlanRequest {
  string depot_id = 1;
  repeated Stop stops = 2;
  map<string, int32> capacity = 3;
  optional google.protobuf.Timestamp day = 4;
}

message Stop {
  enum Kind {
    KIND_UNSPECIFIED = 0;
    PICKUP = 1;
  }
  Kind kind = 1;
}

message PlanResponse {}
message WatchRequest {}
message RouteUpdate {}
`;

async function grpc(text: string): Promise<GrpcDefinition> {
  const out = await summariseDefinition('grpc', text);
  if (out.format !== 'grpc') throw new Error(`expected grpc, got ${JSON.stringify(out)}`);
  return out;
}

describe('gRPC proto', () => {
  it('lists services and methods with streaming and comments', async () => {
    const def = await grpc(PROTO);
    expect(def.fileName).toBe('service.proto');
    expect(def.language).toBe('proto');
    expect(def.package).toBe('acme.routing.v1');
    expect(def.imports).toEqual(['google/protobuf/timestamp.proto']);
    expect(def.services).toEqual([
      {
        name: 'acme.routing.v1.Router',
        comment: 'Plans routes.',
        line: 8,
        methods: [
          { name: 'Plan', request: 'PlanRequest', response: 'PlanResponse', comment: 'Plans one day.' },
          { name: 'Watch', request: 'WatchRequest', response: 'RouteUpdate', responseStream: true },
          { name: 'Upload', request: 'Stop', response: 'PlanResponse', requestStream: true },
        ],
      },
    ]);
  });

  it('lists messages with field rules and nested enums', async () => {
    const def = await grpc(PROTO);
    expect(def.messages.map((m) => m.name)).toEqual([
      'acme.routing.v1.PlanRequest',
      'acme.routing.v1.Stop',
      'acme.routing.v1.PlanResponse',
      'acme.routing.v1.WatchRequest',
      'acme.routing.v1.RouteUpdate',
    ]);
    expect(def.messages[0]).toEqual({
      name: 'acme.routing.v1.PlanRequest',
      line: 15,
      fields: [
        { name: 'depot_id', type: 'string', id: 1 },
        { name: 'stops', type: 'Stop', id: 2, rule: 'repeated' },
        { name: 'capacity', type: 'map<string, int32>', id: 3 },
        { name: 'day', type: 'google.protobuf.Timestamp', id: 4, rule: 'optional' },
      ],
    });
    expect(def.enums).toEqual([{ name: 'acme.routing.v1.Stop.Kind', values: ['KIND_UNSPECIFIED', 'PICKUP'], line: 23 }]);
  });

  it('turns a syntax error into a broken definition with its line', async () => {
    const out = await summariseDefinition('grpc', 'syntax = "proto3";\nmessage A {\n  int32 x = ;\n}');
    expect(out).toMatchObject({ format: 'broken', fileName: 'service.proto', error: { line: 3 } });
    if (out.format === 'broken') expect(out.error.message).toBe("Not valid protobuf: illegal id ';'");
  });
});
