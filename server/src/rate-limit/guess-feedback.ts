/** One guessing budget as charged for this attempt: points used in its window, points left. */
export interface BudgetUse {
  consumed: number;
  remaining: number;
}

/** The failure from which a wrong proof says how many are left before the lock. */
export const WARN_FROM_FAILURE = 3;

/**
 * How many failures are left before a lock, for a failed proof: the least left among the
 * budgets charged, told once the budget nearest to its lock holds its third failure (this one
 * included); before that, undefined. Nothing else is told (which budget, whose failures).
 */
export function remainingAttempts(uses: readonly BudgetUse[]): number | undefined {
  if (uses.length === 0) return undefined;
  const nearest = uses.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.consumed > a.consumed) ? b : a,
  );
  return nearest.consumed >= WARN_FROM_FAILURE ? nearest.remaining : undefined;
}
