import { NETWORK_ERROR } from "../apollo/failure";

/**
 * Why a sending is kept on the phone, to go again by itself with its idempotency key: no signal;
 * an answer that could not say whether it was stored (sent again with the same key, it counts
 * once); or a server that could not take it just now (not stored). Any other failure is the
 * subscriber's to read beside the field.
 */
export type KeptReason = "offline" | "unconfirmed" | "busy";

const REASONS: Partial<Record<string, KeptReason>> = {
  [NETWORK_ERROR]: "offline",
  OUTCOME_UNKNOWN: "unconfirmed",
  SERVICE_UNAVAILABLE: "busy",
};

export const keptReasonOf = (code: string): KeptReason | undefined => REASONS[code];

/**
 * Answers after which a kept sending stays kept and goes again, with its key, later: those that
 * keep one, and two that only delay it (the subscriber's own attempts, a session to renew).
 */
export const AGAIN_LATER = new Set([...Object.keys(REASONS), "RATE_LIMITED", "UNAUTHENTICATED"]);

/**
 * The queue with `item`'s reason set by its last attempt's `code` (as it was for a code that
 * names none: RATE_LIMITED, UNAUTHENTICATED).
 */
export function markKept<T extends { reason?: KeptReason }>(
  queue: T[],
  item: T,
  code: string,
): T[] {
  const reason = keptReasonOf(code) ?? item.reason;
  return queue.map((other) => (other === item ? { ...item, reason } : other));
}

const MESSAGES: Record<KeptReason, string> = {
  offline: "readings.queued",
  unconfirmed: "readings.queuedUnconfirmed",
  busy: "readings.queuedBusy",
};

/** The notice beside a kept sending (kept before reasons were recorded: no signal). */
export const keptMessageKey = (reason: KeptReason = "offline"): string => MESSAGES[reason];
