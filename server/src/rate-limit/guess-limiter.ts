import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "pino";
import type { RequestMeta } from "../audit/request-meta";
import { AppError } from "../common/app-error";
import type { Budgets } from "./budgets";
import { remainingAttempts } from "./guess-feedback";
import { hashedKey, type LimiterStore } from "./limiter-store";
import { type Charge, charged, consumeAll, ipOf, refundAll, type TripRecorder } from "./refusal";

/**
 * RL-1: an account proof (number + last payment) is a weak secret. Before each comparison one
 * point is taken, atomically in the shared store, per account number, per client address (hour
 * and day) and per user; a refusal is RATE_LIMITED for known and unknown numbers alike. A failed
 * comparison keeps its points; any other outcome gives them back. These limiters have no memory
 * fallback: if the store fails, verification is refused (RL-2). From the third failure on, a
 * failed proof carries `remainingAttempts` (guess-feedback.ts): the budgets are keyed alike for
 * known and unknown numbers, so it says nothing about whether the number exists.
 */
export class GuessLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIpHour: RateLimiterAbstract;
  private readonly perIpDay: RateLimiterAbstract;
  private readonly perUserDay: RateLimiterAbstract;

  constructor(
    private readonly store: LimiterStore,
    budgets: Budgets,
    private readonly log: Logger,
    private readonly recordTrip?: TripRecorder,
  ) {
    this.perAccount = store.create("guess_account", budgets.guessPerAccount);
    this.perIpHour = store.create("guess_ip_h", budgets.guessPerIpHour);
    this.perIpDay = store.create("guess_ip_d", budgets.guessPerIpDay);
    this.perUserDay = store.create("guess_user_d", budgets.guessPerUserDay);
  }

  /**
   * Runs `compare` (the proof check and what follows it) within the guessing budgets.
   * `accountNumber` is the normalized number; `userId` the caller when logged in.
   */
  async guard<T>(
    accountNumber: string,
    meta: RequestMeta,
    userId: number | undefined,
    compare: () => Promise<T>,
  ): Promise<T> {
    const ip = hashedKey(ipOf(meta));
    const charges: Charge[] = [
      { budget: "guessPerAccount", limiter: this.perAccount, key: accountNumber },
      { budget: "guessPerIpHour", limiter: this.perIpHour, key: ip },
      { budget: "guessPerIpDay", limiter: this.perIpDay, key: ip },
      ...(userId !== undefined
        ? [{ budget: "guessPerUserDay", limiter: this.perUserDay, key: String(userId) }]
        : []),
    ];
    const context = { ip: meta.ip, userId, requestId: meta.requestId, action: "accountProof" };
    let granted: RateLimiterRes[] = [];
    await charged(
      (work) => this.store.run(work),
      async () => {
        granted = await consumeAll(charges, this.log, context);
      },
      this.recordTrip,
      { action: "accountProof", meta, userId },
      this.log,
    );
    let failed = false;
    try {
      return await compare();
    } catch (error) {
      failed = error instanceof AppError && error.code === "ACCOUNT_VERIFICATION_FAILED";
      throw failed ? failedProof(granted) : error;
    } finally {
      if (!failed) await this.store.run(() => refundAll(charges, this.log));
    }
  }

  /** Operator action (support): ends a block on an account number. */
  async lift(accountNumber: string): Promise<boolean> {
    return this.store.run(() => this.perAccount.delete(accountNumber));
  }
}

/** ACCOUNT_VERIFICATION_FAILED, with the failures left before a lock once that is told. */
function failedProof(granted: readonly RateLimiterRes[]): AppError {
  const remaining = remainingAttempts(
    granted.map((res) => ({ consumed: res.consumedPoints, remaining: res.remainingPoints })),
  );
  return new AppError(
    "ACCOUNT_VERIFICATION_FAILED",
    remaining === undefined ? {} : { extensions: { remainingAttempts: remaining } },
  );
}
