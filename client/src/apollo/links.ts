// The link entry points, not @apollo/client/core: the session's requests go through these links
// (session-link.ts) before the client and its cache have loaded.
import { ApolloLink, type FetchResult } from "@apollo/client/link/core";
import { HttpLink } from "@apollo/client/link/http";
import { Observable } from "@apollo/client/utilities";
import { getAccessToken } from "./access-token";
import { ApiFailure, failureOfExtensions, failureOfNetworkError } from "./failure";
import { sessionHooks } from "./session-hooks";

/** Per-operation context the app's links read. */
export interface AppContext {
  /** Refresh the session once on UNAUTHENTICATED and retry (default true). */
  recover?: boolean;
}

/** The bearer token of the moment, read when each attempt leaves (a retry carries the new one). */
export const authLink = new ApolloLink((operation, forward) => {
  const token = getAccessToken();
  if (token) {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${token}` },
    }));
  }
  return forward(operation);
});

/**
 * Every error becomes an `ApiFailure` with the contract's code: a GraphQL refusal keeps its
 * `extensions` (`code`, `field`, parameters), a transport failure says what it was. The app's
 * answers are all-or-nothing, so an answer with errors is a failure.
 */
export const failureLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      const subscription = forward(operation).subscribe({
        next(result) {
          const first = result.errors?.[0];
          if (first) observer.error(failureOfExtensions(first.extensions ?? {}));
          else observer.next(result);
        },
        error: (error: unknown) => observer.error(failureOfNetworkError(error)),
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    }),
);

const isUnauthenticated = (error: unknown) =>
  error instanceof ApiFailure && error.code === "UNAUTHENTICATED";

/**
 * On UNAUTHENTICATED (an access token that expired while the app was open): refresh the session
 * once through the cookie and send the operation again; when that fails, the session is over.
 */
export const refreshLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      const recover = (operation.getContext() as AppContext).recover ?? true;
      let inner: { unsubscribe(): void } | null = null;
      let closed = false;
      const attempt = (retried: boolean) => {
        inner = forward(operation).subscribe({
          next: (result) => observer.next(result),
          complete: () => observer.complete(),
          error: (error: unknown) => {
            if (!isUnauthenticated(error) || !recover) return observer.error(error);
            if (retried) {
              sessionHooks.expired();
              return observer.error(error);
            }
            sessionHooks.refresh().then(
              (renewed) => {
                if (closed) return;
                if (renewed) return attempt(true);
                sessionHooks.expired();
                observer.error(error);
              },
              () => {
                if (!closed) observer.error(error);
              },
            );
          },
        });
      };
      attempt(false);
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    }),
);

/** Notes when the server last answered a query, for the "as of" of data shown offline. */
export const syncLink = new ApolloLink((operation, forward) =>
  forward(operation).map((result) => {
    const isQuery = operation.query.definitions.some(
      (definition) => definition.kind === "OperationDefinition" && definition.operation === "query",
    );
    if (isQuery) sessionHooks.synced(new Date());
    return result;
  }),
);

/**
 * POST /graphql with `content-type: application/json` (the server's CSRF prevention requires it)
 * and the session cookie (same origin).
 */
export const httpLink = new HttpLink({
  uri: "/graphql",
  credentials: "same-origin",
  headers: { accept: "application/graphql-response+json, application/json" },
  // Looked up at each request, not when this module loads (tests install fetch later).
  fetch: (input, init) => fetch(input, init),
});

/** The app's chain: recover the session, note the sync, map failures, authenticate, send. */
export const appLink = (terminal: ApolloLink = httpLink): ApolloLink =>
  ApolloLink.from([refreshLink, syncLink, failureLink, authLink, terminal]);
