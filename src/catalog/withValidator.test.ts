// The reader with the real validator: issues land on the right YAML lines.

import { describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { readCatalog } from './index.ts';
import { createValidator } from './validate/index.ts';

const FILE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  tags:
    - payments
    - Not_A_Tag
spec:
  type: service
  lifecycle: production
  owner: team-checkout
  providesApis:
    - checkout-api
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: checkout-api
spec:
  type: openapi
  lifecycle: production
  owner: team-checkout
  definition:
    $text: ./openapi.yaml
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: checkout
status: {}
spec:
  owner: team-checkout
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: checkout-db
spec:
  owner: team-checkout
`;

describe('readCatalog with createValidator', () => {
  it('keeps valid entities and pins each validation issue to its line', async () => {
    const snapshot = memorySnapshot([{ repo: repoInfo('checkout'), files: { 'catalog-info.yaml': FILE, 'openapi.yaml': 'openapi: 3.0.0\n' } }]);
    const r = await readCatalog(snapshot, { catalogPath: () => '/catalog-info.yaml', validate: createValidator() });
    expect(r.entities.map((e) => e.ref)).toEqual(['api:default/checkout-api']);
    expect(r.entities[0]!.entity.spec?.definition).toBe('openapi: 3.0.0\n');
    const found = r.diagnostics.map((d) => [d.code, d.line, d.entity]);
    expect(found).toContainEqual(['schema', 7, 'component:default/checkout']); // the bad tag
    expect(found).toContainEqual(['foreign-root-field', 30, 'system:default/checkout']); // `status:` key
    expect(found).toContainEqual(['schema', 39, 'resource:default/checkout-db']); // missing type: the spec map
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.repo === 'checkout' && d.file === 'catalog-info.yaml')).toBe(true);
  });
});
