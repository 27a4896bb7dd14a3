import { describe, expect, it } from 'vitest';
import { describeValue, fieldName, pointerToPath, quoteValue, sortByDocumentOrder } from './paths.ts';

describe('pointerToPath', () => {
  const entity = { metadata: { tags: ['a', 'b'], annotations: { 'a/b~c': 'x', '0': 'y' } } };

  it('makes array indexes numbers and keeps object keys strings', () => {
    expect(pointerToPath('', entity)).toEqual([]);
    expect(pointerToPath('/metadata/tags/1', entity)).toEqual(['metadata', 'tags', 1]);
    expect(pointerToPath('/metadata/annotations/0', entity)).toEqual(['metadata', 'annotations', '0']);
  });

  it('unescapes ~1 and ~0', () => {
    expect(pointerToPath('/metadata/annotations/a~1b~0c', entity)).toEqual(['metadata', 'annotations', 'a/b~c']);
  });
});

describe('fieldName', () => {
  it('reads like the YAML it points at', () => {
    expect(fieldName([])).toBe('the entity');
    expect(fieldName(['metadata', 'name'])).toBe('metadata.name');
    expect(fieldName(['spec', 'steps', 0, 'action'])).toBe('spec.steps[0].action');
    expect(fieldName(['metadata', 'annotations', 'backstage.io/techdocs-ref'])).toBe('metadata.annotations["backstage.io/techdocs-ref"]');
    expect(fieldName(['metadata', 'labels', 'Bad Key'])).toBe('metadata.labels["Bad Key"]');
  });
});

describe('describeValue / quoteValue', () => {
  it('names the kind of value', () => {
    expect(describeValue(null)).toBe('empty');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(3)).toBe('a number (3)');
    expect(describeValue(false)).toBe('a boolean (false)');
    expect(describeValue('x')).toBe('a string ("x")');
  });

  it('shortens long values', () => {
    expect(quoteValue('x'.repeat(200))).toBe(`"${'x'.repeat(97)}…"`);
  });
});

describe('sortByDocumentOrder', () => {
  it('orders by the position of each node in the entity, parents first, stable for ties', () => {
    const entity = { kind: 'X', metadata: { name: 'n', tags: ['a', 'b'] }, spec: {}, status: {} };
    const items = [
      { id: 1, path: ['status'] },
      { id: 2, path: ['metadata', 'tags', 1] },
      { id: 3, path: ['metadata'] },
      { id: 4, path: ['metadata', 'tags', 0] },
      { id: 5, path: ['kind'] },
      { id: 6, path: ['metadata'] },
      { id: 7, path: ['spec', 'missing'] },
    ];
    expect(sortByDocumentOrder(items, entity).map((i) => i.id)).toEqual([5, 3, 6, 4, 2, 7, 1]);
  });
});
