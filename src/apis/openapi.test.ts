import { afterEach, describe, expect, it, vi } from 'vitest';
import { summariseDefinition } from './summarise.ts';
import type { OpenApiDefinition } from '../model/apis.ts';

const OPENAPI = `
openapi: 3.0.3
info: { title: Parcels, version: 1.2.0, description: Book parcels. }
servers: [{ url: 'https://api.example.com/v1', description: Production }]
tags:
  - name: Quotes
  - name: Parcels
    description: Booking.
  - name: Unused
paths:
  /parcels/{id}:
    parameters:
      - $ref: '#/components/parameters/Id'
      - { name: trace, in: header, schema: { type: string } }
    get:
      tags: [Parcels]
      operationId: getParcel
      summary: Get a parcel
      parameters:
        - { name: trace, in: header, required: true, description: Overrides the path-level one., schema: { type: string } }
      responses:
        '200':
          description: The parcel.
          content:
            application/json: { schema: { $ref: '#/components/schemas/Parcel' } }
        '404': { $ref: '#/components/responses/NotFound' }
    delete:
      deprecated: true
      responses: { '204': { description: Gone. } }
  /parcels:
    post:
      tags: [Parcels, Quotes]
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: '#/components/schemas/Parcel' } }
          text/plain: {}
      responses: { '201': { description: Booked. } }
components:
  parameters:
    Id: { name: id, in: path, required: true, schema: { type: string, format: uuid } }
  responses:
    NotFound:
      description: No such parcel.
      content: { application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } } }
  schemas:
    Parcel:
      type: object
      required: [id]
      properties:
        id: { type: string }
        contents: { type: array, items: { $ref: '#/components/schemas/Parcel' } }
        owner: { $ref: 'https://schemas.example.com/owner.json' }
        sender: { $ref: './people.yaml#/Person' }
    Problem: { type: object, properties: { title: { type: string } } }
`;

async function openapi(text: string): Promise<OpenApiDefinition> {
  const out = await summariseDefinition('openapi', text);
  if (out.format !== 'openapi') throw new Error(`expected openapi, got ${JSON.stringify(out)}`);
  return out;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('OpenAPI 3', () => {
  it('reads info, servers and groups operations by tag in the declared order, then untagged ones', async () => {
    const def = await openapi(OPENAPI);
    expect(def.specVersion).toBe('3.0.3');
    expect(def.info).toEqual({ title: 'Parcels', version: '1.2.0', description: 'Book parcels.' });
    expect(def.servers).toEqual([{ url: 'https://api.example.com/v1', description: 'Production' }]);
    expect(def.language).toBe('yaml');
    expect(def.fileName).toBe('openapi.yaml');
    expect(def.groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ['Quotes', ['POST /parcels']],
      ['Parcels', ['GET /parcels/{id}', 'POST /parcels']],
      ['default', ['DELETE /parcels/{id}']],
    ]);
    expect(def.groups[1]!.description).toBe('Booking.');
  });

  it('merges path-level parameters, resolving $refs, with the operation’s own winning', async () => {
    const def = await openapi(OPENAPI);
    const get = def.groups[1]!.operations[0]!;
    expect(get.id).toBe('getParcel');
    expect(get.operationId).toBe('getParcel');
    expect(get.summary).toBe('Get a parcel');
    expect(get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'trace', in: 'header', required: true, description: 'Overrides the path-level one.', schema: { type: 'string' } },
    ]);
    const del = def.groups[2]!.operations[0]!;
    expect(del.deprecated).toBe(true);
    expect(del.id).toBe('delete-parcels-id');
    expect(del.parameters.map((p) => p.name)).toEqual(['id', 'trace']);
  });

  it('reads request bodies and responses, following response $refs, with schemas in the table', async () => {
    const def = await openapi(OPENAPI);
    const [get] = def.groups[1]!.operations;
    expect(get!.responses).toEqual([
      { status: '200', description: 'The parcel.', content: [{ mediaType: 'application/json', schema: { ref: '#/components/schemas/Parcel' } }] },
      { status: '404', description: 'No such parcel.', content: [{ mediaType: 'application/problem+json', schema: { ref: '#/components/schemas/Problem' } }] },
    ]);
    const post = def.groups[0]!.operations[0]!;
    expect(post.requestBody).toEqual({
      required: true,
      content: [{ mediaType: 'application/json', schema: { ref: '#/components/schemas/Parcel' } }, { mediaType: 'text/plain' }],
    });
    // The same operation object appears under both of its tags.
    expect(def.groups[1]!.operations[1]).toBe(post);
    const parcel = def.schemas['#/components/schemas/Parcel']!;
    expect(parcel.name).toBe('Parcel');
    expect(parcel.schema.properties!.map((p) => [p.name, p.schema])).toEqual([
      ['id', { type: 'string' }],
      ['contents', { type: 'array', items: { ref: '#/components/schemas/Parcel' } }],
      ['owner', { external: 'https://schemas.example.com/owner.json' }],
      ['sender', { external: './people.yaml#/Person' }],
    ]);
    expect(def.warnings).toBeUndefined();
  });

  it('never fetches or reads external refs', async () => {
    const fetch = vi.fn(async () => {
      throw new Error('no network in tests');
    });
    vi.stubGlobal('fetch', fetch);
    const def = await openapi(
      OPENAPI.replace("$ref: '#/components/responses/NotFound'", "$ref: 'https://evil.example.com/responses.yaml#/NotFound'")
        .replace("- $ref: '#/components/parameters/Id'", "- $ref: '/etc/passwd#/x'"),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(def.warnings).toEqual([
      'External $ref "/etc/passwd#/x" is not followed',
      'External $ref "https://evil.example.com/responses.yaml#/NotFound" is not followed',
    ]);
    const get = def.groups[1]!.operations[0]!;
    expect(get.parameters.map((p) => p.name)).toEqual(['trace']);
    expect(get.responses[1]).toEqual({ status: '404', content: [] });
  });

  it('reports internal refs that resolve nowhere without failing', async () => {
    const def = await openapi(OPENAPI.replace("'#/components/schemas/Problem' }", "'#/components/schemas/Oops' }"));
    expect(def.warnings).toEqual(['$ref "#/components/schemas/Oops" does not resolve to anything in the definition']);
  });

  it('reads JSON, OpenAPI 3.1 webhooks and content-typed parameters', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Hooks', version: 2 },
      webhooks: { newPet: { post: { summary: 'A pet was added', responses: { '200': { description: 'ok' } } } } },
      paths: {
        '/search': {
          get: { parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } }], responses: {} },
        },
      },
    };
    const def = await openapi(JSON.stringify(doc));
    expect(def.language).toBe('json');
    expect(def.fileName).toBe('openapi.json');
    expect(def.info.version).toBe('2');
    const ops = def.groups[0]!.operations;
    expect(ops.map((o) => [o.method, o.path, o.webhook ?? false])).toEqual([
      ['GET', '/search', false],
      ['POST', 'newPet', true],
    ]);
    expect(ops[0]!.parameters[0]!.schema).toEqual({ type: 'object' });
  });
});

describe('Swagger 2', () => {
  it('turns body and form parameters into request bodies and response schemas into content', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 'Petstore', version: '1.0' },
      host: 'petstore.example.com',
      basePath: '/v2',
      schemes: ['https', 'http'],
      produces: ['application/xml'],
      paths: {
        '/pet': {
          post: {
            tags: ['pet'],
            consumes: ['application/json'],
            parameters: [{ in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/Pet' } }],
            responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Pet' } }, '405': { description: 'Invalid input' } },
          },
        },
        '/pet/{petId}/upload': {
          post: {
            tags: ['pet'],
            consumes: ['multipart/form-data'],
            parameters: [
              { name: 'petId', in: 'path', required: true, type: 'integer', format: 'int64' },
              { name: 'file', in: 'formData', required: true, type: 'file' },
              { name: 'note', in: 'formData', type: 'string' },
            ],
            responses: {},
          },
        },
      },
      definitions: { Pet: { type: 'object', properties: { name: { type: 'string' } } } },
    };
    const def = await openapi(JSON.stringify(doc));
    expect(def.specVersion).toBe('2.0');
    expect(def.servers).toEqual([{ url: 'https://petstore.example.com/v2' }, { url: 'http://petstore.example.com/v2' }]);
    const [create, upload] = def.groups[0]!.operations;
    expect(create!.parameters).toEqual([]);
    expect(create!.requestBody).toEqual({ required: true, content: [{ mediaType: 'application/json', schema: { ref: '#/definitions/Pet' } }] });
    expect(create!.responses[0]).toEqual({ status: '200', description: 'ok', content: [{ mediaType: 'application/xml', schema: { ref: '#/definitions/Pet' } }] });
    expect(def.schemas['#/definitions/Pet']!.name).toBe('Pet');
    expect(upload!.parameters).toEqual([{ name: 'petId', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } }]);
    expect(upload!.requestBody!.content[0]!.mediaType).toBe('multipart/form-data');
    expect(upload!.requestBody!.content[0]!.schema!.properties).toEqual([
      { name: 'file', required: true, schema: { type: 'file' } },
      { name: 'note', schema: { type: 'string' } },
    ]);
  });
});
