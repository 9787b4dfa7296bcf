import type { ApolloServerPlugin } from "@apollo/server";
import { retryStatusOf } from "../http/retry-refusal";

/**
 * A response whose errors carry SERVICE_UNAVAILABLE or RATE_LIMITED answers 503 or 429 with
 * `Retry-After`, whichever layer threw it (resolver, plugin, limiter); issue 17 item 3.
 */
export function retryStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const refusal = retryStatusOf(response.body.singleResult.errors);
          if (!refusal) return;
          response.http.status = refusal.status;
          response.http.headers.set("retry-after", String(refusal.retryAfterSeconds));
        },
      };
    },
  };
}
