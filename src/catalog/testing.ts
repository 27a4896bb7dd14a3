// Test helpers for the catalog stage: a small stand-in validator and a snapshot that counts reads.

import type { FileRef, Snapshot } from '../snapshot/types.ts';
import type { ValidationIssue } from './validate/index.ts';

const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

/** Just enough rules to exercise positions: name, Component owner, root fields, label keys. */
export function testValidate(value: unknown): ValidationIssue[] {
  const entity = value as Record<string, any>;
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(entity)) {
    if (!ROOT_FIELDS.includes(key)) issues.push({ code: 'foreign-root-field', message: `Unknown field ${key}`, path: [key], onKey: true });
  }
  if (typeof entity.metadata?.name !== 'string') {
    issues.push({ code: 'schema', message: 'metadata.name must be a string', path: ['metadata', 'name'] });
  }
  if (entity.kind === 'Component' || entity.kind === 'API') {
    const owner = entity.spec?.owner;
    if (owner === undefined) issues.push({ code: 'schema', message: "/spec must have required property 'owner'", path: ['spec', 'owner'] });
    else if (typeof owner !== 'string') issues.push({ code: 'schema', message: '/spec/owner must be string', hint: 'Quote it.', path: ['spec', 'owner'] });
  }
  if (entity.kind === 'API' && typeof entity.spec?.definition !== 'string') {
    issues.push({ code: 'schema', message: '/spec/definition must be string', path: ['spec', 'definition'] });
  }
  for (const key of Object.keys(entity.metadata?.labels ?? {})) {
    if (/\s/.test(key)) issues.push({ code: 'schema', message: `labels.${key} is not valid`, path: ['metadata', 'labels', key], onKey: true });
  }
  return issues;
}

export interface CountingSnapshot extends Snapshot {
  /** The refs of every `read` call, one array per call. */
  reads: FileRef[][];
  lists: string[];
}

export function countingSnapshot(inner: Snapshot): CountingSnapshot {
  const reads: FileRef[][] = [];
  const lists: string[] = [];
  return {
    repos: inner.repos,
    reads,
    lists,
    read(files) {
      reads.push([...files]);
      return inner.read(files);
    },
    list(repo) {
      lists.push(repo);
      return inner.list(repo);
    },
    readBytes: (ref) => inner.readBytes(ref),
    executables: (repo) => inner.executables(repo),
  };
}
