import { describe, expect, it } from 'vitest';
import { rankResults, resultTier } from './search-rank.ts';

const entity = (name: string, title: string, kind = 'Component') => ({ url: `/portal/catalog/default/${kind.toLowerCase()}/${name}/`, meta: { title, kind } });
const docs = (path: string, title: string) => ({ url: `/portal/docs/default/component/${path}`, meta: { title, kind: 'Docs' } });

describe('search ranking', () => {
  it('puts an exact title or name first, then entities named with the words, above docs that mention them', () => {
    const results = [
      docs('shipments-docs/', 'Runbook – Shipments handbook'),
      docs('payments/faq/', 'FAQ – Payments'),
      entity('parcel-router', 'parcel-router'),
      entity('shipments-api', 'Shipments API', 'API'),
      entity('shipments', 'Shipments Service'),
    ];
    expect(rankResults('shipments', results).map((r) => r.meta.title)).toEqual([
      'Shipments Service',
      'Shipments API',
      'Runbook – Shipments handbook',
      'parcel-router',
      'FAQ – Payments',
    ]);
  });

  it('matches names and titles whatever the case and separators', () => {
    expect(resultTier('Shipments service', entity('shipments-service', 'Shipments Service'))).toBe(0);
    expect(resultTier('shipments-service', entity('shipments-service', 'Tracker'))).toBe(0);
    expect(resultTier('service shipments', entity('shipments-service', 'Tracker'))).toBe(1);
    expect(resultTier('', entity('x', 'X'))).toBe(3);
    // A docs page is never tier 0 or 1 by its URL alone.
    expect(resultTier('runbook', docs('shipments/runbook/', 'Guide'))).toBe(4);
  });
});
