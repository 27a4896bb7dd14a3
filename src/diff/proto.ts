// Protobuf (summarised by src/apis/grpc.ts with protobufjs): removed messages, fields (by number), enum values,
// services and RPCs, changed field types and RPC signatures. A renamed field keeps the wire format: listed apart.

import type { GrpcDefinition } from '../model/apis.ts';
import type { ApiChange } from './types.ts';

export function diffProto(a: GrpcDefinition, b: GrpcDefinition): ApiChange[] {
  const out: ApiChange[] = [];
  const add = (breaking: boolean, where: string, message: string) => out.push({ breaking, where, message });

  const messages = new Map(b.messages.map((m) => [m.name, m]));
  for (const m of a.messages) {
    const next = messages.get(m.name);
    if (!next) {
      add(true, m.name, 'message removed');
      continue;
    }
    const fields = new Map(next.fields.map((f) => [f.id, f]));
    for (const f of m.fields) {
      const g = fields.get(f.id);
      if (!g) add(true, m.name, `field ${f.id} "${f.name}" removed`);
      else {
        if (g.type !== f.type) add(true, m.name, `field ${f.id} "${f.name}": type changed from ${f.type} to ${g.type}`);
        if ((g.rule === 'repeated') !== (f.rule === 'repeated')) add(true, m.name, `field ${f.id} "${f.name}": ${g.rule === 'repeated' ? 'now' : 'no longer'} repeated`);
        if (g.name !== f.name) add(false, m.name, `field ${f.id} renamed from "${f.name}" to "${g.name}" (same on the wire; JSON clients see a new name)`);
      }
    }
    const ids = new Set(m.fields.map((f) => f.id));
    for (const g of next.fields) if (!ids.has(g.id)) add(false, m.name, `field ${g.id} "${g.name}" added`);
  }
  const known = new Set(a.messages.map((m) => m.name));
  for (const m of b.messages) if (!known.has(m.name)) add(false, m.name, 'message added');

  const enums = new Map(b.enums.map((e) => [e.name, new Set(e.values)]));
  for (const e of a.enums) {
    const values = enums.get(e.name);
    if (!values) add(true, e.name, 'enum removed');
    else for (const v of e.values) if (!values.has(v)) add(true, e.name, `enum value ${v} removed`);
  }

  const services = new Map(b.services.map((s) => [s.name, s]));
  for (const s of a.services) {
    const next = services.get(s.name);
    if (!next) {
      add(true, s.name, 'service removed');
      continue;
    }
    const methods = new Map(next.methods.map((m) => [m.name, m]));
    for (const m of s.methods) {
      const n = methods.get(m.name);
      const where = `${s.name}.${m.name}`;
      if (!n) add(true, where, 'RPC removed');
      else if (n.request !== m.request || n.response !== m.response || !!n.requestStream !== !!m.requestStream || !!n.responseStream !== !!m.responseStream) {
        add(true, where, `signature changed from ${signature(m)} to ${signature(n)}`);
      }
    }
    const names = new Set(s.methods.map((m) => m.name));
    for (const m of next.methods) if (!names.has(m.name)) add(false, `${s.name}.${m.name}`, 'RPC added');
  }
  const serviceNames = new Set(a.services.map((s) => s.name));
  for (const s of b.services) if (!serviceNames.has(s.name)) add(false, s.name, 'service added');
  return out;
}

function signature(m: GrpcDefinition['services'][number]['methods'][number]): string {
  return `(${m.requestStream ? 'stream ' : ''}${m.request}) → (${m.responseStream ? 'stream ' : ''}${m.response})`;
}
