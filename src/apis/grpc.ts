// gRPC .proto → services with their methods, messages and enums (protobufjs `parse`: no imports are loaded).

import protobuf from 'protobufjs';
import type { DefinitionBase, GrpcDefinition, GrpcMessage, GrpcService } from '../model/apis.ts';

/** Throws protobufjs's error (`illegal token 'x' (line 3)`) on a syntax error. */
export function summariseProto(source: string, base: DefinitionBase): GrpcDefinition {
  const parsed = protobuf.parse(source, { keepCase: true, alternateCommentMode: true });
  const out: GrpcDefinition = { ...base, format: 'grpc', imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])], services: [], messages: [], enums: [] };
  if (parsed.package) out.package = parsed.package;
  const lines = source.split('\n');
  walk(parsed.root, (node) => {
    const name = node.fullName.replace(/^\./, '');
    if (node instanceof protobuf.Service) {
      const service: GrpcService = {
        name,
        methods: node.methodsArray.map((m) => ({
          name: m.name,
          request: m.requestType,
          response: m.responseType,
          ...(m.requestStream ? { requestStream: true as const } : {}),
          ...(m.responseStream ? { responseStream: true as const } : {}),
          ...(m.comment ? { comment: m.comment.trim() } : {}),
        })),
      };
      if (node.comment) service.comment = node.comment.trim();
      const line = findLine(lines, 'service', node.name);
      if (line) service.line = line;
      out.services.push(service);
    } else if (node instanceof protobuf.Type) {
      const message: GrpcMessage = {
        name,
        fields: node.fieldsArray.map((f) => {
          if (f instanceof protobuf.MapField) return { name: f.name, type: `map<${f.keyType}, ${f.type}>`, id: f.id };
          const rule = f.repeated ? 'repeated' : f.options?.proto3_optional || f.rule === 'optional' ? 'optional' : undefined;
          return { name: f.name, type: f.type, id: f.id, ...(rule ? { rule } : {}) };
        }),
      };
      const line = findLine(lines, 'message', node.name);
      if (line) message.line = line;
      out.messages.push(message);
    } else if (node instanceof protobuf.Enum) {
      const line = findLine(lines, 'enum', node.name);
      out.enums.push({ name, values: Object.keys(node.values), ...(line ? { line } : {}) });
    }
  });
  return out;
}

function walk(ns: protobuf.NamespaceBase, visit: (node: protobuf.ReflectionObject) => void): void {
  for (const node of ns.nestedArray) {
    visit(node);
    if (node instanceof protobuf.Namespace) walk(node, visit);
  }
}

/** 1-based line of `keyword Name`; protobufjs keeps no positions. First match wins (good enough for links). */
function findLine(lines: string[], keyword: string, name: string): number | undefined {
  const pattern = new RegExp(`^\\s*${keyword}\\s+${name}\\b`);
  const i = lines.findIndex((l) => pattern.test(l));
  return i === -1 ? undefined : i + 1;
}
