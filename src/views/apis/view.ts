// Display helpers for API definitions: labels, counts and the file the raw download is served as.

import type { ApiDefinition } from '../../model/apis.ts';
import { plural } from '../format.ts';

const NAMES: Record<string, string> = { openapi: 'OpenAPI', asyncapi: 'AsyncAPI', graphql: 'GraphQL', grpc: 'gRPC' };

/** `OpenAPI 3.0.3`, `Swagger 2.0`, `GraphQL SDL`, `gRPC (proto)`, or the type as written. */
export function formatLabel(def: ApiDefinition): string {
  switch (def.format) {
    case 'openapi':
      return def.specVersion.startsWith('2') ? `Swagger ${def.specVersion}` : `OpenAPI ${def.specVersion}`;
    case 'asyncapi':
      return `AsyncAPI ${def.specVersion}`;
    case 'graphql':
      return 'GraphQL SDL';
    case 'grpc':
      return 'gRPC (protobuf)';
    default:
      return NAMES[def.type.toLowerCase()] ?? (def.type || 'Definition');
  }
}

/** What the definition holds, for the summary line: `12 operations`, `3 channels`, … */
export function definitionCounts(def: ApiDefinition): string[] {
  switch (def.format) {
    case 'openapi': {
      const ops = new Set(def.groups.flatMap((g) => g.operations.map((o) => o.id)));
      return [plural(ops.size, 'operation', 'operations'), plural(Object.keys(def.schemas).length, 'schema', 'schemas')];
    }
    case 'asyncapi':
      return [plural(def.channels.length, 'channel', 'channels'), plural(Object.keys(def.messages).length, 'message', 'messages')];
    case 'graphql':
      return [
        plural(def.query.length, 'query', 'queries'),
        plural(def.mutation.length, 'mutation', 'mutations'),
        ...(def.subscription.length ? [plural(def.subscription.length, 'subscription', 'subscriptions')] : []),
        plural(def.types.length, 'type', 'types'),
      ];
    case 'grpc':
      return [
        plural(def.services.length, 'service', 'services'),
        plural(def.services.reduce((n, s) => n + s.methods.length, 0), 'method', 'methods'),
        plural(def.messages.length, 'message', 'messages'),
      ];
    default:
      return [];
  }
}

/** Where an API's pages live, relative to the site: its page, the rendered definition and the raw file. */
export function apiPaths(entityPagePath: string, def: Pick<ApiDefinition, 'fileName'>): { page: string; raw: string } {
  return { page: `${entityPagePath}definition/`, raw: `${entityPagePath}${def.fileName}` };
}

/** HTML id for a named schema, unique per table key. */
export function schemaAnchor(key: string): string {
  return `schema-${key.replace(/^#\/?/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')}`;
}

/** HTML id for an AsyncAPI message, unique per message key. */
export function messageAnchor(key: string): string {
  return `message-${key.replace(/^#\/?/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')}`;
}
