// A template's preview data beside its Create page: the template and its skeleton files, read by the build
// (src/scaffold/previewData.ts) and fetched only when someone presses Preview.
import { inShare, pageData } from '../../../../handover.ts';
import { isTemplate, templateCard } from '../../../../../views/create/templates.ts';

export function getStaticPaths() {
  const { model } = pageData();
  // The same params as the Create page: a sharded render writes both in the same shard.
  return inShare(model.entities.filter((e) => isTemplate(e) && model.templatePreviews?.[e.ref] && 'data' in model.templatePreviews[e.ref]!).map((e) => {
    const card = templateCard(e);
    return { params: { namespace: card.namespace, name: card.name }, props: { ref: e.ref } };
  }));
}

export function GET({ props }: { props: { ref: string } }): Response {
  const preview = pageData().model.templatePreviews![props.ref]!;
  return new Response(JSON.stringify('data' in preview ? preview.data : null), { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
