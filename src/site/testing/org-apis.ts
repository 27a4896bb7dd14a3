// API definitions for the generated org: small but real OpenAPI 3, AsyncAPI 2, GraphQL SDL and proto3 documents.

export type ApiType = 'openapi' | 'asyncapi' | 'graphql' | 'grpc';

const NOUNS = ['shipment', 'parcel', 'route', 'invoice', 'quote', 'driver', 'depot', 'label', 'customer', 'slot'];

const pascal = (s: string) => s.replace(/(^|[-_.])(\w)/g, (_m, _sep: string, c: string) => c.toUpperCase());

export function apiDefinition(type: ApiType, name: string, rnd: () => number): { text: string; ext: string } {
  const nouns = [...new Set(Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => NOUNS[Math.floor(rnd() * NOUNS.length)]!))];
  switch (type) {
    case 'openapi':
      return { text: openapi(name, nouns), ext: 'yaml' };
    case 'asyncapi':
      return { text: asyncapi(name, nouns), ext: 'yaml' };
    case 'graphql':
      return { text: graphql(nouns), ext: 'graphql' };
    case 'grpc':
      return { text: grpc(name, nouns), ext: 'proto' };
  }
}

function openapi(name: string, nouns: string[]): string {
  const paths = nouns
    .map((n) => {
      const T = pascal(n);
      return `  /${n}s:
    get:
      tags: [${T}s]
      operationId: list${T}s
      summary: List ${n}s
      parameters:
        - name: limit
          in: query
          description: Page size, at most 100.
          schema: { type: integer, minimum: 1, maximum: 100, default: 20 }
        - name: cursor
          in: query
          schema: { type: string }
      responses:
        '200':
          description: A page of ${n}s.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: { type: array, items: { $ref: '#/components/schemas/${T}' } }
                  next: { type: string, nullable: true }
    post:
      tags: [${T}s]
      operationId: create${T}
      summary: Create a ${n}
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/New${T}' }
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/${T}' }
        '422': { $ref: '#/components/responses/Invalid' }
  /${n}s/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: { type: string, format: uuid }
    get:
      tags: [${T}s]
      operationId: get${T}
      summary: Get one ${n}
      responses:
        '200':
          description: The ${n}.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/${T}' }
        '404': { description: No such ${n}. }
    delete:
      tags: [${T}s]
      operationId: delete${T}
      summary: Cancel a ${n}
      responses:
        '204': { description: Cancelled. }
`;
    })
    .join('');
  const schemas = nouns
    .map((n) => {
      const T = pascal(n);
      return `    New${T}:
      type: object
      required: [reference]
      properties:
        reference: { type: string, maxLength: 64, description: Your own reference for this ${n}. }
        notes: { type: string }
        weightGrams: { type: integer, minimum: 1 }
    ${T}:
      allOf:
        - $ref: '#/components/schemas/New${T}'
        - type: object
          required: [id, status, createdAt]
          properties:
            id: { type: string, format: uuid }
            status: { type: string, enum: [draft, booked, in-transit, delivered, cancelled] }
            createdAt: { type: string, format: date-time }
`;
    })
    .join('');
  return `openapi: 3.0.3
info:
  title: ${pascal(name)}
  version: 1.${nouns.length}.0
  description: |
    Manage ${nouns.join(', ')} records. Requests need a bearer token.
tags:
${nouns.map((n) => `  - name: ${pascal(n)}s\n    description: Everything about ${n}s.`).join('\n')}
paths:
${paths}components:
  responses:
    Invalid:
      description: The request body was not valid.
      content:
        application/json:
          schema:
            type: object
            properties:
              errors: { type: array, items: { type: string } }
  schemas:
${schemas}`;
}

function asyncapi(name: string, nouns: string[]): string {
  const channels = nouns
    .map(
      (n) => `  ${n}.events.v1:
    description: Lifecycle events of ${n}s, keyed by ${n} id.
    subscribe:
      operationId: on${pascal(n)}Event
      message:
        name: ${pascal(n)}Changed
        contentType: application/json
        payload:
          $ref: '#/components/schemas/${pascal(n)}Changed'
`,
    )
    .join('');
  const schemas = nouns
    .map(
      (n) => `    ${pascal(n)}Changed:
      type: object
      required: [id, type, occurredAt]
      properties:
        id: { type: string, format: uuid }
        type: { type: string, enum: [created, updated, cancelled] }
        occurredAt: { type: string, format: date-time }
        version: { type: integer }
`,
    )
    .join('');
  return `asyncapi: 2.6.0
info:
  title: ${pascal(name)} events
  version: 1.0.0
  description: Events about ${nouns.join(', ')}. Delivery is at least once; consumers must be idempotent.
servers:
  production:
    url: kafka.internal:9093
    protocol: kafka-secure
channels:
${channels}components:
  schemas:
${schemas}`;
}

function graphql(nouns: string[]): string {
  const types = nouns
    .map(
      (n) => `"""A ${n} as the network sees it."""
type ${pascal(n)} {
  id: ID!
  reference: String!
  status: Status!
  createdAt: String!
  notes: String
}

input New${pascal(n)} {
  reference: String!
  notes: String
}
`,
    )
    .join('\n');
  return `enum Status {
  DRAFT
  BOOKED
  IN_TRANSIT
  DELIVERED
  CANCELLED
}

${types}
type Query {
${nouns.map((n) => `  ${n}(id: ID!): ${pascal(n)}\n  ${n}s(first: Int = 20, after: String): [${pascal(n)}!]!`).join('\n')}
}

type Mutation {
${nouns.map((n) => `  create${pascal(n)}(input: New${pascal(n)}!): ${pascal(n)}!`).join('\n')}
}
`;
}

function grpc(name: string, nouns: string[]): string {
  const pkg = name.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  return `syntax = "proto3";

package ${pkg}.v1;

// ${pascal(name)}: ${nouns.join(', ')}.
service ${pascal(name)}Service {
${nouns.map((n) => `  rpc Get${pascal(n)}(Get${pascal(n)}Request) returns (${pascal(n)});\n  rpc List${pascal(n)}s(List${pascal(n)}sRequest) returns (stream ${pascal(n)});`).join('\n')}
}
${nouns
  .map(
    (n) => `
message ${pascal(n)} {
  string id = 1;
  string reference = 2;
  int64 created_at_unix = 3;
  repeated string labels = 4;
}

message Get${pascal(n)}Request {
  string id = 1;
}

message List${pascal(n)}sRequest {
  int32 page_size = 1;
  string page_token = 2;
}
`,
  )
  .join('')}`;
}
