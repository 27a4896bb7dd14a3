// One entity document, from parsed YAML to a CatalogEntity: placeholders, namespace default,
// validation, computed annotations; Location targets are handed on.

import { DEFAULT_NAMESPACE, type Entity } from '../model/entity.ts';
import { stringifyEntityRef } from '../model/entityRef.ts';
import { applyAnnotations, locationAnnotations } from './annotations.ts';
import { followLocation } from './follow.ts';
import type { ParsedDocument } from './parse.ts';
import { decodePlaceholder, findPlaceholders, placeholderFile, setAt } from './placeholders.ts';
import { findPosition, toPointer } from './positions.ts';
import { isAbsoluteUrl } from './paths.ts';
import { fileKey, report, type FileVisit, type PendingEntity, type ReadState } from './state.ts';

/** Starts an entity document: finishes it now, or queues it until its placeholder files are read. */
export function startDocument(state: ReadState, visit: FileVisit, doc: Extract<ParsedDocument, { kind: 'entity' }>): void {
  const pending: PendingEntity = { visit, index: doc.index, value: doc.value, root: doc.root, positions: doc.positions, placeholders: [] };
  let failed = false;
  for (const placeholder of findPlaceholders(doc.value)) {
    const file = placeholderFile(placeholder, visit.path, visit.repo, state.snapshot.repos);
    // A URL is resolved against the build's repos: its outcome may change with another repo.
    if (typeof placeholder.target === 'string' && isAbsoluteUrl(placeholder.target)) state.volatile.add(visit.repo.name);
    if ('error' in file) {
      placeholderError(state, pending, placeholder.path, file.error, file.hint);
      failed = true;
    } else {
      pending.placeholders.push({ placeholder, file: { repo: visit.repo.name, path: file.path }, target: String(placeholder.target) });
    }
  }
  if (failed) return;
  if (pending.placeholders.length === 0) finishEntity(state, pending);
  else state.waiting.push(pending);
}

/** Fills in the placeholders of a queued entity (their files are read by now) and finishes it. */
export function resolvePlaceholders(state: ReadState, pending: PendingEntity): void {
  let failed = false;
  for (const { placeholder, file, target } of pending.placeholders) {
    const content = state.contents.get(fileKey(file)) ?? { ...file, kind: 'missing' as const };
    const decoded = decodePlaceholder(placeholder.kind, target, content);
    if ('error' in decoded) {
      placeholderError(state, pending, placeholder.path, decoded.error);
      failed = true;
      continue;
    }
    const pointer = toPointer(placeholder.path);
    // The file's content has no positions in the catalog file: its nodes report at the placeholder.
    for (const key of Object.keys(pending.positions)) {
      if (key.startsWith(`${pointer}/`)) delete pending.positions[key];
    }
    if (placeholder.path.length > 0) {
      setAt(pending.value, placeholder.path, decoded.value);
    } else if (decoded.value && typeof decoded.value === 'object' && !Array.isArray(decoded.value)) {
      pending.value = decoded.value as Record<string, unknown>;
    } else {
      placeholderError(state, pending, [], `Placeholder ${placeholder.kind} at the document root must give an object`);
      failed = true;
    }
  }
  if (!failed) finishEntity(state, pending);
}

function placeholderError(state: ReadState, pending: PendingEntity, path: Array<string | number>, message: string, hint?: string): void {
  report(state, 'error', 'placeholder', message, {
    repo: pending.visit.repo.name,
    file: pending.visit.path,
    position: findPosition(pending.positions, path) ?? pending.root,
    entity: refOf(pending.value),
    hint: hint ?? 'The entity is left out until the placeholder can be resolved.',
  });
}

function finishEntity(state: ReadState, pending: PendingEntity): void {
  const { visit, value, positions } = pending;
  const metadata = value.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const meta = metadata as Record<string, unknown>;
    if (meta.namespace === undefined) meta.namespace = DEFAULT_NAMESPACE;
  }
  const ref = refOf(value);
  const issues = state.validate(value);
  for (const issue of issues) {
    report(state, 'error', issue.code, issue.message, {
      repo: visit.repo.name,
      file: visit.path,
      position: findPosition(positions, issue.path, issue.onKey) ?? pending.root,
      entity: ref,
      hint: issue.hint,
    });
  }
  if (issues.length === 0 && !ref) {
    report(state, 'error', 'schema', 'Entity needs a string kind and metadata.name', {
      repo: visit.repo.name,
      file: visit.path,
      position: pending.root,
    });
  }
  if (issues.length > 0 || !ref) return;
  const entity = value as unknown as Entity;
  applyAnnotations(entity, locationAnnotations({ repo: visit.repo, file: visit.path }, visit.origin));
  state.found.push({
    entity: {
      ref,
      entity,
      source: { repo: visit.repo.name, file: visit.path, line: pending.root.line, column: pending.root.column, positions },
    },
    index: pending.index,
  });
  if (entity.kind === 'Location') followLocation(state, visit, entity, positions, ref);
}

/** Canonical ref when kind and name are strings (namespace defaulted), else undefined. */
function refOf(value: Record<string, unknown>): string | undefined {
  const meta = value.metadata as Record<string, unknown> | undefined;
  const kind = value.kind;
  const name = meta && typeof meta === 'object' ? meta.name : undefined;
  const namespace = meta && typeof meta === 'object' ? meta.namespace : undefined;
  if (typeof kind !== 'string' || typeof name !== 'string' || !kind || !name) return undefined;
  return stringifyEntityRef({ kind, name, namespace: typeof namespace === 'string' ? namespace : DEFAULT_NAMESPACE });
}
