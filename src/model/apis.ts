// API definitions summarised for people: what the portal's API pages render. Plain JSON, no I/O.

/** How the raw definition is highlighted and downloaded. */
export type DefinitionLanguage = 'yaml' | 'json' | 'graphql' | 'proto' | 'text';

export interface DefinitionBase {
  /** `spec.type` as written. */
  type: string;
  language: DefinitionLanguage;
  /** File name for the raw download, e.g. `openapi.yaml`. */
  fileName: string;
  /** Problems that did not stop the summary (an internal `$ref` that resolves nowhere, …). */
  warnings?: string[];
}

/** A definition that could not be read at all; the page shows `error` and the raw text. */
export interface BrokenDefinition extends DefinitionBase {
  format: 'broken';
  error: DefinitionError;
}

export interface DefinitionError {
  message: string;
  /** 1-based position inside the definition text, when the parser gives one. */
  line?: number;
  column?: number;
}

/** A type the portal does not summarise (trpc, custom types): shown as text. */
export interface TextDefinition extends DefinitionBase {
  format: 'text';
}

export interface ApiInfo {
  title?: string;
  version?: string;
  description?: string;
}

export interface ApiServer {
  name?: string;
  url: string;
  protocol?: string;
  description?: string;
}

// ---- JSON Schema, as a tree for display ----

export interface SchemaNode {
  /** Display type, e.g. `string`, `object`, `integer | null`. */
  type?: string;
  format?: string;
  /** Key into the definition's `schemas` table: a named schema reached through an internal `$ref`. */
  ref?: string;
  title?: string;
  description?: string;
  enum?: string[];
  default?: string;
  example?: string;
  /** Readable constraints: `min 1`, `max length 64`, `pattern ^[A-Z]{3}$`. */
  constraints?: string[];
  nullable?: true;
  deprecated?: true;
  readOnly?: true;
  writeOnly?: true;
  properties?: SchemaProperty[];
  /** `additionalProperties`: a schema, or true when any value is allowed. */
  additional?: SchemaNode | true;
  items?: SchemaNode;
  variants?: { kind: 'oneOf' | 'anyOf' | 'allOf'; options: SchemaNode[] };
  /** An external `$ref`; never fetched. */
  external?: string;
  /** An internal `$ref` that points nowhere. */
  unresolved?: string;
  /** The tree was cut here to keep the page small. */
  truncated?: true;
}

export interface SchemaProperty {
  name: string;
  required?: true;
  schema: SchemaNode;
}

export interface NamedSchema {
  /** Display name, e.g. `Shipment` for `#/components/schemas/Shipment`. */
  name: string;
  schema: SchemaNode;
}

/** Named schemas by their `$ref` pointer. */
export type SchemaTable = Record<string, NamedSchema>;

// ---- OpenAPI 3.x / Swagger 2.0 ----

export interface OpenApiParameter {
  name: string;
  in: string;
  required?: true;
  deprecated?: true;
  description?: string;
  schema?: SchemaNode;
}

export interface MediaTypeSchema {
  mediaType: string;
  schema?: SchemaNode;
}

export interface OpenApiResponse {
  status: string;
  description?: string;
  content: MediaTypeSchema[];
}

export interface OpenApiOperation {
  /** Unique within the definition; used as the HTML anchor. */
  id: string;
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: true;
  /** A webhook (OpenAPI 3.1 `webhooks`) rather than a path. */
  webhook?: true;
  parameters: OpenApiParameter[];
  requestBody?: { required?: true; description?: string; content: MediaTypeSchema[] };
  responses: OpenApiResponse[];
}

export interface OperationGroup {
  tag: string;
  description?: string;
  operations: OpenApiOperation[];
}

export interface OpenApiDefinition extends DefinitionBase {
  format: 'openapi';
  /** `3.0.3`, `3.1.0`, `2.0`. */
  specVersion: string;
  info: ApiInfo;
  servers: ApiServer[];
  groups: OperationGroup[];
  schemas: SchemaTable;
}

// ---- AsyncAPI 2.x / 3.x ----

export type AsyncAction = 'send' | 'receive' | 'publish' | 'subscribe';

export interface AsyncOperation {
  id: string;
  action: AsyncAction;
  summary?: string;
  description?: string;
  /** Keys into `messages`. */
  messages: string[];
}

export interface AsyncChannel {
  /** HTML anchor, unique within the definition. */
  id: string;
  /** The channel's key in the document. */
  name: string;
  address?: string;
  title?: string;
  description?: string;
  parameters: string[];
  /** Keys into `messages`. */
  messages: string[];
  operations: AsyncOperation[];
}

export interface AsyncMessage {
  /** Display name. */
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  contentType?: string;
  payload?: SchemaNode;
  headers?: SchemaNode;
}

export interface AsyncApiDefinition extends DefinitionBase {
  format: 'asyncapi';
  specVersion: string;
  info: ApiInfo;
  servers: ApiServer[];
  channels: AsyncChannel[];
  /** Messages by key (their `$ref` pointer, or a made-up key for inline ones). */
  messages: Record<string, AsyncMessage>;
  schemas: SchemaTable;
}

// ---- GraphQL SDL ----

export interface GraphqlArgument {
  name: string;
  type: string;
  default?: string;
}

export interface GraphqlField {
  name: string;
  type: string;
  args: GraphqlArgument[];
  description?: string;
  deprecated?: string;
  /** 1-based line in the SDL. */
  line: number;
}

export interface GraphqlType {
  name: string;
  kind: 'type' | 'input' | 'interface' | 'union' | 'enum' | 'scalar';
  description?: string;
  /** Field names, enum values or union members. */
  members: string[];
  line: number;
}

export interface GraphqlDefinition extends DefinitionBase {
  format: 'graphql';
  query: GraphqlField[];
  mutation: GraphqlField[];
  subscription: GraphqlField[];
  types: GraphqlType[];
}

// ---- gRPC / protobuf ----

export interface GrpcMethod {
  name: string;
  request: string;
  response: string;
  requestStream?: true;
  responseStream?: true;
  comment?: string;
}

export interface GrpcService {
  /** Fully qualified, e.g. `kestrel.routing.v1.RouteOptimizer`. */
  name: string;
  comment?: string;
  methods: GrpcMethod[];
  line?: number;
}

export interface GrpcMessage {
  name: string;
  fields: Array<{ name: string; type: string; id: number; rule?: string }>;
  line?: number;
}

export interface GrpcDefinition extends DefinitionBase {
  format: 'grpc';
  package?: string;
  imports: string[];
  services: GrpcService[];
  messages: GrpcMessage[];
  enums: Array<{ name: string; values: string[]; line?: number }>;
}

export type ApiDefinition =
  | OpenApiDefinition
  | AsyncApiDefinition
  | GraphqlDefinition
  | GrpcDefinition
  | TextDefinition
  | BrokenDefinition;
