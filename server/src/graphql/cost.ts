import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  GraphQLError,
  getNamedType,
  isCompositeType,
  type GraphQLSchema,
} from "graphql";
import {
  fieldExtensionsEstimator,
  getComplexity,
  type ComplexityEstimator,
} from "graphql-query-complexity";
import { retryStatusOf } from "../http/retry-refusal";
import { DEFAULT_PAGE_SIZE } from "../common/pagination";
import type { GraphQLContext } from "./context";

/** RL-7: the most one operation may cost. */
export const MAX_OPERATION_COST = 1000;
export const MUTATION_COST = 10;

/**
 * RL-7's price list: a scalar 0, an object 1 (plus what is selected in it), a connection its
 * page size (`first`) times an item, a mutation 10. A connection's `edges`, `node` and `pageInfo`
 * are its own structure, not extra objects: an item (edge + node) costs 1 plus the objects
 * selected inside the node. A field's own `complexity` (type-graphql's option) wins over this.
 */
export function costEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, args, childComplexity }) => {
    if (mutationType && type === mutationType) return MUTATION_COST + childComplexity;
    if (!isCompositeType(getNamedType(field.type))) return childComplexity;
    if (/(Connection|Edge)$/.test(type.name)) return childComplexity;
    const hasFirst = field.args.some((arg) => arg.name === "first");
    const first = typeof args.first === "number" ? args.first : DEFAULT_PAGE_SIZE;
    return hasFirst ? Math.max(first, 1) * (1 + childComplexity) : 1 + childComplexity;
  };
}

/**
 * Costs worked out before, per parsed document (Apollo keeps one per query text, so the same
 * screen asked again is one lookup) and per operation name and variables, a few dozen each.
 */
const knownCosts = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; costs: Map<string, number> }
>();
const KNOWN_COSTS_PER_DOCUMENT = 64;

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  const key = JSON.stringify([operationName ?? null, variables ?? null]);
  let known = knownCosts.get(document);
  const knownCost = known?.schema === schema ? known.costs.get(key) : undefined;
  if (knownCost !== undefined) return knownCost;
  const cost = getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), costEstimator(schema)],
  });
  if (known?.schema !== schema) knownCosts.set(document, (known = { schema, costs: new Map() }));
  if (known.costs.size >= KNOWN_COSTS_PER_DOCUMENT) known.costs.clear();
  known.costs.set(key, cost);
  return cost;
}

/**
 * A refusal thrown here would be answered 500 by Apollo; RATE_LIMITED (or SERVICE_UNAVAILABLE
 * when the limiter's store failed) answers 429 (503) with `Retry-After`, like any layer's.
 */
function answerAsRefusal(error: unknown): never {
  if (error instanceof GraphQLError) {
    const status = retryStatusOf([error])?.status ?? 200;
    throw new GraphQLError(error.message, {
      extensions: { ...error.extensions, http: { status } },
    });
  }
  throw error;
}

/**
 * Refuses an operation over MAX_OPERATION_COST before it runs, then charges its cost to the
 * caller's per-minute budget (the user, or the address when anonymous; integrators have theirs).
 */
export function costPlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables, request.operationName);
          } catch {
            // Variables that do not coerce: execution refuses them without running anything.
            return;
          }
          if (cost > MAX_OPERATION_COST) {
            throw new GraphQLError(
              `The operation costs ${cost}; at most ${MAX_OPERATION_COST} is allowed.`,
              { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } },
            );
          }
          const { viewer, integrator, meta, services } = contextValue;
          // An integrator's API client pays from its own bucket (integrators/client-budget.ts).
          if (integrator) return;
          const caller = viewer ? `user:${viewer.user.id}` : `ip:${meta.ip ?? "unknown"}`;
          await services.limits.requests.chargeCost(caller, cost).catch(answerAsRefusal);
        },
      };
    },
  };
}
