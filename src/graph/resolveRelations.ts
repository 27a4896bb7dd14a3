// Turns the spec ref fields of every entity into relations in both directions, as Backstage's stitching shows them.

import type { CatalogEntity, SourcePosition } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { DEFAULT_NAMESPACE, type EntityRelation } from '../model/entity.ts';
import { parseEntityRef, stringifyEntityRef, type CompoundEntityRef } from '../model/entityRef.ts';
import { relationFields, type RelationField } from '../model/relations.ts';
import { createHash } from 'node:crypto';
import { RefIndex, SUGGEST_BUDGET, type KeptSuggestions, type RefCandidate, type SuggestBudget } from './suggest.ts';

export interface Graph {
  /** Same order as input; each entity gets `relations` (sorted by type then targetRef, de-duplicated). Input is not mutated. */
  entities: CatalogEntity[];
  /** Refs of targets that do not exist, with the entities pointing at them. */
  dangling: Array<{ from: string; type: string; targetRef: string }>;
  diagnostics: Diagnostic[];
  /** This build's "did you mean" answers, for the next one (with `suggestions`). */
  suggestions?: KeptSuggestions;
}

interface RefValue {
  value: string;
  field: string;
  /** Its place in a list; absent for a single value. Where it is written is worked out only for a diagnostic. */
  index?: number;
}

/** JSON pointer of the YAML node, e.g. `/spec/dependsOn/0`. */
function pointerOf(ref: RefValue): string {
  return ref.index === undefined ? `/spec/${ref.field}` : `/spec/${ref.field}/${ref.index}`;
}

/** How messages name the field, e.g. `spec.dependsOn[0]`. */
function labelOf(ref: RefValue): string {
  return ref.index === undefined ? `spec.${ref.field}` : `spec.${ref.field}[${ref.index}]`;
}

/**
 * Relations of an entity = its own forward relations + the reverse relations others' fields point at it.
 * Relations to missing entities stay on the source (Backstage keeps them) and are reported as warnings;
 * unparsable refs are errors and produce no relation.
 */
export function resolveRelations(entities: CatalogEntity[], options: { suggestBudget?: number; suggestions?: { last?: KeptSuggestions } } = {}): Graph {
  const indexByRef = new Map<string, number>();
  entities.forEach((e, i) => {
    if (!indexByRef.has(e.ref)) indexByRef.set(e.ref, i);
  });
  // Each entity's relations as added, doubles included: sorted and de-duplicated once at the end (a Map per
  // entity keyed by type and target cost ~0.1 s more at 10,000 entities: CPU profile of a rebuild).
  const relations: Array<EntityRelation[] | undefined> = new Array(entities.length);
  const dangling: Graph['dangling'] = [];
  const danglingSeen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const { suggest, kept } = suggester(entities, { left: options.suggestBudget ?? SUGGEST_BUDGET }, options.suggestions);

  entities.forEach((source, i) => {
    const { entity } = source;
    const spec = entity.spec;
    if (!spec || typeof spec !== 'object') return;
    const namespace = entity.metadata?.namespace || DEFAULT_NAMESPACE;
    for (const field of relationFields(entity.kind, entity.apiVersion)) {
      for (const ref of refValues(spec[field.field], field.field)) {
        let target: CompoundEntityRef;
        try {
          target = parseEntityRef(ref.value, { defaultKind: field.defaultKind, defaultNamespace: namespace });
        } catch (error) {
          diagnostics.push(invalidRef(source, ref, field, namespace, error, indexByRef));
          continue;
        }
        const targetRef = stringifyEntityRef(target);
        addRelation(relations, i, field.type, targetRef);
        const targetIndex = indexByRef.get(targetRef);
        if (targetIndex !== undefined) {
          addRelation(relations, targetIndex, field.reverse, source.ref);
          continue;
        }
        const key = `${source.ref}\n${field.type}\n${targetRef}`;
        if (!danglingSeen.has(key)) {
          danglingSeen.add(key);
          dangling.push({ from: source.ref, type: field.type, targetRef });
        }
        diagnostics.push(danglingRef(source, ref, target, targetRef, namespace, suggest(target, targetRef)));
      }
    }
  });

  return {
    entities: entities.map((e, i) => ({ ...e, entity: { ...e.entity, relations: sortRelations(relations[i]) } })),
    dangling,
    diagnostics,
    ...(kept ? { suggestions: kept() } : {}),
  };
}

/** String refs of a field: a single string or the strings of a list; anything else is the validator's to report. */
function refValues(value: unknown, field: string): RefValue[] {
  // An empty single value is "not set" in Backstage (`if (!targets) return`); an empty list item is an error.
  if (typeof value === 'string') return value ? [{ value, field }] : [];
  if (!Array.isArray(value)) return [];
  const out: RefValue[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') out.push({ value: item, field, index });
  });
  return out;
}

function addRelation(relations: Array<EntityRelation[] | undefined>, at: number, type: string, targetRef: string): void {
  const list = relations[at];
  if (list) list.push({ type, targetRef });
  else relations[at] = [{ type, targetRef }];
}

/** Sorted by type, then target; each pair once. */
function sortRelations(relations: EntityRelation[] | undefined): EntityRelation[] {
  if (!relations) return [];
  relations.sort((a, b) => compare(a.type, b.type) || compare(a.targetRef, b.targetRef));
  let kept = 0;
  for (const r of relations) {
    const last = kept > 0 ? relations[kept - 1]! : undefined;
    if (last && last.type === r.type && last.targetRef === r.targetRef) continue;
    relations[kept++] = r;
  }
  relations.length = kept;
  return relations;
}

// Code-point order, so output does not depend on the machine's locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positionOf(source: CatalogEntity, pointer: string): SourcePosition {
  return source.source.positions[pointer] ?? { line: source.source.line, column: source.source.column };
}

function diagnosticAt(source: CatalogEntity, pointer: string): Pick<Diagnostic, 'repo' | 'file' | 'line' | 'column' | 'entity'> {
  const { line, column } = positionOf(source, pointer);
  return { repo: source.source.repo, file: source.source.file, line, column, entity: source.ref };
}

function invalidRef(
  source: CatalogEntity,
  ref: RefValue,
  field: RelationField,
  namespace: string,
  error: unknown,
  indexByRef: Map<string, number>,
): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  let hint = `write it as [<kind>:][<namespace>/]<name>, e.g. "${(field.defaultKind ?? 'component').toLowerCase()}:my-name"`;
  if (!field.defaultKind && message.includes('missing or empty kind')) {
    // Name the kind when exactly one of the usual targets exists under that name.
    const existing = ['component', 'resource'].filter((kind) => {
      const parts = parseEntityRef(ref.value, { defaultKind: kind, defaultNamespace: namespace });
      return indexByRef.has(stringifyEntityRef(parts));
    });
    const kinds = existing.length === 1 ? existing : ['component', 'resource'];
    hint = `write the kind: ${kinds.map((kind) => `"${kind}:${ref.value}"`).join(' or ')}`;
  }
  return { severity: 'error', code: 'invalid-ref', message, hint, ...diagnosticAt(source, pointerOf(ref)) };
}

function danglingRef(
  source: CatalogEntity,
  ref: RefValue,
  target: CompoundEntityRef,
  targetRef: string,
  namespace: string,
  suggestion: string | undefined,
): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: 'warning',
    code: 'dangling-ref',
    message: `${labelOf(ref)} refers to ${targetRef}, which is not in the catalog`,
    ...diagnosticAt(source, pointerOf(ref)),
  };
  if (suggestion) {
    // In the ref grammar a namespace is written exactly when there is a `/`.
    const suggestedNamespace = suggestion.slice(suggestion.indexOf(':') + 1, suggestion.indexOf('/'));
    const inherited = !ref.value.includes('/') && suggestedNamespace !== target.namespace.toLowerCase();
    diagnostic.hint =
      `did you mean ${suggestion}?` +
      (inherited ? ` A ref without a namespace uses this entity's namespace (${namespace}).` : '');
  }
  return diagnostic;
}

/**
 * Closest existing ref of the same kind, computed once per missing target, from an index per kind. With `keep`,
 * the answers are kept for the next build; answers it kept for these candidates replay without the index (the
 * budget spent as the index would spend it, so the answers are the same).
 */
function suggester(
  entities: CatalogEntity[],
  budget: SuggestBudget,
  keep?: { last?: KeptSuggestions },
): { suggest: (target: CompoundEntityRef, targetRef: string) => string | undefined; kept?: () => KeptSuggestions } {
  // Candidates by kind, listed on the first miss; a kind's index (a map of every name's deletions, the costly
  // part) is built only when a miss of that kind needs it: a dangling Resource need not index the Users.
  let lists: Map<string, RefCandidate[]> | undefined;
  const byKind = new Map<string, RefIndex | undefined>();
  const cache = new Map<string, string | undefined>();
  const candidates = keep ? candidatesHash(entities) : '';
  const last = keep?.last?.candidates === candidates ? keep.last.answers : undefined;
  const answers: KeptSuggestions['answers'] = {};
  const index = (target: CompoundEntityRef) => {
    if (!lists) {
      lists = new Map();
      for (const e of entities) {
        const kind = e.entity.kind.toLowerCase();
        const list = lists.get(kind) ?? [];
        if (list.length === 0) lists.set(kind, list);
        list.push({
          namespace: (e.entity.metadata?.namespace || DEFAULT_NAMESPACE).toLowerCase(),
          name: e.entity.metadata?.name?.toLowerCase() ?? '',
          ref: e.ref,
        });
      }
    }
    const kind = target.kind.toLowerCase();
    if (!byKind.has(kind)) {
      const list = lists.get(kind);
      byKind.set(kind, list ? new RefIndex(list) : undefined);
    }
    return byKind.get(kind);
  };
  const suggest = (target: CompoundEntityRef, targetRef: string) => {
    if (cache.has(targetRef)) return cache.get(targetRef);
    let found: string | undefined;
    const was = last?.[targetRef];
    // Replayed when the scan it needed is within the budget left (or none was needed, or it is not now either).
    if (was && (was.cost === 0 || was.cost > budget.left || was.far !== undefined)) {
      if (was.cost > 0 && was.cost <= budget.left) {
        budget.left -= was.cost;
        found = was.far ?? undefined;
      } else {
        found = was.near ?? undefined;
      }
      answers[targetRef] = was;
    } else {
      const answer = index(target)?.answer(target, budget) ?? { near: undefined, cost: 0 };
      found = answer.cost > 0 && answer.far ? answer.far.ref : answer.near;
      answers[targetRef] = { near: answer.near ?? null, cost: answer.cost, ...(answer.far ? { far: answer.far.ref ?? null } : {}) };
    }
    cache.set(targetRef, found);
    return found;
  };
  return { suggest, ...(keep ? { kept: () => ({ candidates, answers }) } : {}) };
}

/** Every entity's kind, namespace, name and ref, in order: what the suggestions are chosen from. */
function candidatesHash(entities: readonly CatalogEntity[]): string {
  const h = createHash('sha1');
  for (const e of entities) h.update(`${e.entity.kind}\0${e.entity.metadata?.namespace ?? ''}\0${e.entity.metadata?.name ?? ''}\0${e.ref}\n`);
  return h.digest('base64url');
}
