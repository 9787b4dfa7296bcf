import type { FastifyReply } from "fastify";

/** What `Retry-After` says when nothing more precise is known (outage, deadline, start-up). */
export const SERVICE_RETRY_AFTER_SECONDS = 5;

type RefusalCode = "SERVICE_UNAVAILABLE" | "OUTCOME_UNKNOWN" | "RATE_LIMITED";

interface ErrorLike {
  extensions?: { code?: unknown; retryAfterSeconds?: unknown };
}

/**
 * Issue 17 item 3: one meaning, one status. A response carrying a retryable refusal answers
 * 503 (the service) or 429 (a limit) with `Retry-After`, so a load balancer or a client can
 * retry on the status alone; other responses keep theirs. The service's state wins over a limit.
 * OUTCOME_UNKNOWN is a 503 too: a retry with the same idempotency key is what it asks for.
 */
export function retryStatusOf(
  errors: readonly ErrorLike[] | undefined,
): { status: 503 | 429; retryAfterSeconds: number } | undefined {
  const codes = (errors ?? []).map((e) => e.extensions?.code);
  if (codes.includes("SERVICE_UNAVAILABLE") || codes.includes("OUTCOME_UNKNOWN")) {
    return { status: 503, retryAfterSeconds: SERVICE_RETRY_AFTER_SECONDS };
  }
  const limits = (errors ?? []).filter((e) => e.extensions?.code === "RATE_LIMITED");
  if (limits.length === 0) return undefined;
  const seconds = limits.map((e) => Number(e.extensions?.retryAfterSeconds));
  const longest = Math.max(1, ...seconds.filter((s) => Number.isFinite(s)));
  return { status: 429, retryAfterSeconds: Math.ceil(longest) };
}

const MESSAGES: Record<RefusalCode, string> = {
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable; try again.",
  OUTCOME_UNKNOWN:
    "The service could not tell in time whether this was carried out; send it again with the same idempotency key.",
  RATE_LIMITED: "Too many attempts; try again later.",
};

/** A refusal from outside GraphQL (HTTP layer), shaped like a GraphQL error response. */
export function sendRefusal(
  reply: FastifyReply,
  code: RefusalCode = "SERVICE_UNAVAILABLE",
  retryAfterSeconds = SERVICE_RETRY_AFTER_SECONDS,
): FastifyReply {
  return reply
    .code(code === "RATE_LIMITED" ? 429 : 503)
    .header("retry-after", String(retryAfterSeconds))
    .header("content-type", "application/json; charset=utf-8")
    .send({
      errors: [
        {
          message: MESSAGES[code],
          extensions: {
            code,
            ...(code === "RATE_LIMITED" ? { retryAfterSeconds } : {}),
          },
        },
      ],
    });
}
