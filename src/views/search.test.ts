import { describe, expect, it } from 'vitest';
import type { PortalEntity } from '../model/portal.ts';
import type { PortalModel } from '../model/portal.ts';
import { markdownText } from './markdown.ts';
import { plainText } from './plain-text.ts';
import { entityRecord, entityRecords } from './search.ts';

const source = { repo: 'r', file: 'catalog-info.yaml', line: 1, column: 1 };

describe('entityRecord', () => {
  it('indexes a component by title, name and description, with Backstage’s facets', () => {
    const item: PortalEntity = {
      ref: 'component:default/payments-service',
      source,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-service', title: 'Payments Service', description: 'Authorises card payments', tags: ['java', 'pci'] },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
      },
    };
    expect(entityRecord(item, [], markdownText)).toEqual({
      url: '/catalog/default/component/payments-service/',
      content: 'Payments Service. payments-service. Authorises card payments.',
      meta: { title: 'Payments Service', kind: 'Component' },
      filters: {
        kind: ['Component'],
        namespace: ['default'],
        type: ['service'],
        lifecycle: ['production'],
        owner: ['group:default/team-payments'],
        tag: ['java', 'pci'],
      },
    });
  });

  it('adds a user’s display name and email, and lower-cases the URL as the pages are', () => {
    const item: PortalEntity = {
      ref: 'user:labs/ada',
      source,
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'Ada', namespace: 'labs' }, spec: { profile: { displayName: 'Ada Lovelace', email: 'ada@example.com' }, memberOf: [] } },
    };
    const record = entityRecord(item, [], markdownText);
    expect(record.url).toBe('/catalog/labs/user/ada/');
    expect(record.meta.title).toBe('Ada Lovelace');
    expect(record.content).toBe('Ada Lovelace. Ada. ada@example.com.');
    expect(record.filters).toEqual({ kind: ['User'], namespace: ['labs'] });
  });

  it('falls back to spec.owner when the owner did not resolve', () => {
    const item: PortalEntity = {
      ref: 'api:default/x',
      source,
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'x' }, spec: { owner: 'ghost', type: 'openapi' } },
    };
    expect(entityRecord(item, [], markdownText).filters.owner).toEqual(['ghost']);
  });

  it('adds the words of plugins’ cards to the entity they are on', async () => {
    const item: PortalEntity = { ref: 'component:default/x', source, entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } } };
    const model = {
      entities: [item],
      plugins: { cards: { 'component:default/x': [{ plugin: 'annotations', id: 'pagerduty', title: 'PagerDuty', search: 'PSHIP01' }, { plugin: 'a', id: 'b', title: 'No words' }] }, scripts: {} },
    } as unknown as PortalModel;
    expect((await entityRecords(model))[0]!.content).toBe('x. PSHIP01.');
  });
});

describe('entityRecords and descriptions', () => {
  const entity = (name: string, description: string): PortalEntity => ({ ref: `component:default/${name}`, source, entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, description } } });

  it('reads plain descriptions without the Markdown parser, and Markdown ones through it', async () => {
    expect(plainText('  Stores   the ledger\nfor audits ')).toBe('Stores the ledger for audits');
    expect(plainText('See **the runbook**')).toBeUndefined();
    expect(plainText('See https://example.com')).toBeUndefined();
    const plain = await entityRecords({ entities: [entity('a', 'Stores the ledger.')] } as unknown as PortalModel);
    expect(plain[0]!.content).toBe('a. Stores the ledger.');
    const marked = await entityRecords({ entities: [entity('a', 'Stores the ledger.'), entity('b', 'Serves **card** payments; see [the runbook](https://example.com/rb)')] } as unknown as PortalModel);
    expect(marked.map((r) => r.content)).toEqual(['a. Stores the ledger.', 'b. Serves card payments; see the runbook.']);
  });
});
