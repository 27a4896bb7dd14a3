// The graph stage: spec ref fields → relations in both directions, plus dangling and invalid refs.

export { resolveRelations, type Graph } from './resolveRelations.ts';
export { relationFields, RELATION_PAIRS, TEMPLATE_API_VERSION, type RelationField, type RelationPair } from '../model/relations.ts';
