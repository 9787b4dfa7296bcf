import type { RateLimiterAbstract, RateLimiterSQLite } from "rate-limiter-flexible";

/** The table of migration 1764300000000 (columns as rate-limiter-flexible expects them). */
export const RATE_LIMIT_TABLE = "rate_limits";

/** rate-limiter-flexible's options for a limiter in the table, but for its connection. */
export type TableLimiterOptions = Omit<
  ConstructorParameters<typeof RateLimiterSQLite>[0],
  "storeClient" | "storeType" | "dbName"
>;

/** A token bucket's shape: `capacity` points, refilled at `refillPerSecond`. */
export interface BucketShape {
  capacity: number;
  refillPerSecond: number;
}

/** After a take: whether it was paid, and when (epoch ms) the bucket is full again. */
export interface BucketTake {
  ok: boolean;
  fullAt: number;
}

/** Points to add to a caller's fixed window, and when a window started now would end. */
export interface WindowCharge {
  key: string;
  cost: number;
  end: number;
}

/** A fixed window's counter after charges: its points so far and when (epoch ms) it ends. */
export interface WindowCount {
  points: number;
  expire: number;
}

/** The limiters' rows in the database, shared by every replica. Each method throws if it fails. */
export interface LimiterTable {
  limiter(options: TableLimiterOptions): RateLimiterAbstract;
  /**
   * Takes `cost` points from a token bucket, atomically across replicas, or none if it cannot
   * pay. The row keeps one number, `expire`: the moment the bucket is full again (GCRA); a
   * missing or expired row is a full bucket, so the sweep may delete it. At `at` the bucket holds
   * `capacity − (expire − at) × refill` points. `points` keeps the last answer (1 paid, 0 refused).
   */
  takeFromBucket(key: string, cost: number, at: number, shape: BucketShape): Promise<BucketTake>;
  /**
   * Adds each charge to its fixed window's counter, atomically across replicas, all in one
   * upsert: a window over at `at` starts again, ending at the charge's `end`. Answers each
   * window's total and end. The cost budget (RL-7) sends what a replica charged this way.
   */
  addToWindows(charges: WindowCharge[], at: number): Promise<Map<string, WindowCount>>;
  close(): Promise<void>;
}

/** A bucket take's parameters: the new row's, the "it pays" test's, and the new `expire`'s. */
export function bucketTakeParameters(key: string, cost: number, at: number, shape: BucketShape) {
  const { capacity, refillPerSecond } = shape;
  const costMs = Math.ceil((cost * 1000) / refillPerSecond);
  const freshOk = cost <= capacity;
  return {
    fresh: [key, freshOk ? 1 : 0, freshOk ? at + costMs : at],
    pays: [at, at, refillPerSecond, cost * 1000, capacity * 1000],
    grow: [at, costMs],
  };
}

/** (max(expire, at) − at) × refill + cost × 1000 ≤ capacity × 1000: integers, no rounding. */
export const paysSql = (max: "MAX" | "GREATEST") =>
  `(${max}(COALESCE(expire, 0), ?) - ?) * ? + ? <= ?`;
