import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import {
  checkedOperationCost,
  type GraphQLContext,
  MAX_OPERATION_COST,
  rowsReturnedIn,
} from "../graphql";
import type { LimiterStore } from "../rate-limit/limiter-store";
import { AppError } from "../common/app-error";

/** SECURITY RL-7: per API client, a 1,000-point bucket refilled at 50 points a second. */
export const CLIENT_BUDGET_POINTS = 1000;
export const CLIENT_BUDGET_REFILL_PER_SECOND = 50;

/** What `extensions.cost` of an integrator's response says. */
export interface CostReport {
  /** What the operation was charged: its cost (RL-7), feed pages by the rows they returned. */
  requested: number;
  /** Points left after it. */
  remaining: number;
  /** When the bucket is full again. */
  resetAt: string;
}

/**
 * Token buckets of the API clients, kept in the shared limiter store (issue 17 item 4), so that
 * N replicas hold one bucket per client between them. If the store fails, a bucket in this
 * process's memory takes over (the policy of the generic budgets, rate-limit/request-limits.ts);
 * without a store (unit tests) that memory bucket is the only one.
 */
export class ClientBudgets {
  private readonly buckets = new Map<number, { points: number; at: number }>();

  constructor(
    private readonly store: LimiterStore | null = null,
    private readonly log?: Logger,
    readonly capacity = CLIENT_BUDGET_POINTS,
    readonly refillPerSecond = CLIENT_BUDGET_REFILL_PER_SECOND,
  ) {}

  /**
   * Takes `cost` points from the client's bucket, or none if it cannot pay: then ok is false. A
   * negative cost gives points back (never beyond a full bucket).
   */
  async take(
    clientId: number,
    cost: number,
    now: Date,
  ): Promise<{ ok: boolean; report: CostReport }> {
    const at = now.getTime();
    if (this.store) {
      const store = this.store;
      try {
        const { ok, fullAt } = await store.run(() =>
          store.takeFromBucket(`apiclient:${clientId}`, cost, at, this),
        );
        const emptyMs = Math.max(0, fullAt - at);
        // Multiplied first: 18,260 ms at 50/s is 913 points, not 913.0000000000001.
        const points = Math.max(0, this.capacity - (emptyMs * this.refillPerSecond) / 1000);
        return { ok, report: this.report(cost, points, at) };
      } catch (err) {
        this.log?.warn(
          { err: (err as Error)?.message, clientId },
          "limiter store failed; API client budget in memory",
        );
      }
    }
    return this.takeInMemory(clientId, cost, at);
  }

  private takeInMemory(clientId: number, cost: number, at: number) {
    const stored = this.buckets.get(clientId) ?? { points: this.capacity, at };
    const refilled = Math.min(
      this.capacity,
      stored.points + (Math.max(0, at - stored.at) / 1000) * this.refillPerSecond,
    );
    const ok = cost <= refilled;
    const points = ok ? Math.min(this.capacity, refilled - cost) : refilled;
    this.buckets.set(clientId, { points, at });
    return { ok, report: this.report(cost, points, at) };
  }

  private report(cost: number, points: number, at: number): CostReport {
    const fullInMs = ((this.capacity - points) / this.refillPerSecond) * 1000;
    return {
      requested: cost,
      remaining: Math.floor(points),
      resetAt: new Date(at + Math.ceil(fullInMs)).toISOString(),
    };
  }
}

/**
 * Charges each integrator operation's cost to its client's budget before it runs (over budget:
 * RATE_LIMITED, nothing runs) and reports `extensions.cost` in every integrator response. A page
 * charged by its rows (graphql/cost.ts, RowCost) is paid up front for `first` rows; the rows it
 * did not return are given back before the response leaves, and `extensions.cost` says what was
 * kept. An argument a page would refuse is VALIDATION_FAILED before anything is charged.
 */
export function clientBudgetPlugin(
  schema: GraphQLSchema,
  budgets: ClientBudgets,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      let taken = 0;
      let least = 0;
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const client = contextValue.integrator;
          if (!client) return;
          const cost = checkedOperationCost(
            schema,
            document,
            request.variables,
            request.operationName,
          );
          // Variables that do not coerce: execution refuses them. Over the maximum: the cost
          // plugin refuses it (both run at once), and nothing may be charged for it.
          if (cost === null || cost > MAX_OPERATION_COST) return;
          const now = contextValue.services.clock.now();
          const take = await budgets.take(client.id, cost, now);
          report = take.report;
          if (!take.ok) {
            const retryAfterSeconds = Math.ceil(
              (cost - take.report.remaining) / budgets.refillPerSecond,
            );
            throw new AppError("RATE_LIMITED", {
              message: "The API client's budget cannot pay for this operation now.",
              extensions: { retryAfterSeconds, cost: report, http: { status: 429 } },
            });
          }
          taken = cost;
          least = checkedOperationCost(
            schema,
            document,
            request.variables,
            request.operationName,
            "none",
          )!;
        },
        async willSendResponse({ response, contextValue }) {
          const client = contextValue.integrator;
          const kept = Math.min(taken, least + rowsReturnedIn(contextValue));
          if (client && kept < taken) {
            const refund = await budgets.take(
              client.id,
              kept - taken,
              contextValue.services.clock.now(),
            );
            report = { ...refund.report, requested: kept };
          }
          if (!report || response.body.kind !== "single") return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, cost: report };
        },
      };
    },
  };
}
