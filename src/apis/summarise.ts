// One API definition (the text of `spec.definition`) → its summary for the portal, by `spec.type`.
// Never throws: a definition that cannot be read becomes a BrokenDefinition with the parser's message.

import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { parseDocument } from 'yaml';
// The parsers (graphql, protobufjs, json-schema-ref-parser) load on the first definition of their kind:
// a build or `backlot dev --docs` of repos without APIs never loads them (about 0.3 s of start-up).
import type { ApiDefinition, BrokenDefinition, DefinitionBase, DefinitionError, DefinitionLanguage } from '../model/apis.ts';

export { definitionText } from './definition-text.ts';

export function definitionBase(type: string, text: string): DefinitionBase {
  const kind = type.toLowerCase();
  const json = /^\s*[[{]/.test(text);
  const data = (name: string): DefinitionBase => ({
    type,
    language: json ? 'json' : 'yaml',
    fileName: `${name}.${json ? 'json' : 'yaml'}`,
  });
  const plain = (language: DefinitionLanguage, fileName: string): DefinitionBase => ({ type, language, fileName });
  switch (kind) {
    case 'openapi':
      return data('openapi');
    case 'asyncapi':
      return data('asyncapi');
    case 'graphql':
      return plain('graphql', 'schema.graphql');
    case 'grpc':
      return plain('proto', 'service.proto');
    default:
      return plain('text', 'definition.txt');
  }
}

export async function summariseDefinition(type: string, text: string): Promise<ApiDefinition> {
  const base = definitionBase(type, text);
  try {
    switch (type.toLowerCase()) {
      case 'openapi':
        return await summariseData(text, base, 'openapi');
      case 'asyncapi':
        return await summariseData(text, base, 'asyncapi');
      case 'graphql':
        return (await import('./graphql.ts')).summariseGraphql(text, base);
      case 'grpc':
        return (await import('./grpc.ts')).summariseProto(text, base);
      default:
        return { ...base, format: 'text' };
    }
  } catch (err) {
    return broken(base, parserError(err));
  }
}

/** An alias (`*name`) in value position: such texts go through yaml, whose maxAliasCount stops alias bombs. */
const ALIAS = /(?:^|[\s[{,])\*[^\s,[\]{}]+(?=\s*(?:$|[,\]}#]))/m;

/**
 * The definition as data. js-yaml (YAML 1.2's core schema, later duplicate keys winning as with yaml's
 * uniqueKeys: false) reads a 5 KB OpenAPI file about ten times faster than yaml's document model, and a
 * definition needs values, not positions. A text js-yaml refuses, or one with aliases, is read by yaml, which
 * gives the error (message, line, column) the page and the diagnostic show.
 */
function readData(text: string, base: DefinitionBase): { doc: unknown } | { error: DefinitionError } {
  if (!ALIAS.test(text)) {
    try {
      return { doc: loadYaml(text, { schema: CORE_SCHEMA, json: true }) };
    } catch {
      // Read again below for yaml's error.
    }
  }
  const parsed = parseDocument(text, { uniqueKeys: false, logLevel: 'error' });
  const first = parsed.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    return {
      error: {
        message: `Not valid ${base.language === 'json' ? 'JSON' : 'YAML'}: ${firstLine(first.message)}`,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      },
    };
  }
  return { doc: parsed.toJS({ maxAliasCount: 1000 }) };
}

async function summariseData(text: string, base: DefinitionBase, kind: 'openapi' | 'asyncapi'): Promise<ApiDefinition> {
  const what = kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI';
  const read = readData(text, base);
  if ('error' in read) return broken(base, read.error);
  const { doc } = read;
  if (!isObject(doc)) return broken(base, { message: `An ${what} definition must be a YAML or JSON object` });
  const keys = Object.keys(doc);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    return broken(base, { message: `spec.definition is a ${keys[0]} placeholder, which Backlot does not resolve (it reads $text, $json and $yaml)` });
  }
  const refs = await (await import('./refs.ts')).internalRefs(doc);
  if (kind === 'openapi') {
    const version = String(doc.openapi ?? doc.swagger ?? '');
    if (!/^3\./.test(version) && !/^2(\.0)?$/.test(version)) {
      return broken(base, { message: `Not an OpenAPI 3.x or Swagger 2.0 document (no "openapi: 3.x" or "swagger: '2.0'" field)` });
    }
    return (await import('./openapi.ts')).summariseOpenApi(doc, refs, base);
  }
  if (!/^[23]\./.test(String(doc.asyncapi ?? ''))) {
    return broken(base, { message: 'Not an AsyncAPI 2.x or 3.x document (no "asyncapi: 2.x" or "asyncapi: 3.x" field)' });
  }
  return (await import('./asyncapi.ts')).summariseAsyncApi(doc, refs, base);
}

function parserError(err: unknown): DefinitionError {
  // graphql-js's GraphQLError, told by its name (graphql is loaded only for GraphQL definitions).
  if (err instanceof Error && err.name === 'GraphQLError') {
    const loc = (err as Error & { locations?: ReadonlyArray<{ line: number; column: number }> }).locations?.[0];
    return { message: `Not valid GraphQL SDL: ${err.message.replace(/^Syntax Error: /, '')}`, ...(loc ? { line: loc.line, column: loc.column } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  const line = protoErrorLine(message);
  return { message: line !== undefined ? `Not valid protobuf: ${message.replace(/\s*\(line \d+\)$/, '')}` : message, ...(line ? { line } : {}) };
}

/** protobufjs's parse errors end in `(line N)`. */
function protoErrorLine(message: string): number | undefined {
  const match = /\(line (\d+)\)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** As schema.ts's, which is not imported here: it brings json-schema-ref-parser with it. */
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function broken(base: DefinitionBase, error: DefinitionError): BrokenDefinition {
  return { ...base, format: 'broken', error };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
