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

/** A GraphQL error's `extensions` as the app's failure. */
export function failureOfExtensions(extensions: Record<string, unknown> = {}): ApiFailure {
  const code = typeof extensions.code === "string" ? extensions.code : "INTERNAL";
  const field = typeof extensions.field === "string" ? extensions.field : undefined;
  return new ApiFailure(code, field, extensions);
}

interface HttpFailure {
  statusCode?: number;
  result?: { errors?: Array<{ extensions?: Record<string, unknown> }> } | string;
}

/**
 * A transport failure as the app's failure: a GraphQL body the server sent with a non-2xx status
 * (429, 503) keeps its code; otherwise the status says what happened; no status at all means the
 * server was not reached.
 */
export function failureOfNetworkError(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const http = (error ?? {}) as HttpFailure;
  const first = typeof http.result === "object" ? http.result?.errors?.[0] : undefined;
  if (first) return failureOfExtensions(first.extensions);
  const status = http.statusCode;
  if (status === 429) return new ApiFailure("RATE_LIMITED");
  if (status !== undefined && status >= 500) return new ApiFailure("SERVICE_UNAVAILABLE");
  return new ApiFailure(NETWORK_ERROR);
}

interface ApolloErrorShape {
  graphQLErrors: Array<{ extensions?: Record<string, unknown> }>;
  networkError: unknown;
}

/** Whatever a request threw, as the app's failure (the failure link makes every error one). */
export function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  // An ApolloError, recognised by its shape: this module is on the first screen, Apollo is not.
  const apollo = error as Partial<ApolloErrorShape> | null;
  if (apollo && typeof apollo === "object" && Array.isArray(apollo.graphQLErrors)) {
    if (apollo.networkError) return failureOfNetworkError(apollo.networkError);
    const first = apollo.graphQLErrors[0];
    if (first) return failureOfExtensions(first.extensions);
  }
  return new ApiFailure(NETWORK_ERROR);
}
