import type { RequestMeta } from "../audit/request-meta";

/**
 * SECURITY REC-5 / RL-6: at most 3 reset e-mails per e-mail string (registered or not) and 20
 * per client address an hour. The rate-limit module's `RequestLimits` implements it and is
 * passed to `PasswordResetService` in services.ts. A refused request still answers `true`; the
 * service then sends nothing and leaves the user's live link alone.
 */
export interface ResetRequestThrottle {
  /** Consumes a point for this request; false when a budget is spent. */
  mayRequestReset(email: string, meta: RequestMeta): Promise<boolean>;
  /** Consumes a point per client address for a token status check; RATE_LIMITED when spent. */
  beforeResetTokenCheck(meta: RequestMeta): Promise<void>;
}

/** Without a limiter (scripts, unit tests): every request may send. */
export const unlimitedResetRequests: ResetRequestThrottle = {
  mayRequestReset: async () => true,
  beforeResetTokenCheck: async () => {},
};
