// GitHub's GraphQL rate-limit cost and its pagination rules, computed from a query's AST.
// Cost: every connection costs as many requests as its parents' page sizes multiply to; the sum
// divided by 100, rounded, at least 1. Nodes: the same products times the page size, at most 500,000.

import {
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MAX_NODES = 500_000;
export const MAX_PAGE = 100;

export interface CostError {
  type: 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION' | 'MAX_NODE_LIMIT_EXCEEDED';
  message: string;
}

export interface QueryCost {
  cost: number;
  nodes: number;
  errors: CostError[];
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName)) operation ??= def;
  }
  const errors: CostError[] = [];
  let requests = 0;
  let nodes = 0;
  const root = operation?.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();

  function visit(set: SelectionSetNode, type: GraphQLNamedType | null | undefined, multiplier: number, seen: Set<string>): void {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type, multiplier, seen);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        visit(frag.selectionSet, schema.getType(frag.typeCondition.name.value), multiplier, new Set([...seen, frag.name.value]));
      } else if (type && (isObjectType(type) || isInterfaceType(type))) {
        const field = type.getFields()[sel.name.value];
        if (!field) continue;
        const returns = getNamedType(field.type);
        let childMultiplier = multiplier;
        if (isObjectType(returns) && returns.name.endsWith('Connection')) {
          const args = Object.fromEntries((sel.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
          const size = Number(args.first ?? args.last);
          if (!Number.isFinite(size)) {
            errors.push({
              type: 'MISSING_PAGINATION_BOUNDARIES',
              message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${sel.name.value}\` connection.`,
            });
            continue;
          }
          if (size > MAX_PAGE) {
            const which = args.first !== undefined ? 'first' : 'last';
            errors.push({
              type: 'EXCESSIVE_PAGINATION',
              message: `Requesting ${size} records on the \`${sel.name.value}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
            });
            continue;
          }
          requests += multiplier;
          nodes += multiplier * size;
          childMultiplier = multiplier * size;
          if (nodes > MAX_NODES) {
            errors.push({
              type: 'MAX_NODE_LIMIT_EXCEEDED',
              message: `By the time this query traverses to the ${sel.name.value} connection, it is requesting up to ${nodes} possible nodes which exceeds the maximum limit of ${MAX_NODES}.`,
            });
            return;
          }
        }
        if (sel.selectionSet) visit(sel.selectionSet, returns, childMultiplier, seen);
      }
    }
  }

  if (operation) visit(operation.selectionSet, root, 1, new Set());
  return { cost: Math.max(1, Math.round(requests / 100)), nodes, errors };
}
