import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { normalizeAccountNumber } from "../accounts/account-number.rules";
import { AuditService } from "../audit/audit.service";
import { NO_REQUEST } from "../audit/request-meta";
import type { Clock } from "../core/clock";
import { resolveBudgets } from "./budgets";
import { GuessLimiter } from "./guess-limiter";
import { LimiterStore } from "./limiter-store";

/**
 * Operator action (asked through support, RL-1): ends the guessing block on an account number
 * for everyone. Logged and audited (AUTH-5). True when there was something to lift.
 */
export async function liftAccountBlock(
  deps: { dataSource: DataSource; clock: Clock; log: Logger },
  accountNumber: string,
  operator: string,
): Promise<boolean> {
  const number = normalizeAccountNumber(accountNumber);
  const store = new LimiterStore(deps.dataSource);
  try {
    const lifted = await new GuessLimiter(store, resolveBudgets(), deps.log).lift(number);
    await new AuditService(deps.dataSource, deps.clock).record({
      type: "BLOCK_LIFTED",
      meta: NO_REQUEST,
      detail: { budget: "guessPerAccount", accountNumber: number, operator, lifted },
    });
    deps.log.info(
      { event: "block_lifted", accountNumber: number, operator, lifted },
      lifted ? "account block lifted" : "no block to lift for this account",
    );
    return lifted;
  } finally {
    await store.close();
  }
}
