import { describe, expect, it } from 'vitest';
import type { Entity } from '../model/entity.ts';
import { repoInfo } from '../snapshot/memory.ts';
import { applyAnnotations, locationAnnotations } from './annotations.ts';

describe('locationAnnotations', () => {
  it("uses Backstage's GitHub formats for a nested file reached from another repo's root", () => {
    const repo = repoInfo('svc', { defaultBranch: 'trunk' });
    const origin = { repo: repoInfo('platform'), file: 'catalog-info.yaml' };
    expect(locationAnnotations({ repo, file: 'deploy/my app/catalog-info.yaml' }, origin)).toEqual({
      'backstage.io/managed-by-location': 'url:https://github.com/acme/svc/blob/trunk/deploy/my%20app/catalog-info.yaml',
      'backstage.io/managed-by-origin-location': 'url:https://github.com/acme/platform/blob/main/catalog-info.yaml',
      'backstage.io/view-url': 'https://github.com/acme/svc/blob/trunk/deploy/my%20app/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/svc/edit/trunk/deploy/my%20app/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://github.com/acme/svc/tree/trunk/deploy/my%20app/',
    });
  });

  it('has no edit-url at a commit', () => {
    const repo = repoInfo('svc', { defaultBranch: 'ABCDEF0123456789abcdef0123456789abcdef01' });
    const at = { repo, file: 'catalog-info.yaml' };
    expect(locationAnnotations(at, at)['backstage.io/edit-url']).toBeUndefined();
  });
});

describe('applyAnnotations', () => {
  it("keeps the author's values and adds the rest", () => {
    const entity: Entity = { apiVersion: 'v1', kind: 'Component', metadata: { name: 'a', annotations: { 'backstage.io/edit-url': 'mine' } } };
    applyAnnotations(entity, { 'backstage.io/edit-url': 'computed', 'backstage.io/view-url': 'view' });
    expect(entity.metadata.annotations).toEqual({ 'backstage.io/edit-url': 'mine', 'backstage.io/view-url': 'view' });
  });

  it('creates annotations when there are none', () => {
    const entity: Entity = { apiVersion: 'v1', kind: 'Component', metadata: { name: 'a' } };
    applyAnnotations(entity, { k: 'v' });
    expect(entity.metadata.annotations).toEqual({ k: 'v' });
  });
});
