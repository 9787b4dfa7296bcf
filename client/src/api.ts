import {
  ApolloClient,
  ApolloError,
  HttpLink,
  InMemoryCache,
  type OperationVariables,
  type TypedDocumentNode,
} from "@apollo/client/core";

/** A refusal or failure in the app's terms: the contract code and, for input errors, the field. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "ApiFailure";
  }
}

/** The code the app uses when the server cannot be reached at all. */
export const NETWORK_ERROR = "NETWORK";

let accessToken: string | null = null;
export const setAccessToken = (token: string | null): void => {
  accessToken = token;
};
export const hasAccessToken = (): boolean => accessToken !== null;

/** HttpLink sends `content-type: application/json`, which Apollo's CSRF prevention requires. */
export const apolloClient = new ApolloClient({
  link: new HttpLink({
    uri: "/graphql",
    credentials: "same-origin",
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
      return fetch(input, { ...init, headers });
    },
  }),
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: "no-cache", errorPolicy: "none" },
    mutate: { fetchPolicy: "no-cache", errorPolicy: "none" },
  },
});

export function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof ApolloError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const extensions = (first.extensions ?? {}) as Record<string, unknown>;
      const code = typeof extensions.code === "string" ? extensions.code : "INTERNAL";
      const field = typeof extensions.field === "string" ? extensions.field : undefined;
      return new ApiFailure(code, field, extensions);
    }
    const network = error.networkError as { statusCode?: number; result?: unknown } | null;
    const result = network?.result as { errors?: { extensions?: Record<string, unknown> }[] };
    const nested = result?.errors?.[0]?.extensions;
    if (nested && typeof nested.code === "string") {
      return new ApiFailure(nested.code, nested.field as string | undefined, nested);
    }
    if (network?.statusCode === 429) return new ApiFailure("RATE_LIMITED");
    if (network?.statusCode && network.statusCode >= 500)
      return new ApiFailure("SERVICE_UNAVAILABLE");
    return new ApiFailure(NETWORK_ERROR);
  }
  return new ApiFailure(NETWORK_ERROR);
}

type Refresher = () => Promise<boolean>;
type Expired = () => void;
let refresher: Refresher = async () => false;
let onExpired: Expired = () => undefined;

/** The session composable plugs in how to refresh once, and what to do when that fails. */
export function configureSessionRecovery(refresh: Refresher, expired: Expired): void {
  refresher = refresh;
  onExpired = expired;
}

async function withRecovery<T>(run: () => Promise<T>, recover: boolean): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const failure = toFailure(error);
    if (failure.code !== "UNAUTHENTICATED" || !recover) throw failure;
    if (!(await refresher())) {
      onExpired();
      throw failure;
    }
    try {
      return await run();
    } catch (retryError) {
      const retryFailure = toFailure(retryError);
      if (retryFailure.code === "UNAUTHENTICATED") onExpired();
      throw retryFailure;
    }
  }
}

export interface CallOptions {
  /** Refresh the session once on UNAUTHENTICATED and retry (default true). */
  recover?: boolean;
}

export function runQuery<TData, TVars extends OperationVariables>(
  query: TypedDocumentNode<TData, TVars>,
  variables?: TVars,
  options: CallOptions = {},
): Promise<TData> {
  return withRecovery(async () => {
    const result = await apolloClient.query({ query, variables });
    return result.data;
  }, options.recover ?? true);
}

export function runMutation<TData, TVars extends OperationVariables>(
  mutation: TypedDocumentNode<TData, TVars>,
  variables?: TVars,
  options: CallOptions = {},
): Promise<TData> {
  return withRecovery(async () => {
    const result = await apolloClient.mutate({ mutation, variables });
    if (!result.data) throw new ApiFailure("INTERNAL");
    return result.data;
  }, options.recover ?? true);
}
