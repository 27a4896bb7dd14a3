// Every entity's relations in one compact file (views/graph-data.ts): the browser draws any entity's graph at
// any depth and filter from it. About 645 KB raw, 147 KB gzip at 10,000 entities, fetched only when asked for.
import { pageData } from '../../handover.ts';
import { graphData } from '../../../views/graph-data.ts';

export function GET(): Response {
  return new Response(JSON.stringify(graphData(pageData().model.entities)), { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
