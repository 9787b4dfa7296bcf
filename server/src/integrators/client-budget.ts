import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { GraphQLContext } from "../graphql/context";
import { operationCost } from "../graphql/cost";
import { AppError } from "../shared/errors";

/** SECURITY RL-7: per API client, a 1,000-point bucket refilled at 50 points a second. */
export const CLIENT_BUDGET_POINTS = 1000;
export const CLIENT_BUDGET_REFILL_PER_SECOND = 50;

/** What `extensions.cost` of an integrator's response says. */
export interface CostReport {
  /** The operation's cost (RL-7 price list, graphql/cost.ts). */
  requested: number;
  /** Points left after it. */
  remaining: number;
  /** When the bucket is full again. */
  resetAt: string;
}

/**
 * Token buckets of the API clients, kept in this process's memory: they start full after a
 * restart, and several server instances would each keep their own (acceptable for this limit;
 * the per-user and per-address limits of rate-limit/ are shared through the database).
 */
export class ClientBudgets {
  private readonly buckets = new Map<number, { points: number; at: number }>();

  constructor(
    readonly capacity = CLIENT_BUDGET_POINTS,
    readonly refillPerSecond = CLIENT_BUDGET_REFILL_PER_SECOND,
  ) {}

  /** Takes `cost` points from the client's bucket, or none if it cannot pay: then ok is false. */
  take(clientId: number, cost: number, now: Date): { ok: boolean; report: CostReport } {
    const at = now.getTime();
    const stored = this.buckets.get(clientId) ?? { points: this.capacity, at };
    const refilled = Math.min(
      this.capacity,
      stored.points + (Math.max(0, at - stored.at) / 1000) * this.refillPerSecond,
    );
    const ok = cost <= refilled;
    const points = ok ? refilled - cost : refilled;
    this.buckets.set(clientId, { points, at });
    const fullInMs = ((this.capacity - points) / this.refillPerSecond) * 1000;
    return {
      ok,
      report: {
        requested: cost,
        remaining: Math.floor(points),
        resetAt: new Date(at + Math.ceil(fullInMs)).toISOString(),
      },
    };
  }
}

/**
 * Charges each integrator operation's cost to its client's budget before it runs (over budget:
 * RATE_LIMITED, nothing runs) and reports `extensions.cost` in every integrator response.
 */
export function clientBudgetPlugin(
  schema: GraphQLSchema,
  budgets = new ClientBudgets(),
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const client = contextValue.integrator;
          if (!client) return;
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables, request.operationName);
          } catch {
            return; // variables that do not coerce: execution refuses them, nothing runs
          }
          const taken = budgets.take(client.id, cost, contextValue.services.clock.now());
          report = taken.report;
          if (!taken.ok) {
            const retryAfterSeconds = Math.ceil(
              (cost - taken.report.remaining) / budgets.refillPerSecond,
            );
            throw new AppError("RATE_LIMITED", {
              message: "The API client's budget cannot pay for this operation now.",
              extensions: { retryAfterSeconds, cost: report, http: { status: 429 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== "single") return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, cost: report };
        },
      };
    },
  };
}
