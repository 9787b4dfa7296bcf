import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "pino";
import type { RequestMeta } from "../audit/request-meta";
import { AppError } from "../common/app-error";

export const retryAfterSeconds = (res: RateLimiterRes): number =>
  Math.max(1, Math.ceil(res.msBeforeNext / 1000));

export const rateLimited = (res: RateLimiterRes): AppError =>
  new AppError("RATE_LIMITED", { extensions: { retryAfterSeconds: retryAfterSeconds(res) } });

/** A refusal by budget; `error` is what the client gets. */
export class LimitTripped extends Error {
  constructor(
    readonly error: AppError,
    readonly budgets: string[],
  ) {
    super("rate limit reached");
  }
}

/** Where limiter trips go besides the log (the audit log). */
export type TripRecorder = (trip: {
  budgets: string[];
  action: string;
  meta: RequestMeta;
  userId?: number;
}) => Promise<void>;

export interface Charge {
  budget: string;
  limiter: RateLimiterAbstract;
  key: string;
}

/**
 * Consumes one point on every charge at once and answers each charge's state, in order. If any
 * refuses, the points taken on the others are given back and the refusal is thrown
 * (RATE_LIMITED; SERVICE_UNAVAILABLE when a store failed; a trip is thrown as LimitTripped so
 * the caller can record it once out of the store).
 */
export async function consumeAll(
  charges: Charge[],
  log: Logger,
  context: Record<string, unknown>,
): Promise<RateLimiterRes[]> {
  const results = await Promise.allSettled(charges.map((c) => consumeRetrying(c)));
  const granted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  if (granted.length === results.length) return granted;
  await refundAll(
    charges.filter((_, i) => results[i].status === "fulfilled"),
    log,
  );
  const failures = results.flatMap((r, i) =>
    r.status === "rejected" ? [{ budget: charges[i].budget, reason: r.reason as unknown }] : [],
  );
  const storeFailure = failures.find((f) => !(f.reason instanceof RateLimiterRes));
  if (storeFailure) {
    log.error(
      { ...context, budget: storeFailure.budget, err: (storeFailure.reason as Error)?.message },
      "rate limiter store failed; refusing",
    );
    throw new AppError("SERVICE_UNAVAILABLE");
  }
  const longest = failures
    .map((f) => f.reason as RateLimiterRes)
    .reduce((a, b) => (a.msBeforeNext >= b.msBeforeNext ? a : b));
  log.warn(
    { ...context, event: "limiter_trip", budgets: failures.map((f) => f.budget) },
    "rate limit reached",
  );
  throw new LimitTripped(
    rateLimited(longest),
    failures.map((f) => f.budget),
  );
}

/** InnoDB may pick a limiter upsert as a deadlock victim (rolled back whole): run it again. */
async function consumeRetrying(charge: Charge, attempts = 3): Promise<RateLimiterRes> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await charge.limiter.consume(charge.key);
    } catch (rejection) {
      const errno = (rejection as { errno?: unknown })?.errno;
      if (attempt >= attempts || (errno !== 1213 && errno !== 1205)) throw rejection;
    }
  }
}

/** Gives one point back on each charge; a failure here only costs the caller a point. */
export async function refundAll(charges: Charge[], log: Logger): Promise<void> {
  const results = await Promise.allSettled(charges.map((c) => c.limiter.reward(c.key)));
  for (const [i, r] of results.entries()) {
    if (r.status === "rejected") {
      log.warn({ budget: charges[i].budget }, "rate limiter refund failed");
    }
  }
}

/** The client's part of a key: the address, or one shared bucket when it is unknown. */
export const ipOf = (meta: RequestMeta): string => meta.ip ?? "unknown";

/**
 * Runs a charge in the store's turn; a trip is recorded (outside the turn: the audit log writes
 * through the same SQLite connection) and rethrown as the client's RATE_LIMITED.
 */
export async function charged(
  run: (work: () => Promise<void>) => Promise<void>,
  work: () => Promise<void>,
  record: TripRecorder | undefined,
  trip: { action: string; meta: RequestMeta; userId?: number },
  log: Logger,
): Promise<void> {
  try {
    await run(work);
  } catch (error) {
    if (!(error instanceof LimitTripped)) throw error;
    if (record) {
      await record({ ...trip, budgets: error.budgets }).catch((err: unknown) =>
        log.error({ err: (err as Error)?.message }, "could not record a limiter trip"),
      );
    }
    throw error.error;
  }
}
