import type { ApolloServerPlugin } from "@apollo/server";
import { AppError } from "../common/app-error";

/**
 * The schema has no subscriptions: a `subscription` operation is the caller's mistake, refused
 * as VALIDATION_FAILED (HTTP 400) before anything runs, not an INTERNAL error in the log.
 */
export function subscriptionRefusalPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new AppError("VALIDATION_FAILED", {
            message: "Subscriptions are not supported: send a query or a mutation.",
            extensions: { http: { status: 400 } },
          });
        },
      };
    },
  };
}
