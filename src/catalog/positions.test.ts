import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse.ts';
import { findPosition, keyPointer, toPointer } from './positions.ts';

const FILE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc
  annotations:
    acme.io/a~b: x
  labels: { "Bad Key": y }
spec:
  lifecycle:
  dependsOn:
    - component:a
    - resource:b
`;

function positions() {
  const [doc] = parseCatalogFile(FILE);
  if (doc?.kind !== 'entity') throw new Error('expected an entity');
  return doc.positions;
}

describe('positions', () => {
  it('escapes pointer segments per RFC 6901', () => {
    expect(toPointer(['metadata', 'annotations', 'acme.io/a~b'])).toBe('/metadata/annotations/acme.io~1a~0b');
    expect(toPointer(['spec', 'dependsOn', 1])).toBe('/spec/dependsOn/1');
    expect(keyPointer('/metadata/labels/Bad Key')).toBe('/metadata/labels/Bad Key#key');
  });

  it('records every value node and every key, 1-based', () => {
    const p = positions();
    expect(p['']).toEqual({ line: 1, column: 1 });
    expect(p['/metadata/annotations/acme.io~1a~0b']).toEqual({ line: 6, column: 18 });
    expect(p['/metadata/labels/Bad Key']).toEqual({ line: 7, column: 24 });
    expect(p['/metadata/labels/Bad Key#key']).toEqual({ line: 7, column: 13 });
    expect(p['/spec/dependsOn/1']).toEqual({ line: 12, column: 7 });
    // An empty value points at its key rather than the end of the line.
    expect(p['/spec/lifecycle']).toEqual({ line: 9, column: 3 });
  });

  it('finds the node, its key, or the nearest ancestor', () => {
    const p = positions();
    expect(findPosition(p, ['spec', 'dependsOn', 0])).toEqual({ line: 11, column: 7 });
    expect(findPosition(p, ['metadata', 'labels', 'Bad Key'], true)).toEqual({ line: 7, column: 13 });
    expect(findPosition(p, ['spec', 'owner'])).toEqual({ line: 9, column: 3 });
    expect(findPosition(p, ['spec', 'owner'], true)).toEqual({ line: 9, column: 3 });
    expect(findPosition(p, ['spec', 'dependsOn', 7, 'x'])).toEqual({ line: 11, column: 5 });
    expect(findPosition({}, ['a'])).toBeUndefined();
  });
});
