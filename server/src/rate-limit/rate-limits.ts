import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import { type BudgetOverrides, resolveBudgets } from "./budgets";
import { GuessLimiter } from "./guess-limiter";
import { LimiterStore } from "./limiter-store";
import type { TripRecorder } from "./refusal";
import { RequestLimits } from "./request-limits";

export interface RateLimits {
  store: LimiterStore;
  guesses: GuessLimiter;
  requests: RequestLimits;
}

/** Every limiter of the app over one store; trips go to the audit log. */
export function createRateLimits(
  dataSource: DataSource,
  log: Logger,
  audit: AuditService | undefined,
  overrides: BudgetOverrides = {},
): RateLimits {
  const budgets = resolveBudgets(overrides);
  const store = new LimiterStore(dataSource);
  const recordTrip: TripRecorder | undefined = audit
    ? ({ budgets: tripped, action, meta, userId }) =>
        audit.record({
          type: "RATE_LIMIT_TRIPPED",
          userId: userId ?? null,
          meta,
          detail: { action, budgets: tripped.join(",") },
        })
    : undefined;
  return {
    store,
    guesses: new GuessLimiter(store, budgets, log, recordTrip),
    requests: new RequestLimits(store, budgets, log, recordTrip),
  };
}
