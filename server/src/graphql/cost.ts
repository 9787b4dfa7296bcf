import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  getNamedType,
  getOperationAST,
  isCompositeType,
  type GraphQLSchema,
  type ValueNode,
  visit,
} from "graphql";
import { getVariableValues } from "graphql/execution/values";
import {
  fieldExtensionsEstimator,
  getComplexity,
  type ComplexityEstimator,
} from "graphql-query-complexity";
import { retryStatusOf } from "../http/retry-refusal";
import { DEFAULT_PAGE_SIZE } from "../common/pagination";
import { AppError, invalidField } from "../common/app-error";
import type { GraphQLContext } from "./context";
import { rootFields } from "./limits.validation";

/** RL-7: the most one operation may cost. */
export const MAX_OPERATION_COST = 1000;
export const MUTATION_COST = 10;

/**
 * A page charged by the rows it returns (the readings feed), declared on its field with
 * `@Extensions({ rowCost })`: the page itself costs ROW_PAGE_COST, and 1 for every `rowsPerPoint`
 * rows it returns, started (plus what a row selects, counted once a page). `first` and the other arguments are checked before
 * anything is charged (VALIDATION_FAILED); up front the page counts `first` rows, so a budget
 * that cannot pay them refuses it before it runs, and the rows it did not return are given back
 * once the resolver has told them (`chargeRows`).
 */
export interface RowCost {
  maxFirst: number;
  defaultFirst: number;
  /** Rows a point pays for: 10 makes a 500-row page cost 51. */
  rowsPerPoint: number;
  /** Throws an AppError for an argument the resolver would refuse (a cursor's format). */
  checkArgs?: (args: Record<string, unknown>) => void;
}
export const ROW_PAGE_COST = 1;

/** Rows counted for pages charged by their rows: as many as asked (up front), or none. */
export type RowCount = "asked" | "none";

function rowPageCost(
  rowCost: RowCost,
  args: Record<string, unknown>,
  childComplexity: number,
  rows: RowCount,
): number {
  const first = args.first ?? rowCost.defaultFirst;
  if (
    typeof first !== "number" ||
    !Number.isInteger(first) ||
    first < 1 ||
    first > rowCost.maxFirst
  ) {
    throw invalidField("first", `first must be from 1 to ${rowCost.maxFirst}.`);
  }
  rowCost.checkArgs?.(args);
  return ROW_PAGE_COST + (rows === "asked" ? rowPoints(rowCost, first) : 0) + childComplexity;
}

const rowPoints = (rowCost: RowCost, rows: number) => Math.ceil(rows / rowCost.rowsPerPoint);

/** Points of the rows the pages of a request returned, told by their resolvers (API budget). */
const rowsReturned = new WeakMap<object, number>();

/** A resolver of a page charged by its rows tells how many it returned. */
export function chargeRows(context: GraphQLContext, rows: number, rowCost: RowCost): void {
  rowsReturned.set(context, (rowsReturned.get(context) ?? 0) + rowPoints(rowCost, rows));
}

export const rowsReturnedIn = (context: GraphQLContext): number => rowsReturned.get(context) ?? 0;

/**
 * RL-7's price list: a scalar 0, an object 1 (plus what is selected in it), a connection its
 * page size (`first`) times an item, a mutation 10. A connection's `edges`, `node` and `pageInfo`
 * are its own structure, not extra objects: an item (edge + node) costs 1 plus the objects
 * selected inside the node. A field's own `complexity` (type-graphql's option) wins over this.
 */
export function costEstimator(
  schema: GraphQLSchema,
  rows: RowCount = "asked",
): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, args, childComplexity }) => {
    const rowCost = field.extensions?.rowCost as RowCost | undefined;
    if (rowCost) return rowPageCost(rowCost, args, childComplexity, rows);
    if (mutationType && type === mutationType) return MUTATION_COST + childComplexity;
    if (!isCompositeType(getNamedType(field.type))) return childComplexity;
    if (/(Connection|Edge)$/.test(type.name)) return childComplexity;
    const hasFirst = field.args.some((arg) => arg.name === "first");
    const first = typeof args.first === "number" ? args.first : DEFAULT_PAGE_SIZE;
    return hasFirst ? Math.max(first, 1) * (1 + childComplexity) : 1 + childComplexity;
  };
}

/**
 * The only arguments the price list reads (`costEstimator`, the fields' own `complexity` and
 * `RowCost.checkArgs`): a cost is known again for the same document, operation and values of
 * the variables given to these arguments or to directives (`@include(if:)`). An estimator that
 * reads another argument must add it here.
 */
const COST_ARGUMENTS = new Set(["first", "after"]);

/** The variables a document's cost can depend on (see COST_ARGUMENTS). */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (value: ValueNode) =>
    visit(value, { Variable: (node) => void names.add(node.name.value) });
  visit(document, {
    Field: (node) =>
      node.arguments?.forEach((a) => COST_ARGUMENTS.has(a.name.value) && collect(a.value)),
    Directive: (node) => node.arguments?.forEach((a) => collect(a.value)),
  });
  return [...names].sort();
}

/**
 * Costs worked out before, per parsed document (Apollo keeps one per query text, so the same
 * screen asked again is one lookup) and per operation name and cost variables, a few dozen each.
 */
const knownCosts = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; variables: string[]; costs: Map<string, number> }
>();
const KNOWN_COSTS_PER_DOCUMENT = 64;

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  rows: RowCount = "asked",
): number {
  let known = knownCosts.get(document);
  if (known?.schema !== schema) {
    known = { schema, variables: costVariables(document), costs: new Map() };
    knownCosts.set(document, known);
  }
  const key = JSON.stringify([
    operationName ?? null,
    rows,
    ...known.variables.map((name) => variables?.[name] ?? null),
  ]);
  const knownCost = known.costs.get(key);
  // A known cost still needs variables that coerce, as getComplexity would check them.
  if (knownCost !== undefined && variablesCoerce(schema, document, variables, operationName)) {
    return knownCost;
  }
  const cost = getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), costEstimator(schema, rows)],
  });
  if (known.costs.size >= KNOWN_COSTS_PER_DOCUMENT) known.costs.clear();
  known.costs.set(key, cost);
  return cost;
}

function variablesCoerce(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return !coerced.errors;
}

/**
 * The cost of an operation, or null when its variables do not coerce (execution refuses them
 * without running anything). An argument refused by a page's RowCost is thrown as its
 * VALIDATION_FAILED, with the status a resolver's refusal has (a plugin's would be 500).
 */
export function checkedOperationCost(...args: Parameters<typeof operationCost>): number | null {
  try {
    return operationCost(...args);
  } catch (error) {
    if (!(error instanceof AppError)) return null;
    throw new AppError(error.code, {
      message: error.message,
      extensions: { ...error.extensions, http: { status: 200 } },
    });
  }
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
 * Whether every root field of the operation has a limit of its own, declared with
 * `@Extensions({ ownLimit: true })` (issueApiToken: per API client); such an operation is not
 * charged to the caller's cost budget, so clients behind one address do not share it.
 */
function hasOwnLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  const root = schema.getRootType(operation.operation);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields = rootFields(operation.selectionSet, fragments);
  return (
    fields.length > 0 &&
    fields.every(({ name }) => root?.getFields()[name]?.extensions?.ownLimit === true)
  );
}

/**
 * Refuses an operation over MAX_OPERATION_COST before it runs, then charges its cost to the
 * caller's per-minute budget (the user, or the address when anonymous; integrators have theirs).
 */
export function costPlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          const cost = checkedOperationCost(
            schema,
            document,
            request.variables,
            request.operationName,
          );
          if (cost === null) return;
          if (cost > MAX_OPERATION_COST) {
            throw new GraphQLError(
              `The operation costs ${cost}; at most ${MAX_OPERATION_COST} is allowed.`,
              { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } },
            );
          }
          const { viewer, integrator, meta, services } = contextValue;
          // An integrator's API client pays from its own bucket (integrators/client-budget.ts).
          if (integrator || (operation && hasOwnLimit(schema, document, operation))) return;
          const caller = viewer ? `user:${viewer.user.id}` : `ip:${meta.ip ?? "unknown"}`;
          await services.limits.requests.chargeCost(caller, cost).catch(answerAsRefusal);
        },
      };
    },
  };
}
