// The raw API definition, downloadable next to its page: /catalog/<ns>/api/<name>/openapi.yaml and the like.

import { pageData, inShare } from '../../../../../handover.ts';
import type { APIRoute } from 'astro';
import { rawDefinition } from '../../../../../../views/apis/definitions.ts';
import { parseEntityRef } from '../../../../../../model/entityRef.ts';

const TYPES: Record<string, string> = {
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export async function getStaticPaths() {
  const { model } = pageData();
  return inShare(model.entities.flatMap((item) => {
    const definition = model.apis[item.ref];
    const text = rawDefinition(item);
    if (!definition || text === undefined) return [];
    const { kind, namespace, name } = parseEntityRef(item.ref);
    return [
      {
        params: { namespace: namespace.toLowerCase(), kind: kind.toLowerCase(), name: name.toLowerCase(), file: definition.fileName },
        props: { ref: item.ref, text, type: TYPES[definition.language] ?? 'text/plain; charset=utf-8' },
      },
    ];
  }), { route: 'catalog/[namespace]/[kind]/[name]/[file]', endpoint: true, entity: (p) => p.props.ref });
}

export const GET: APIRoute = ({ props }) => new Response(props.text as string, { headers: { 'content-type': props.type as string } });
