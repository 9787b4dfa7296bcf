import { performance } from "node:perf_hooks";
import type { DataSource } from "typeorm";
import { refusedByQueueTime } from "./queue-budget.rules";

/** GQL-5's deadline is 10 s; a request may wait for a connection several times within it. */
export const DEFAULT_QUEUE_BUDGET_MS = 1000;

/** Refused because the pool's queue is not draining in time: retry later (503). */
export class QueueBudgetExceededError extends Error {
  constructor(oldestWaitMs: number, budgetMs: number) {
    super(
      `Queue time budget exceeded: a request has waited ${Math.round(oldestWaitMs)} ms ` +
        `for a database connection (budget ${budgetMs} ms)`,
    );
    this.name = "QueueBudgetExceededError";
  }
}

type ConnectionCallback = (error: Error | null, connection?: object) => void;

/** The part of mysql2's callback pool (what TypeORM's MySQL driver holds) that is guarded. */
export interface CallbackPool {
  getConnection(callback: ConnectionCallback): void;
}

export interface QueueGuard {
  budgetMs: number;
  /** How long the request waiting longest for a connection has waited (ms); 0 if none waits. */
  oldestWaitMs(): number;
  /** Whether a new request should be refused now (the HTTP layer asks before any work). */
  refusesNewRequests(): boolean;
}

const guards = new WeakMap<DataSource, QueueGuard>();

/** The guard on this data source's pool, if it has one (MySQL). */
export const queueGuardOf = (dataSource: DataSource): QueueGuard | undefined =>
  guards.get(dataSource);

/**
 * Issue 17 item 5: the pool's queue is bounded by time, not length (queue-budget.rules.ts). A
 * statement asking for a connection once the oldest waiter has waited twice the budget is
 * refused at once; new requests are refused at the HTTP layer from one budget on.
 */
export function guardQueueTime(
  dataSource: DataSource,
  pool: CallbackPool,
  budgetMs: number,
  now: () => number = () => performance.now(),
): QueueGuard {
  // Insertion-ordered: the first is the one waiting longest.
  const waiting = new Set<number>();
  let sequence = 0;
  const since = new Map<number, number>();
  const oldestWaitMs = () => {
    const first = waiting.values().next();
    return first.done ? 0 : now() - since.get(first.value)!;
  };

  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    const waited = oldestWaitMs();
    if (refusedByQueueTime(waited, budgetMs, "admitted request")) {
      const error = new QueueBudgetExceededError(waited, budgetMs);
      process.nextTick(() => callback(error));
      return;
    }
    const id = sequence++;
    waiting.add(id);
    since.set(id, now());
    getConnection((error, connection) => {
      waiting.delete(id);
      since.delete(id);
      callback(error, connection);
    });
  };

  const guard: QueueGuard = {
    budgetMs,
    oldestWaitMs,
    refusesNewRequests: () => refusedByQueueTime(oldestWaitMs(), budgetMs, "new request"),
  };
  guards.set(dataSource, guard);
  return guard;
}
